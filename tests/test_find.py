"""Figures found with the real model: counted nouns, chips, qualifiers, and what is not a claim."""
import pytest

from pipeline.annotate import masked_doc
from pipeline.figures.find import candidate_starts, figure_sentences, get_rules


def one(figures_of, text):
    found = figures_of(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,surface,metric,value,unit", [
    ("Microsoft will buy 150,000 Nvidia H100 GPUs.", "150,000 Nvidia H100 GPUs", "chips", 150000,
     "GPUs"),
    ("The lab ordered 100k H100s last month.", "100k H100s", "chips", 100000, "GPUs"),
    ("It plans 3+ million AI chips by 2027.", "3+ million AI chips", "chips", 3e6, "chips"),
    ("Google will supply 1 million TPUs to the startup.", "1 million TPUs", "chips", 1e6, "TPUs"),
    ("The firm uses Google's TPU chips and aims for up to an impressive 1 million units.",
     "up to an impressive 1 million units", "chips", 1e6, "TPUs"),
    ("The campus will have four buildings.", "four buildings", "count", 4, "buildings"),
    ("The plant can power 2.3 million households.", "2.3 million households", "count", 2.3e6,
     "households"),
    ("It signed over a dozen preliminary agreements to lease sites.",
     "over a dozen preliminary agreements", "count", 12, "agreements"),
    ("Amazon operates over 100 data centers worldwide.", "over 100 data centers", "count", 100,
     "data centers"),
    ("Training needs thousands of high-performance chips.",
     "thousands of high-performance chips", "chips", 1000, "chips"),
    ("The company operates twelve data centres.", "twelve data centres", "count", 12,
     "data centres"),
    ("The deal will bring 1,250 high\u2011skilled jobs.", "1,250 high\u2011skilled jobs", "count",
     1250, "jobs"),
])
def test_counted_nouns(figures_of, text, surface, metric, value, unit):
    got = one(figures_of, text)
    assert got[:2] == (surface, metric)
    assert got[2] == pytest.approx(value)
    assert got[3] == unit


@pytest.mark.parametrize("text", [
    "The two companies signed the deal, one of the most important of the year.",
    "Google and Anthropic, two of the most influential forces in AI, met in 2023.",
    "OpenAI's GPT-4 and Meta's Llama 3 models were trained on Nvidia H100 chips [1, 3].",
    "Monday 15 June 2026 10:40",
    "The company has spent the past two years rebuilding its reputation.",
    "It was the first phase of the 2024 plan, its 2nd in 10 years.",
    "The AI boom has become a trillion-dollar tug-of-war among tech giants.",
    "The TPU v5e and Trainium2 chips are cheaper than the H100.",
    "Shares of NVDA rose on the 3rd day of trading.",
    "The farm reached 1" + "0" * 308 + " MW.",
    "A single Trainium2 chip can complete trillions of calculations per second.",
    "In the second quarter million users joined.",
    "Korea aims to become one of the top three AI powers.",  # a ranking, not "to top 500,000"
    "Halo 2 won the award.",  # a verb, not Korean won
])
def test_not_claims(figures_of, text):
    assert figures_of(text) == []


