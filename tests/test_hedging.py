"""Hedges and attributions, from one-line sentences."""
import pytest

from test_roles import claims_of


@pytest.mark.parametrize("text,surface,hedged", [
    ("Google is reportedly in talks over a $10 billion deal.", "$10 billion", True),
    ("Amazon will invest $4 billion, people familiar with the matter said.", "$4 billion", True),
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
