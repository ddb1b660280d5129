"""Hedges and attributions, from one-line sentences."""
import pytest

from test_roles import claims_of


@pytest.mark.parametrize("text,surface,hedged", [
    ("Google is reportedly in talks over a $10 billion deal.", "$10 billion", True),
    ("Amazon will invest $4 billion, people familiar with the matter said.", "$4 billion", True),
    ("xAI is raising $15 billion, CNBC reported, citing sources.", "$15 billion", True),
    ("Rumours that Apple will pay Google $1 billion a year have swirled.", "$1 billion", True),
    ("Rumours drove the stock up a total of 5.50 dlrs in two days.", "5.50 dlrs", False),
    ("Meta could spend $70 billion next year.", "$70 billion", True),
    ("Oracle plans to build 4.5 gigawatts of capacity.", "4.5 gigawatts", True),
    ("The potential deal is worth $5 billion.", "$5 billion", True),
    ("It intends to scale up to 1 million TPUs.", "up to 1 million TPUs", True),
    ("Amazon has committed to invest $4 billion in Anthropic.", "$4 billion", False),
    ("Anthropic signed over a dozen preliminary agreements.",
     "over a dozen preliminary agreements", False),
    ("Amazon invested $4 billion, with an option to invest $25 billion.", "$4 billion", False),
    ("Amazon invested $4 billion, with an option to invest $25 billion.", "$25 billion", True),
    ("In May the firm sold 5 GW.", "5 GW", False),
    # beliefs, estimates and guidance are hedged
    ("OpenAI is believed to have paid $6 billion for the startup.", "$6 billion", True),
    ("Meta is understood to be spending $10 billion on the site.", "$10 billion", True),
    ("IDC estimates the market at $300 billion.", "$300 billion", True),
    ("Revenue is seen at $20 billion next year.", "$20 billion", True),
    ("The chipmaker guided for revenue of $54 billion.", "$54 billion", True),
    ("The company sees full-year capital expenditures of about $70 billion.", "about $70 billion",
     True),
    # a change's dated starting value is known; a range or an undated old target is not
    ("Analysts expect revenue to grow 15% from $65.6 billion a year ago.", "$65.6 billion", False),
    ("Analysts expect revenue to grow 15% from $65.6 billion a year ago.", "15%", True),
    ("The deal could be worth from $5 billion to $6 billion.", "$5 billion to $6 billion", True),
    ("Analysts raised their target price from US$117 to US$160.", "US$117", True),
    # a forecasting verb that governs the figure's clause, wherever it stands
    ("Revenue will reach $5 billion next year, analysts estimate.", "$5 billion", True),
    ("Nvidia reported revenue of $35 billion, beating analysts' expectations.", "$35 billion",
     False),
    ("The result compared with analysts' expectations of 248.9 billion yuan.",
     "248.9 billion yuan", True),
    ("Despite seeing net profits rise by 44% to $205.4m, Wall Street had expected more.",
     "$205.4m", False),
    ("Analysts expect cuts at its brokerage unit, which employs 40,000 staff.", "40,000 staff",
     False),
    ("Nscale said the company aimed to reach 1.3 GW of contracted capacity by 2027.", "1.3 GW",
     True),
    # what a thing may grow to is a potential, not what is built
    ("The campus will open with 100MW in 2026, expandable to 1GW.", "expandable to 1GW", True),
    ("The campus will open with 100MW in 2026, expandable to 1GW.", "100MW", False),
    ("The hall will house 20,000 GPUs, upgradable to 50,000.", "upgradable to 50,000", True),
])
def test_hedged(nlp, text, surface, hedged):
    [claim] = [c for c in claims_of(nlp, text) if c.surface == surface]
    assert claim.hedged is hedged
    assert bool(claim.hedge_cues) is hedged


@pytest.mark.parametrize("text,attribution", [
    ("Compute demand will reach 50 GW, says Sarah Krane, a senior analyst at Gartner.",
     "Sarah Krane, a senior analyst at Gartner"),
    ("According to Bloomberg, Amazon will invest $8 billion.", "Bloomberg"),
    ("Amazon will invest $4 billion, sources familiar with the matter said.",
     "sources familiar with the matter"),
    ("Amazon will invest $4 billion in Anthropic.", None),
])
def test_attribution(nlp, text, attribution):
    assert claims_of(nlp, text)[0].attribution == attribution


def test_an_attributed_analyst_firm_is_not_a_party(nlp):
    claim = claims_of(nlp, "Demand will reach 50 GW, says Sarah Krane, an analyst at Gartner.")[0]
    assert claim.subject != "Gartner" and claim.counterparty != "Gartner"


@pytest.mark.parametrize("text,surface,hedged", [
    # scoped cues hedge the figures after them in the sentence, not before
    ("Amazon invested $4 billion and could add $2 billion more.", "$2 billion", True),
    ("Amazon invested $4 billion and could add $2 billion more.", "$4 billion", False),
    ("We expect revenue to grow to $18 billion and then to $32 billion.", "$32 billion", True),
    # a noun that governs the figure hedges it wherever it stands
    ("The $75 billion spending plan came with the results.", "$75 billion", True),
    ("SoftBank has the option to syndicate up to $10 billion.", "up to $10 billion", True),
    # a description of an entity holds whatever the main verb's mood
    ("This would assure landlords that Google, valued at $2 trillion, backs the lease.",
     "$2 trillion", False),
    ("Blackstone was nearing a deal to buy AirTrunk for A$20 billion.", "A$20 billion", True),
    ("It was reported that Musk was buying 10,000 GPUs.", "10,000 GPUs", True),
])
def test_scope_of_cues(nlp, text, surface, hedged):
    [claim] = [c for c in claims_of(nlp, text) if c.surface == surface]
    assert claim.hedged is hedged, claim.hedge_cues


def test_cues_are_lower_case(nlp):
    [claim] = claims_of(nlp, "People familiar with the matter said Meta will pay $10 billion.")
    assert claim.hedge_cues == ["people familiar"]
