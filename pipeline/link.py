"""Figure + its article and sentence -> Claim. Context columns (who, when, how sure) are filled
by later rules; until then they stay null rather than guessed."""
from __future__ import annotations

import hashlib

from . import config
from .extract import TokenIndex
from .records import Article, Claim, Figure


def claim_id(article: Article, fig: Figure) -> str:
    key = f"{article.article_id}\x1f{article.doc_hash}\x1f{fig.start}\x1f{fig.end}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def link(article: Article, doc, figures: list[Figure], model: str) -> list[Claim]:
    """Claims of one article: its figures outside page furniture, each with its sentence."""
    index = TokenIndex(doc)
    claims = []
    for fig in figures:
        if any(s <= fig.start < e for s, e in article.skip_spans):
            continue
        token = index.containing(fig.start)
        sentence = token.sent.text if token is not None else fig.surface
        claims.append(Claim(
            claim_id=claim_id(article, fig), article_id=article.article_id,
            doc_hash=article.doc_hash, source_path=article.source_path, url=article.url,
            title=article.title, outlet=article.outlet, published_at=article.published_at,
            sentence=sentence, char_start=fig.start, char_end=fig.end, surface=fig.surface,
            metric=fig.metric, value=fig.value, value_high=fig.value_high, unit=fig.unit,
            qualifier=fig.qualifier, vague=fig.vague, item=fig.item, subject=None,
            counterparty=None, predicate=None, when=None, hedged=None, hedge_cues=None,
            attribution=None, rule_id=fig.rule_id, pipeline_version=config.PIPELINE_VERSION,
            model=model,
        ))
    return claims
