"""Subject and counterparty by rule family, on one-line sentences."""
import pytest

from pipeline.context.link import link
from pipeline.ingest import finish
from pipeline.records import Article


def claims_of(nlp, text, published_at=None):
    article = finish(Article(article_id="t", source_path="t", text=text,
                             published_at=published_at))
    doc = nlp(text)
    return link(article, doc, doc._.figures, "m")


@pytest.mark.parametrize("text,surface,subject,counterparty", [
    # investment: investor -> investee
    ("Amazon has committed to invest up to $4 billion in Anthropic.", "up to $4 billion",
     "Amazon", "Anthropic"),
    ("The deal builds on Amazon's initial $1.25 billion investment in Anthropic.",
     "$1.25 billion", "Amazon", "Anthropic"),
    ("Amazon and AI startup Anthropic have deepened ties through a $5 billion investment.",
     "$5 billion", "Amazon", "Anthropic"),
    # compute deal: buyer -> provider, whichever is the grammatical subject
    ("Amazon will provision Anthropic with up to 5 gigawatts of computing capacity.",
     "up to 5 gigawatts", "Anthropic", "Amazon"),
    ("Google will supply up to 1 million TPUs to Anthropic.", "up to 1 million TPUs",
     "Anthropic", "Google"),
    ("Microsoft will buy 150,000 GPUs from Nvidia.", "150,000 GPUs", "Microsoft", "Nvidia"),
    # stake: holder -> company
    ("Microsoft owns a 49% stake in OpenAI.", "49%", "Microsoft", "OpenAI"),
    # a company's own valuation: that company alone
    ("A robust entity like Google, valued at $2 trillion, backs the lease.", "$2 trillion",
     "Google", None),
    # a round's total is the company's own; an investor named as the source of it pays
    ("xAI raised $6 billion from investors led by Valor.", "$6 billion", "xAI", None),
    ("xAI is in talks to raise $5 billion from Nvidia.", "$5 billion", "Nvidia", "xAI"),
    ("xAI raised $6 billion in its latest round.", "$6 billion", "xAI", None),
    ("Nvidia reported revenue of $35 billion, ahead of AMD.", "$35 billion", "Nvidia", None),
    ("Nvidia is worth $5 trillion, ahead of Microsoft.", "$5 trillion", "Nvidia", None),
    # ... but a deal's worth keeps both parties
    ("Google will provide Anthropic with TPUs in a deal worth $20 billion.", "$20 billion",
     "Anthropic", "Google"),
])
def test_roles(nlp, text, surface, subject, counterparty):
    [claim] = [c for c in claims_of(nlp, text) if c.surface == surface]
    assert (claim.subject, claim.counterparty) == (subject, counterparty)


def test_the_company_resolves_to_the_main_organisation(nlp):
    text = ("Anthropic signs leases. Anthropic grows fast. Google helps Anthropic. "
            "The company is increasing its use of Google's TPU chips to 1 million units.")
    claim = claims_of(nlp, text)[-1]
    assert (claim.subject, claim.counterparty, claim.metric) == ("Anthropic", "Google", "chips")


def test_a_pronoun_takes_the_subject_earlier_in_its_sentence(nlp):
    text = "AT&T was bought. SBC Communications said it expects to cut 12,800 jobs. AT&T agreed."
    claim = claims_of(nlp, text)[0]
    assert claim.subject == "SBC Communications"


def test_no_organisation_and_a_place_as_actor_gives_no_subject(nlp):
    claim = claims_of(nlp, "South Korea's economy is expected to grow by 4.5% this year.")[0]
    assert claim.subject is None


def test_predicate_and_item(nlp):
    [c] = claims_of(nlp, "Amazon will provision Anthropic with up to 5 gigawatts of new "
                         "computing capacity.")
    assert (c.predicate, c.item) == ("provision", "computing capacity")
    [c] = claims_of(nlp, "Amazon's initial $1.25 billion investment in Anthropic closed.")
    assert c.item == "investment"
