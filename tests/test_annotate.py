import pytest

from pipeline.annotate import ModelError, load_model, model_id


def test_model_has_the_figure_finder_last(nlp):
    assert nlp.pipe_names[-1] == "figure_finder"
    assert model_id(nlp).startswith("core_web_sm-3.8") or "3.8" in model_id(nlp)


def test_component_sets_figures(nlp):
    doc = nlp("Amazon will invest up to $4 billion in Anthropic.")
    assert [f.surface for f in doc._.figures] == ["up to $4 billion"]


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelError, match="not installed.*--model"):
        load_model("no_such_model_pkg")
