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
    ("Amazon invested $8 billion in Anthropic late 2024.", "2024-H2"),
    ("Nvidia said on Nov. 3, 2025 that it sold 1 million GPUs.", "2025-11-03"),
    ("Amazon will invest $4 billion in Anthropic.", None),
    ("Anthropic, founded in 2021, raised $13 billion.", None),
])
def test_when(nlp, text, when):
    claim = [c for c in claims_of(nlp, text, PUBLISHED) if c.metric != "count"][-1]
    assert claim.when == when


def test_relative_dates_need_a_publication_date(nlp):
    claim = claims_of(nlp, "Amazon invested $4 billion in Anthropic last year.")[0]
    assert claim.when is None