# One chip vocabulary: unit GPUs | TPUs | accelerators | chips, the model named as item.
@pytest.mark.parametrize("text,surface,value,unit,item", [
    ("Microsoft bought 200,000 Nvidia H100/H200 GPUs.", "200,000 Nvidia H100/H200 GPUs", 2e5,
     "GPUs", "H100/H200"),
    ("The cluster has 230,000 graphics processing units.", "230,000 graphics processing units",
     2.3e5, "GPUs", None),
    ("xAI wants up to 400,000 GB200s.", "up to 400,000 GB200s", 4e5, "GPUs", "GB200"),
    ("AMD will ship 50,000 MI450 accelerators.", "50,000 MI450 accelerators", 5e4,
     "accelerators", "MI450"),
    ("Amazon built 500,000 Trainium2 chips.", "500,000 Trainium2 chips", 5e5, "chips",
     "Trainium2"),
    ("It bought 10,000 AI processors.", "10,000 AI processors", 1e4, "chips", None),
    ("The firm bought 36,000 superchips.", "36,000 superchips", 3.6e4, "chips", None),
    ("Google will supply 1 million Tensor Processing Units.", "1 million Tensor Processing Units",
     1e6, "TPUs", None),
    ("Anthropic will use one million TPUs.", "one million TPUs", 1e6, "TPUs", None),
    ("It rents 1 million TPU v7 chips.", "1 million TPU v7 chips", 1e6, "chips", "TPU v7"),
    ("Google will sell up to 1 million of its specialized AI chips.",
     "up to 1 million of its specialized AI chips", 1e6, "chips", None),
    ("It is part of its 300,000-GPU global expansion.", "300,000-GPU", 3e5, "GPUs", None),
    ("xAI brought its Colossus 100k H100 training cluster online.", "100k H100", 1e5, "GPUs",
     "H100"),
    ("Tesla bought around 10,000 units of the H100 GPU.", "around 10,000 units", 1e4, "GPUs",
     "H100"),
    ("The firm uses Google's TPU chips and aims for up to 1 million units.",
     "up to 1 million units", 1e6, "TPUs", "TPU"),
    ("Microsoft bought almost half a million Nvidia's flagship Hopper chips.",
     "almost half a million Nvidia's flagship Hopper chips", 5e5, "chips", "Hopper"),
    ("They got eighteen thousand Nvidia GB300 \u201cBlackwell\u201d chips.",
     "eighteen thousand Nvidia GB300 \u201cBlackwell\u201d chips", 1.8e4, "chips", "Blackwell"),
    ("Almost 600,000 x H100-equivalents of compute will be ready.",
     "Almost 600,000 x H100-equivalents", 6e5, "GPUs", "H100"),
])
def test_chips_of_every_name(nlp, text, surface, value, unit, item):
    found = [f for f in nlp(text)._.figures if f.metric == "chips"]
    assert len(found) == 1, found
    fig = found[0]
    assert (fig.surface, fig.unit, fig.item) == (surface, unit, item)
    assert fig.value == pytest.approx(value)


@pytest.mark.parametrize("text,value,unit,item", [
    ("Meta bought 350,000 H100s. It will deploy 120,000 of them in Texas.", 1.2e5, "GPUs", "H100"),
    ("Nvidia shipped 2 million GPUs last year. It sold 300,000 globally.", 3e5, "GPUs", None),
    ("The lab has 200,000 GPUs and plans nearly half a million by 2026.", 5e5, "GPUs", None),
    ("Microsoft bought 96,000 of its Instinct MI300 chips and Meta 173,000.", 1.73e5, "chips",
     "MI300"),
    ("Hopper GPUs include the H100 and H20. Output rose from 773,000 in Q1 to 811,000 in Q2.",
     8.11e5, "GPUs", "Hopper"),
])
def test_elliptical_chips_take_the_chips_they_refer_to(nlp, text, value, unit, item):
    """The sentence before may be blanked out for the model: the figure still sees it."""
    doc = nlp(masked_doc(nlp, text, figure_sentences(text)))
    fig = doc._.figures[-1]
    assert (fig.metric, fig.unit, fig.item) == ("chips", unit, item)
    assert fig.value == pytest.approx(value)


def test_money_in_billions_borrows_the_currency_of_the_paragraph(figures_of):
    found = figures_of("The $10bn bump came with the results. Revenue rose 14% to 96.4bn.")
    assert found[-1] == ("96.4bn", "money", 96.4e9, "USD", "exact")


