"""What a report's sentence says of its deal's later state."""
import pytest

from pipeline.facts.status import status_cue


@pytest.mark.parametrize("sentence,surface,expected", [
    ("Shareholders voted down CoreWeave's $9 billion takeover offer.", "$9 billion", "cancelled"),
    ("Microsoft has scrapped its $10bn data centre deal with Acme.", "$10bn", "cancelled"),
    ("The two firms called off the $2 billion merger on Friday.", "$2 billion", "cancelled"),
    ("Amazon has raised its total investment in Anthropic to $8 billion.", "$8 billion",
     "revised"),
    ("The contract was renegotiated at $250 billion.", "$250 billion", "revised"),
    ("Amazon raised its stake from $4 billion to $8 billion.", "$4 billion", None),
    ("Anthropic raised $13 billion in a new round.", "$13 billion", None),
    ("Nvidia will invest up to $100 billion in OpenAI.", "up to $100 billion", None),
    ("Nvidia shares dropped 3% after the $100 billion deal.", "$100 billion", None),
    (None, "$1", None),
])
def test_status_cue(sentence, surface, expected):
    assert status_cue(sentence, surface) == expected
