import json

import pytest

from pipeline.context.orgs import OrgMention, get_org_table, main_org, tickers, unify


def test_aliases_give_one_canonical_name(nlp):
    table = get_org_table()
    doc = nlp("AWS and Amazon Web Services are Amazon; Google Cloud is Google.")
    names = [m.name for m in table.mentions(doc)]
    assert names == ["Amazon", "Amazon", "Amazon", "Google", "Google"]


def test_descriptions_resolve(nlp):
    doc = nlp("The ChatGPT maker signed a deal with the iPhone maker.")
    assert [m.name for m in get_org_table().mentions(doc)] == ["OpenAI", "Apple"]


def test_mentions_overlap_neither_each_other_nor_the_excluded_spans(nlp):
    text = "Amazon Web Services and Google Cloud sell to OpenAI."
    doc = nlp(text)
    found = get_org_table().mentions(doc, exclude=[(text.index("Google"), text.index("Google") + 3)])
    assert [(text[m.start:m.end], m.name) for m in found] == [
        ("Amazon Web Services", "Amazon"), ("OpenAI", "OpenAI")]


def test_spacy_orgs_are_cleaned_and_non_orgs_dropped():
    table = get_org_table()
    assert table.name_of("Acme Widgets Inc.") == "Acme Widgets"
    assert table.name_of("the Acme Group's") == "Acme Group"
    assert table.name_of("GPUs") is None and table.name_of("AI") is None


def test_user_alias_file_extends_the_table(tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"aliases": {"Acme": ["Acme Robotics", "the robot maker"]}}))
    table = get_org_table((str(extra),))
    assert table.name_of("Acme Robotics") == "Acme" and table.describes("the robot maker") == "Acme"
    assert table.name_of("AWS") == "Amazon"


def test_unify_within_an_article():
    table = get_org_table()
    m = [OrgMention(0, 5, "Marsh & McLennan"), OrgMention(10, 15, "Marsh"),
         OrgMention(20, 25, "KFB"), OrgMention(30, 40, "Korea First Bank"),
         OrgMention(50, 54, "Ford"), OrgMention(60, 74, "Ford Freestyle"),
         OrgMention(80, 90, "TimeWarner"), OrgMention(95, 106, "Time Warner")]
    assert [x.name for x in unify(m, table)] == [
        "Marsh & McLennan", "Marsh & McLennan", "Korea First Bank", "Korea First Bank",
        "Ford", "Ford Freestyle", "Time Warner", "Time Warner"]


def test_main_org_needs_two_mentions_and_counts_the_title_double():
    assert main_org([OrgMention(0, 1, "Gartner")]) is None
    ms = [OrgMention(0, 1, "Google"), OrgMention(5, 6, "Amazon"), OrgMention(9, 10, "Amazon")]
    assert main_org(ms) == "Amazon"
    assert main_org(ms, title_span=(0, 3)) == "Google"


def test_name_forms():
    table = get_org_table()
    assert table.name_of("CoreWeave’s") == table.name_of("CoreWeave's") == "CoreWeave"
    assert table.name_of("Sino\u2011Tech Holdings") == "Sino-Tech"  # a non-breaking hyphen
    assert table.name_of("NVIDIA") == table.name_of("Nvidia Corp.") == "Nvidia"
    assert table.name_of("XAI") == "xAI"  # a headline's capitals
    assert table.name_of("Unilever Plc") == "Unilever"
    assert table.name_of("ROYAL RESOURCES CORP") == "ROYAL RESOURCES"  # a suffix in capitals


def test_products_terms_and_amounts_are_no_organisations():
    table = get_org_table()
    for text in ("H100", "Blackwell", "Trainium2", "EPS", "USD", "CapEx", "200k", "EC2",
                 "data\u2011centre", "Inc", "Corp.", "Shr", "GMT", "Backlog", "NA", "JAN"):
        # a suffix alone; earnings tables' labels, "not available" and months; a time zone
        assert table.name_of(text) is None, text
    assert table.maker("H100s".rstrip("s")) == "Nvidia" and table.maker("Trainium2") == "Amazon"


def test_a_city_before_its_states_based_is_no_name(nlp):
    doc = nlp("Micron posted strong sales. The Boise, Idaho-based company expects more.")
    assert [m.name for m in get_org_table().mentions(doc)] == ["Micron"]


def test_a_reuters_name_mark_is_no_part_of_the_name():
    assert get_org_table().name_of("VMS Realty Partners>") == "VMS Realty Partners"