@pytest.mark.parametrize("text,metric", [
    ("OpenAI will acquire shares, approximately 10% of the company.", "stake"),
    ("Meta keeps a modest 20 per cent slice of the project.", "stake"),
    ("Cloud made up 10% of the company's revenue.", "percent"),
    ("It took a 10% interest in the firm.", "stake"),
    ("The bond paid 4.5% interest.", "percent"),  # interest, not an interest in something
    ("It borrowed at an interest rate of 4.5%.", "percent"),
])
def test_stake_of_the_company(figures_of, text, metric):
    assert [f[1] for f in figures_of(text)] == [metric]


def test_a_single_letter_apart_from_a_number_is_a_unit_not_a_scale(figures_of):
    text = "It earned $5 billion and shipped 278,000 t of ore."
    assert [f[0] for f in figures_of(text)] == ["$5 billion"]  # not 278,000 trillion dollars


def test_a_point_between_digits_of_tokenized_text_ends_no_sentence(nlp):
    text = "It reported a gap of 2 . 4 billion ( $ 3.1 billion ) ."
    doc = nlp(masked_doc(nlp, text, figure_sentences(text)))  # "2 ." is not masked apart
    assert [f.surface for f in doc._.figures] == ["$ 3.1 billion"]


def test_hyphens_of_any_kind(figures_of):
    for dash in "-\u2010\u2011\u2013\u2014":
        got = one(figures_of, f"A 3.5{dash}gigawatt campus is planned.")
        assert got[1:3] == ("power", 3.5e9)


def test_rhetorical_dollar_adjective_is_dropped_but_deal_kept(figures_of):
    found = figures_of("A billion-dollar AI infrastructure deal, not a trillion-dollar tug-of-war.")
    assert [f[0] for f in found] == ["billion-dollar"]


def test_stake_versus_percent(figures_of):
    found = figures_of("Amazon took a 10% stake, and sales rose 10 percent.")
    assert [(f[0], f[1]) for f in found] == [("10%", "stake"), ("10 percent", "percent")]


def test_change_is_two_figures_not_a_range(figures_of):
    found = figures_of("Revenue rose from $1 billion to $5 billion.")
    assert [(f[0], f[4]) for f in found] == [("$1 billion", "exact"), ("$5 billion", "exact")]


def test_a_range_of_counts_whose_low_end_is_whole_on_its_own(figures_of):
    got = one(figures_of, "The plant can power between 750,000 and 2 million homes.")
    assert got == ("between 750,000 and 2 million homes", "count", 750000, "homes", "range")


def test_offsets_index_the_text(nlp):
    text = "Amazon \u2014 which invested up to $4 billion \u2014 will add 5\u201310 GW and 300 MW."
    for fig in nlp(text)._.figures:
        assert text[fig.start:fig.end] == fig.surface


def test_candidate_starts_are_digits_signs_and_number_words():
    rules = get_rules()
    text = "In 2023 a $1.5bn deal, multi-year; half a billion 5GW, Between .5 and 15, annual."
    starts = candidate_starts(text, rules)
    assert [text[s:s + 4] for s in starts] == [
        "2023", "a $1", "$1.5", "1.5b", ".5bn", "5bn ", "mult", "half", "a bi", "bill", "5GW,",
        "GW, ", "Betw", ".5 a", "5 an", "15, "]


def test_figure_sentences_keeps_only_sentences_that_may_hold_a_figure():
    text = ("Amazon will invest $4bn. The weather was fine. It bought 300 servers. "
            "The two firms met in 2023. Three analysts said so.\nNo figure here.")
    kept = [text[s:e].strip() for s, e in figure_sentences(text)]
    # "two firms" may count firms: the model decides (the determiner rules it out later)
    assert kept == ["Amazon will invest $4bn.", "It bought 300 servers.",
                    "The two firms met in 2023.", "Three analysts said so."]


def test_a_figure_wrapped_onto_the_next_line_keeps_that_line():
    text = "Net profit rose to 186.6\nmln dlrs in 1986 from a year before.\nNo figure here.\n"
    kept = [text[s:e] for s, e in figure_sentences(text)]
    assert kept == ["Net profit rose to 186.6\n", "mln dlrs in 1986 from a year before.\n"]
