from pipeline.context.link import claim_id, link
from pipeline.ingest import finish
from pipeline.records import Article


def article(text):
    return finish(Article(article_id="a.txt", source_path="a.txt", text=text))


def test_claims_carry_their_sentence_and_exact_offsets(nlp):
    a = article("Intro line here. Amazon will invest up to $4 billion in Anthropic. More text.")
    doc = nlp(a.text)
    [claim] = link(a, doc, doc._.figures, "m")
    assert claim.sentence == "Amazon will invest up to $4 billion in Anthropic."
    assert a.text[claim.char_start:claim.char_end] == claim.surface == "up to $4 billion"


def test_claim_ids_are_stable_and_span_specific(nlp):
    a = article("It paid $5 billion, then $5 billion more.")
    doc = nlp(a.text)
    first = [c.claim_id for c in link(a, doc, doc._.figures, "m")]
    again = [c.claim_id for c in link(a, nlp(a.text), nlp(a.text)._.figures, "m")]
    assert first == again and len(set(first)) == 2
    assert claim_id(a, doc._.figures[0]) == first[0]


def test_figures_in_page_furniture_are_skipped(nlp):
    a = article("Posted 3 hours ago | 5 GW\nThe site will draw 5 GW.")
    a.skip_spans = [(0, a.text.index("\n"))]
    doc = nlp(a.text)
    claims = link(a, doc, doc._.figures, "m")
    assert [c.char_start for c in claims] == [a.text.rindex("5 GW")]
