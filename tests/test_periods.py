"""`when`, from one-line sentences."""
from datetime import datetime, timezone

import pytest

from test_roles import claims_of

PUBLISHED = datetime(2025, 3, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize("text,when", [
    ("Amazon invested $1.25 billion in Anthropic in 2023.", "2023"),
    ("The company announced in November 2025 a $50 billion investment.", "2025-11"),
    ("The first gigawatt of 10 GW comes online in the second half of 2026.", "2026-H2"),
    ("Meta will spend $65 billion in the first quarter of 2025.", "2025-Q1"),
    ("Amazon invested $4 billion in Anthropic last year.", "2024"),
    # "late", "early", "by the end of" a year: the year (the gold conventions)
    ("Amazon invested $8 billion in Anthropic late 2024.", "2024"),
    ("AWS expects Anthropic to use one million chips by the end of 2025.", "2025"),
    # fiscal periods in the company's own numbering
    ("Azure generated over $75 billion in fiscal 2025.", "FY2025"),
    ("Revenue rose 35% to 240 billion yuan in fiscal year 2028.", "FY2028"),
    ("In Q3 FY 2026 (ended October 26, 2025), Nvidia reported revenue of $57.0 billion.",
     "FY2026-Q3"),
    ("EPS was $0.78 in Q3 of fiscal 2025.", "FY2025-Q3"),
    ("Oracle reported fiscal first quarter 2026 results as obligations surged 359%.",
     "FY2026-Q1"),
    ("The company guided to revenue of $18 billion for FY28.", "FY2028"),
    ("Microsoft forecast $30 billion in capital spending for the current fiscal first quarter.",
     "FY2025-Q1"),
    ("Microsoft's revenue of $70 billion this fiscal year beat forecasts.", "FY2025"),
    ("Broadcom's stock is up about 10% today.", "2025-03-10"),
    ("Capital spending will reach $30 billion this quarter.", "2025-Q1"),
    ("The deal dwarfs OpenAI's current revenues of roughly $10 billion a year.", "2025"),
    # a quarter named by its months is a calendar quarter; a year named by its end is a fiscal
    # year; a relative date hangs on "the end of"
    ("Sony earned 500 billion yen in the July-September quarter.", "2024-Q3"),
    ("Toyota posted profit of 1 trillion yen for the April\u2013June quarter of 2025.", "2025-Q2"),
    ("Infosys expects revenue of $20 billion in the year ending March 2026.", "FY2026"),
    ("Tata reported profit of 50 billion rupees for the fiscal year ended March 31, 2025.",
     "FY2025"),
    ("OpenAI will have 2 GW of capacity by the end of next year.", "2026"),
    # ... or by the month it ends in; a quarter ending in another month is a fiscal one
    ("The company earned $3.2 billion in the December quarter.", "2024-Q4"),
    ("Apple earned $15 billion in the September 2024 quarter.", "2024-Q3"),
    ("Revenue for the three months ended Sept. 30, 2024 rose 26% to $51.2 billion.", "2024-Q3"),
    ("The company's revenue in the quarter to September rose 94% to $57 billion.", "2024-Q3"),
    ("Nvidia's revenue for the quarter ended October 26, 2025 was $57 billion.", None),
    # the date of a change's starting value is that value's, not the new one's
    ("Meta expects capex to rise from $39 billion last year to $70 billion.", None),
    ("Meta's capex rose to $70 billion this year from $39 billion.", "2025"),
    # a fiscal year named by its two calendar years is numbered by its end; halves in short
    ("Reliance expects capex of ₹1.5 trillion in fiscal 2025-26.", "FY2026"),
    ("Infosys reported revenue of $19 billion for 2024/25.", "FY2025"),
    ("The company earned $3 billion in 1H26.", "2026-H1"),
    ("Capex hit $30 billion in the September-quarter of 2024.", "2024-Q3"),
    # bounds, spans and other events' dates are no period of the figure
    ("CoreWeave signed a $14.2 billion agreement with Meta running through December 2031.", None),
    ("The hub will add $5 billion to the economy between 2028 and 2032.", None),
    ("Unit 1 has been in operation since 1983 and delivers about 1,257MW.", None),
    ("Microsoft expects to spend $30 billion, while its CFO said growth will continue in 2026.",
     None),
    ("Nvidia said on Nov. 3, 2025 that it sold 1 million GPUs.", "2025-11-03"),
    # a quarter without a year: the latest one begun by the publication date (2025-03-10), or
    # for past results the latest over
    ("SAP's cloud revenue is €5.1 billion in the first quarter.", "2025-Q1"),
    ("SAP reported cloud revenue of €5.1 billion in the first quarter.", "2024-Q1"),
    ("Amazon's AWS posted sales of $33 billion in the fourth quarter.", "2024-Q4"),
    ("Capital spending will reach $30 billion in the third quarter of next year.", "2026-Q3"),
    # ... also a half; a forecast's is the next one not yet over
    ("For the first half, Ericsson reported revenue of 7.2 billion euros.", "2024-H1"),
    ("Hitachi posted operating profit of 274 billion yen in the second half.", "2024-H2"),
    ("Hitachi posted operating profit of 274 billion yen in the first half of fiscal 2025.",
     "FY2025-H1"),
    ("Keysight expects revenue of about $1.4 billion in the first half of next year.", "2026-H1"),
    ("SAP expects cloud revenue of €5.4 billion in the fourth quarter.", "2025-Q4"),
    ("Intel will spend $2 billion on equipment in the fourth quarter.", "2025-Q4"),
    ("Intel forecast revenue of about $6.85 billion in the first quarter.",
     "2025-Q1"),
    # a month of a relative year; a month after the publication's is last year's unless looked
    # ahead to
    ("Flex bought Crown Technical Systems for $325 million in April last year.", "2024-04"),
    ("Anthropic raised $13 billion in a Series F round in September.", "2024-09"),
    ("The company will deliver 500MW in December.", "2025-12"),
    # a quarter named by its months, without the word; a half
    ("Net profit for July-September 2024 rose to NT$452.3 billion.", "2024-Q3"),
    ("Net profit for January-June 2024 rose to NT$452.3 billion.", "2024-H1"),
    # a period of a noun in a phrase that says what the figure measures; a period that
    # modifies the measure before a nearer one on the verb
    ("Samsung posted a 208% jump in fourth-quarter operating profit.", "2024-Q4"),
    ("AMD reported fourth-quarter revenue of $10.3 billion in February.", "2024-Q4"),
    ("TimeWarner posted a profit of $3.36bn, up 27% from its 2003 performance.", None),
    # a start date wherever the model hangs it ("starting" on "TPUs")
    ("Meta is in talks with Google to spend billions of dollars on TPUs starting in 2027.",
     "2027"),
    ("The first phase, with 1.4 GW, is due to come online in mid-2026.", "2026"),
    ("Microsoft signed a deal worth $9.7 billion with IREN last week.", "2025-03"),
    # the base of a change has its own date, resolved: "at the start of the year"
    ("Revenue hit $13 billion in February, up from $6 billion at the start of the year.", "2025"),
    # a year named by the month it ends in, without its year; a part of this year; a fiscal
    # quarter without a year (the latest begun, a fiscal year counting from July)
    ("For the 12 months to March, SoftBank posted a net profit of ¥1.15 trillion.", "FY2024"),
    ("Sales in the first nine months of the year rose 12% to €21 billion.", "2025"),
    ("In the year through June, Alibaba spent 77 billion yuan on capex.", "FY2024"),
    ("In late February, Amazon said it would invest $50 billion.", "2025-02"),
    ("In its fiscal third quarter, Kioxia's revenue hit $11.3 billion.", "FY2025-Q3"),
    ("The money supply rose 15.7 pct in the first nine months of 1986/87.", "FY1987"),
    # a date on the state the thing will be in: "ready ... in the third quarter"
    ("The first phase of 200MW will be in place and ready at some point in the third quarter "
     "of next year, he said.", "2026-Q3"),
    # the period of the measure a figure changes: "revenue for the first nine months of 2025"
    ("TSMC's revenue for the first nine months of 2024 rose 36%.", "2024"),
    ("Amazon will invest $4 billion in Anthropic.", None),
    ("Anthropic, founded in 2021, raised $13 billion.", None),
    # a clause joined to another with another actor is another statement; one about the same
    # company's things is not
    ("Nvidia will capture 43 percent of server spending by 2024, but AMD also performed "
     "strongly, with Microsoft buying 96,000 of its MI300 chips.", None),
    ("Oracle reported fiscal first quarter 2026 results, but the firm's remaining performance "
     "obligations surged 359%.", "FY2026-Q1"),
])
def test_when(nlp, text, when):
    claim = [c for c in claims_of(nlp, text, PUBLISHED) if c.metric != "count"][-1]
    assert claim.when == when


def test_a_date_on_the_target_of_a_change_dates_the_change(nlp):
    claims = claims_of(nlp, "TSMC's net profit rose 39% to NT$452.3 billion in the third quarter.",
                       PUBLISHED)
    assert [(c.surface, c.when) for c in claims] == [("39%", "2024-Q3"),
                                                     ("NT$452.3 billion", "2024-Q3")]


@pytest.mark.parametrize("text,whens", [
    # a date after the value a change starts from, also after "in" or "for", is that value's
    ("Sales climbed to 131.9 billion kronor from 117.7 billion kronor in 2003.",
     [("131.9 billion kronor", None), ("117.7 billion kronor", "2003")]),
    ("The rate is 6.5 pct against 3.8 pct in 1985.", [("6.5 pct", None), ("3.8 pct", "1985")]),
    # a period counted from another the sentence names (else from publication, 2025-03-10),
    # and none for a comparison's base alone
    ("Intel reported a third-quarter net income of $4.1 billion, compared with a loss of $16.6 "
     "billion a year earlier.", [("$4.1 billion", "2024-Q3"), ("$16.6 billion", "2023-Q3")]),
    ("Dell expects to ship $20 billion of AI servers in fiscal 2026, up from about $10 billion "
     "the year before.", [("$20 billion", "FY2026"), ("about $10 billion", "FY2025")]),
    ("Operating profit for the July-September quarter of 2025 was 12.1 trillion won, more than "
     "double the previous quarter's 4.7 trillion won.",
     [("12.1 trillion won", "2025-Q3"), ("4.7 trillion won", "2025-Q2")]),
    ("Profit was $3 billion, up from $2 billion a year ago.",
     [("$3 billion", None), ("$2 billion", "2024")]),
    ("Revenue rose 20% from a year earlier to $5 billion.", [("20%", None), ("$5 billion", None)]),
    # ... unless the change revises a forecast: the date is the forecast's
    ("The OECD cut its growth forecast to 1.9% from 2.4% in 2005.",
     [("1.9%", "2005"), ("2.4%", "2005")]),
    ("Meta raised its capex forecast to $66 billion from $64 billion for this year.",
     [("$66 billion", "2025"), ("$64 billion", "2025")]),
])
def test_a_date_after_a_changed_value_is_its_own(nlp, text, whens):
    assert [(c.surface, c.when) for c in claims_of(nlp, text, PUBLISHED)] == whens


@pytest.mark.parametrize("text,whens", [
    ("The first phase of 200 megawatts is due to be completed in 2027, scalable to 1.2 "
     "gigawatts.", [("200 megawatts", "2027"), ("scalable to 1.2 gigawatts", None)]),
    ("The company will build a 500MW data centre, scalable to 1GW, by the end of 2026.",
     [("500MW", "2026"), ("scalable to 1GW", None)]),
    # a date of the potential's own
    ("The site, expandable to 2GW by 2030, will start with 300MW next year.",
     [("expandable to 2GW", "2030"), ("300MW", "2026")]),
])
def test_a_deadline_does_not_date_what_a_thing_may_grow_to(nlp, text, whens):
    assert [(c.surface, c.when) for c in claims_of(nlp, text, PUBLISHED)] == whens


@pytest.mark.parametrize("text,when", [
    # a company's own fiscal calendar, where the alias table knows it (published 2025-11-20)
    ("Nvidia forecast fourth-quarter revenue of $65 billion.", "FY2026-Q4"),
    ("Nvidia expects revenue of $65 billion in its fiscal fourth quarter.", "FY2026-Q4"),
    ("Microsoft expects capital spending of $35 billion in the current fiscal first quarter.",
     "FY2026-Q1"),
    ("SoftBank posted a net profit of 2.16 trillion yen in its fiscal second quarter.",
     "FY2025-Q2"),  # numbered by the year it starts in
    ("Oracle expects revenue to grow 16% this fiscal year.", "FY2026"),
    ("Samsung posted an operating profit of 12.1 trillion won in the third quarter.", "2025-Q3"),
    ("Micron will spend $2 billion on equipment in the fourth quarter.", "FY2026-Q4"),
])
def test_a_companys_fiscal_calendar(nlp, text, when):
    claim = claims_of(nlp, text, datetime(2025, 11, 20, tzinfo=timezone.utc))[0]
    assert claim.when == when


def test_relative_dates_need_a_publication_date(nlp):
    claim = claims_of(nlp, "Amazon invested $4 billion in Anthropic last year.")[0]
    assert claim.when is None
