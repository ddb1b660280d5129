import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import IS_ASCII, LIKE_URL
from spacy.lang import lex_attrs

from pipeline.annotate import (ModelError, fast_lexeme_attributes, load_model, mask, masked_doc,
                               model_id)
from pipeline.core import masked
from pipeline.figures.find import figure_sentences
from pipeline.ingest import finish
from pipeline.records import Article


def test_model_has_the_figure_finder_last(nlp):
    assert nlp.pipe_names[-1] == "figure_finder"
    assert model_id(nlp).startswith("core_web_sm-3.8") or "3.8" in model_id(nlp)


def test_component_sets_figures(nlp):
    doc = nlp("Amazon will invest up to $4 billion in Anthropic.")
    assert [f.surface for f in doc._.figures] == ["up to $4 billion"]


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelError, match="not installed.*--model"):
        load_model("no_such_model_pkg")


def test_mask_blanks_all_but_the_kept_spans_and_keeps_newlines():
    assert mask("Ab cd.\nEf 5 gh.\nIj.", [(7, 16)]) == "      \nEf 5 gh.\n   "


def tokens(doc):
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


def test_masked_doc_is_what_the_tokenizer_makes_of_the_masked_text(nlp):
    text = "They don't say.  Amazon paid $4bn, it said.\n\nNo figure here. Ten  GW more!"
    keep = figure_sentences(text)
    doc = masked_doc(nlp, text, keep)
    assert doc.text == mask(text, keep)
    assert tokens(doc) == tokens(nlp.tokenizer(mask(text, keep)))
    assert "n't" in text and "not" not in [t.norm_ for t in doc]  # that sentence is blanked
    assert tokens(masked_doc(nlp, text, [(0, len(text))])) == tokens(nlp.tokenizer(text))


SENTENCES = st.lists(st.sampled_from([
    "We won't pay $5bn.", "It sold 300 chips", "nothing here.", "A 5 GW site!", "\n", "\n\n",
    " ", "   ", "\t", "Don't", "U.S.", "2 U.K. firms' 40% stakes.", "(10 MW)", "it's 3,000 staff",
]), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SENTENCES)
def test_masked_doc_tokens_equal_the_tokenizers_on_any_text(nlp, text):
    keep = figure_sentences(text)
    assert tokens(masked_doc(nlp, text, keep)) == tokens(nlp.tokenizer(mask(text, keep)))


def test_fast_lexeme_attributes_give_spacys_values():
    getters = {IS_ASCII: lex_attrs.is_ascii, LIKE_URL: lex_attrs.like_url}
    fast_lexeme_attributes(getters)
    for text in ["   \n  ", "abc", "é", "www.x.com", "http://x", "https://a/b", "a.b", "a@b.com",
                 "example.org", "foo.bar/", ".", "x.", "http:", " " * 5000, "ÿ" + " " * 9]:
        assert getters[IS_ASCII](text) == lex_attrs.is_ascii(text), text
        assert bool(getters[LIKE_URL](text)) == lex_attrs.like_url(text), text


def test_no_figure_is_joined_across_a_blanked_stretch(nlp):
    text = "M-3 rose to an estimated 30.07\nbillion N.Z. Dlrs from 28.30 billion.\n"
    cut = text.index("billion N.Z.")
    keep = [(0, cut), (text.index("Dlrs"), len(text))]  # "billion N.Z. " blanked
    figures = nlp(masked_doc(nlp, text, keep))._.figures
    assert figures and all(text[f.start:f.end] == f.surface for f in figures)
    assert not any(f.start < cut < f.end for f in figures)


def test_sentence_bounds_after_abbreviated_amounts_and_citation_bullets(nlp):
    doc = nlp("OpenAI was valued near $830 B. Anthropic said it serves 300,000 customers.")
    assert [s.text for s in doc.sents][1].startswith("Anthropic")
    doc = nlp("Sina said its shares were bought for about $230m. Rumours about a takeover rose.")
    assert [s.text for s in doc.sents][1].startswith("Rumours")
    doc = nlp("The deal is worth $10 billion [3] - This deal follows Nvidia's investment.")
    assert [s.text for s in doc.sents][1].startswith("This deal")


def test_a_sentence_starts_after_a_line_break_or_a_run_of_blanks(nlp):
    text = "Amazon paid $5 billion for it\nGoogle paid $3 billion    Meta paid $1 billion"
    doc = nlp(text)
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Amazon", "Google", "Meta"]


def test_a_paragraph_starts_a_sentence_even_in_lower_case(nlp):
    doc = nlp("Morgan Stanley led the round, the bank said.\n\nxAI is also raising $15 billion.")
    assert [t.text for t in doc if t.is_sent_start] == ["Morgan", "xAI"]


def test_no_sentence_ends_after_an_abbreviation_before_its_number():
    text = "For the quarter ended Nov. 27, revenue rose 57% to $13.64 billion."
    assert figure_sentences(text) == [(0, len(text))]


def test_no_sentence_starts_inside_a_figure(nlp):
    # a wrapped line's lower-case word, and a unit word after a number after a blanked stretch
    doc = nlp("The 1986 net loss includes a special charge of 2.7 mln\ndlrs, or 20 cts a share.")
    assert [t.text for t in doc if t.is_sent_start] == ["The"]
    text = "    Avg shrs 2,332,397 vs 1,428,000\n    Year\n    Shr 1.22 dlrs vs 1.06 dlrs\n"
    doc = nlp(masked(nlp, finish(Article(article_id="t", source_path="t", text=text))))
    assert not doc[[t.text for t in doc].index("dlrs")].is_sent_start