def test_a_description_ending_in_a_company_noun_is_no_name():
    assert get_org_table().name_of("Idaho company") is None  # "The Boise, Idaho company"


def test_a_name_that_is_a_possessive_keeps_its_s():
    table = get_org_table()
    assert [table.name_of(n) for n in ("McDonald's", "Moody’s", "CoreWeave's")] == [
        "McDonald's", "Moody's", "CoreWeave"]


def test_outlets_are_no_parties():
    table = get_org_table()
    assert not table.is_party("Reuters") and not table.is_party("Financial Times")
    assert table.is_party("Nvidia")
    # nor are statistics offices and energy forecasters, which measure what others do
    assert not table.is_party("International Energy Agency") and not table.is_party("Eurostat")


def test_a_ticker_in_brackets_is_the_name_before_it():
    text = "Oracle (ORCL) and Nvidia (NASDAQ: NVDA) rose."
    named = tickers([OrgMention(0, 6, "Oracle"), OrgMention(8, 12, "ORCL"),
                     OrgMention(18, 24, "Nvidia"), OrgMention(34, 38, "NVDA")], text)
    assert [m.name for m in named] == ["Oracle", "Oracle", "Nvidia", "Nvidia"]


def test_a_name_in_a_company_place_is_an_organisation(nlp):
    # the model calls these a person; the words around them say they are companies
    table = get_org_table()
    for text, name in [("Blackstone bought Australian casino operator Crown Resorts.", "Crown Resorts"),
                       ("A group led by Macquarie’s infrastructure arm took control.", "Macquarie")]:
        doc = nlp(text)
        assert name in [m.name for m in table.mentions(doc)], [(e.text, e.label_) for e in doc.ents]


def test_a_described_name_is_an_organisation_and_a_name_in_an_adjective_is_not(nlp):
    table = get_org_table()
    doc = nlp("Nscale raised $1.1 billion in a round led by Aker, the Norwegian industrial group.")
    assert "Aker" in [m.name for m in table.mentions(doc)]
    # an untagged name ending in a corporate suffix is a company
    doc = nlp("Entwistle Co told the Securities and Exchange Commission it has acquired shares.")
    assert "Entwistle" in [m.name for m in table.mentions(doc)], doc.ents
    # a name the model calls a person, in a clause that calls it "it", is a company
    doc = nlp("Infineon raised its revenue forecast for fiscal 2025 to about €15 billion.")
    assert "Infineon" in [m.name for m in table.mentions(doc)], doc.ents
    # a name the text gives a person is no organisation where the model calls it one
    doc = nlp("Sam Altman backed President Trump, contributing $1 million to Trump’s inauguration.")
    assert "Trump" not in [m.name for m in table.mentions(doc)], doc.ents
    # ... but the surname of a full name alone may be a company's name
    doc = nlp("Henry Ford founded the company in 1903. Ford's revenue rose 5% to $40 billion.")
    assert "Ford" in [m.name for m in table.mentions(doc)], doc.ents
    # "..., the company said" attributes the sentence; it does not describe the place before it
    doc = nlp("More than half of that will be in the United States, the company said.")
    assert "United States" not in [m.name for m in table.mentions(doc)]
    doc = nlp("The Oslo-listed group said it expects the investment to return at least 20% a year.")
    assert [m.name for m in table.mentions(doc)] == []


@pytest.mark.parametrize("text,name", [
    # bought: the model calls Infinera a person, Splunk a noun
    ("Nokia agreed to buy Infinera for $2.3 billion in cash and stock.", "Infinera"),
    ("Cisco agreed to buy Splunk for $28 billion.", "Splunk"),
    # raising money, untagged
    ("Decagon raised $131 million in a round led by Accel.", "Decagon"),
    # described as a company, though the model took it for a noun
    ("Harvey, a legal AI startup, has raised $300 million.", "Harvey"),
])
def test_a_name_in_a_deal_slot_is_an_organisation(nlp, text, name):
    assert name in [m.name for m in get_org_table().mentions(nlp(text))]


def test_a_full_names_surname_is_a_person(nlp):
    doc = nlp("Billionaire Elon Musk owns xAI. Musk revealed that it took his team 122 days.")
    assert [m.name for m in get_org_table().mentions(doc)] == ["xAI"]


def test_a_noun_in_a_title_case_headline_is_no_name(nlp):
    doc = nlp("Chipmaker Agrees To Buy Stake For $5 Billion")
    assert "Stake" not in [m.name for m in get_org_table().mentions(doc)]
