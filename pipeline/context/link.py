"""Figure + its article and sentence -> Claim: who (roles), when (periods), how sure and
according to whom (hedging)."""
from __future__ import annotations

import hashlib

from .. import config
from ..figures.fx import usd_of
from ..ingest import unwrapped
from ..records import Article, Claim, Figure
from ..tokens import TokenIndex
from .hedging import attribution_of, hedge_cues, observer, potential
from .orgs import OrgTable, get_org_table, main_org, tickers, unify
from .periods import looks_at, when_of
from .roles import Context, sentence_starts, Roles, chain_of, figure_root, lead_deal, lead_end, roles_of


def claim_id(article: Article, fig: Figure) -> str:
    key = f"{article.article_id}\x1f{article.doc_hash}\x1f{fig.start}\x1f{fig.end}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def title_span(article: Article) -> tuple[int, int] | None:
    at = article.text.find(article.title) if article.title else -1
    return (at, at + len(article.title)) if at >= 0 else None


def link(article: Article, doc, figures: list[Figure], model: str,
         orgs: OrgTable | None = None) -> list[Claim]:
    """Claims of one article: its figures outside page furniture, each with its context."""
    orgs = orgs or get_org_table()
    text = unwrapped(article.text)  # as the model read it
    mentions = unify(tickers(orgs.mentions(doc, text, [(f.start, f.end) for f in figures]),
                             text), orgs)
    # no outlets, no picture credits
    parties = [m for m in mentions if orgs.is_party(m.name) and not orgs.credited(m, text)]
    ctx = Context(orgs, parties, main_org(parties, title_span(article)), figures,
                  text=text, sentence_starts=sentence_starts(text))
    ctx.lead = lead_deal(doc, ctx, lead_end(text))
    claims = []
    index = TokenIndex.of(doc)
    for fig in figures:
        if any(s <= fig.start < e for s, e in article.skip_spans):
            continue
        root = figure_root(doc, fig)
        if root is None:
            continue
        sent = index.sentence(root)
        sent_text = as_ingested(article.text[sent.start_char:sent.end_char], index.text_of(sent))
        chain = chain_of(root)
        attribution = attribution_of(sent, fig.start, chain)
        source_only = attribution is not None and attribution[3] and observer(attribution[0])
        roles = roles_of(fig, chain, ctx, exclude=attribution[1:3] if source_only else None)
        cues = hedge_cues(sent, fig, chain)
        # what a thing may grow to is not due when what is built first is
        scope = index.containing(fig.start) if potential(fig) else None
        fiscal = orgs.fiscal.get((roles.subject or "").split("; ")[0])  # its company's calendar
        when = when_of(sent, chain, fig.start, fig.end, article.published_at, scope,
                       looks_at(cues, chain), fiscal)
        claims.append(make_claim(article, fig, sent_text.strip(), roles, when, cues,
                                 attribution[0] if attribution else None, model))
    return claims


def as_ingested(written: str, read: str) -> str:
    """A stretch of text as ingested where the model read it (a wrapping newline is a newline
    again) and blank where it did not (sentences without figures, a dateline)."""
    return "".join(r if r.isspace() and not w.isspace() else w for w, r in zip(written, read))


def make_claim(article: Article, fig: Figure, sentence: str, roles: Roles, when: str | None,
               cues: list[str], attribution: str | None, model: str) -> Claim:
    usd = usd_of(fig.metric, fig.unit, fig.value, fig.value_high, article.published_at)
    return Claim(
        claim_id=claim_id(article, fig), article_id=article.article_id,
        doc_hash=article.doc_hash, source_path=article.source_path, url=article.url,
        title=article.title, outlet=article.outlet, published_at=article.published_at,
        sentence=sentence, char_start=fig.start, char_end=fig.end,
        surface=article.text[fig.start:fig.end],  # as ingested, with a wrapped line's newline
        metric=fig.metric, value=fig.value, value_high=fig.value_high, unit=fig.unit,
        value_usd=usd.value, value_high_usd=usd.value_high, fx_rate=usd.rate, fx_date=usd.day,
        qualifier=fig.qualifier, vague=fig.vague, item=roles.item, subject=roles.subject,
        counterparty=roles.counterparty, predicate=roles.predicate, relation=roles.relation,
        roles_from=roles.roles_from, when=when,
        hedged=bool(cues), hedge_cues=cues, attribution=attribution, rule_id=fig.rule_id,
        pipeline_version=config.PIPELINE_VERSION, model=model,
    )
