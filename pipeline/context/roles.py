"""Who a figure is about: subject, counterparty, predicate and item, read off the dependency
parse of its sentence with the role conventions of patterns/roles.json."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import config
from ..figures.normalise import canon
from ..records import Figure
from ..tokens import TokenIndex
from .orgs import OrgMention, OrgTable

MODIFIER_DEPS = {"nummod", "compound", "amod", "nmod", "quantmod", "npadvmod", "appos"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NON_ORG_ACTORS = {"GPE", "NORP", "LOC", "PERSON", "FAC"}
RELATIVE = {"which", "that", "who", "whose"}
COORDINATION = re.compile(r"^\s*(?:and|&)\s+(?:[\w-]+\s+){0,3}$")


@dataclass
class Roles:
    subject: str | None = None
    counterparty: str | None = None
    predicate: str | None = None
    item: str | None = None


@dataclass
class Context:
    """What the role rules know of the article beyond the sentence."""

    orgs: OrgTable
    mentions: list[OrgMention]
    main_org: str | None
    # every mention of the article, for references: "SBC said it expects" (SBC as the source)
    all_mentions: list[OrgMention] | None = None


@lru_cache(maxsize=1)
def role_table() -> dict[str, set[str]]:
    data = json.loads((config.PATTERNS_DIR / "roles.json").read_text(encoding="utf-8"))
    return {k: set(v) for k, v in data.items() if not k.startswith("_")}


def figure_root(doc, fig: Figure):
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def chain_of(token) -> list:
    """The token and its heads up to the root of its sentence."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def org_at(token, ctx: Context) -> OrgMention | None:
    """The organisation mentioned at this token, or named by the reference it is."""
    for m in ctx.mentions:
        if m.start <= token.idx < m.end:
            return m
    return _reference(token, ctx)


def org_in_subtree(token, ctx: Context, skip=None) -> OrgMention | None:
    """The organisation the phrase headed by `token` is about: its head if it is one, else the
    first one named inside it ("a robust entity like Google"), else a reference ("the company")."""
    own = org_at(token, ctx)
    if own:
        return own
    lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
    skip_lo, skip_hi = (skip.left_edge.idx, skip.right_edge.idx + 1) if skip is not None else (0, 0)
    for m in ctx.mentions:
        if lo <= m.start < hi and not skip_lo <= m.start < skip_hi:
            return m
    phrase = TokenIndex.of(token.doc).text[token.left_edge.idx:token.idx + len(token)]
    return _reference_text(phrase, token, ctx)


def _reference(token, ctx: Context) -> OrgMention | None:
    return _reference_text(token.text, token, ctx)


def _reference_text(text: str, token, ctx: Context) -> OrgMention | None:
    """'the company', 'it', 'the ChatGPT maker' -> an organisation: the one described, else the
    nearest organisation in subject position earlier in the sentence ("SBC said it expects"),
    else the article's main organisation."""
    described = ctx.orgs.describes(text)
    if described:
        return OrgMention(token.idx, token.idx + len(token), described)
    if canon(text) not in ctx.orgs.references:
        return None
    earlier = [m for m in (ctx.all_mentions or ctx.mentions)
               if _sentence(token).start_char <= m.start < token.idx
               and _in_subject(token.doc, m)]
    if earlier:
        return OrgMention(token.idx, token.idx + len(token), earlier[-1].name)
    return OrgMention(token.idx, token.idx + len(token), ctx.main_org) if ctx.main_org else None


def _in_subject(doc, mention: OrgMention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and any(
        t.dep_ in SUBJECT_DEPS for tok in span for t in [tok, *tok.ancestors][:3])


def find_agent(chain, ctx: Context):
    """The acting organisation: a possessor ("Amazon's investment"), the subject of a governing
    verb (through xcomp/conj/advcl), or the noun a participle or relative clause hangs on."""
    for token in chain:
        for child in token.children:
            if child.dep_ == "poss":
                found = org_at(child, ctx)
                if found:
                    return found
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in SUBJECT_DEPS:
                    if child.lower_ in RELATIVE and token.dep_ == "relcl":
                        found = org_in_subtree(token.head, ctx, skip=token)
                    else:
                        found = org_in_subtree(child, ctx)
                    if found:
                        return found
        if token.dep_ in ("acl", "relcl") and token.pos_ in ("VERB", "AUX"):
            found = org_in_subtree(token.head, ctx, skip=token)
            if found:
                return found
    return None


def linked_orgs(chain, ctx: Context) -> list[tuple[str, OrgMention]]:
    """Organisations tied to the chain: objects, prepositional objects (with their preposition),
    possessors; in chain order."""
    found = []
    for token in chain:
        for child in token.children:
            if child.dep_ in ("dobj", "dative", "pobj", "poss", "appos"):
                m = org_at(child, ctx)
                if m:
                    found.append((child.dep_, m))
            elif child.dep_ == "prep":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        m = org_at(grand, ctx)
                        if m:
                            found.append((child.lower_, m))
    return found


def predicate_and_item(root, fig: Figure, chain) -> tuple[str | None, object | None, str | None]:
    """(predicate lemma, the noun the figure modifies, item text)."""
    noun = root.head if root.dep_ in MODIFIER_DEPS and root.head.pos_ == "NOUN" else None
    verb = next((t for t in chain[1:] if t.pos_ == "VERB"), None)
    predicate = (noun or verb)._.lemma if (noun or verb) is not None else None
    item = fig.item
    if item is None and fig.metric in ("power", "energy"):
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            words = [t.text for t in obj.lefts if t.dep_ == "compound"] + [obj.text]
            item = " ".join(words)
    elif item is None and fig.metric in ("money", "stake") and noun is not None:
        item = noun._.lemma
    return predicate, noun, item


def roles_of(fig: Figure, chain, ctx: Context, exclude: tuple[int, int] | None = None) -> Roles:
    """Subject, counterparty, predicate and item of one figure, whose root token and its heads
    are `chain` (context/link.py finds them once for all context rules). `exclude` is the
    attribution's span: an analyst's firm is not a party to the deal."""
    root = chain[0]
    doc = root.doc
    sentence = _sentence(root)
    # the sentence without its trailing whitespace tokens (blanked-out text is not part of it)
    end = sentence.start_char + len(TokenIndex.of(doc).text_of(sentence).rstrip())
    in_sentence = [m for m in ctx.mentions
                   if sentence.start_char <= m.start < end
                   and not (fig.start <= m.start < fig.end)
                   and not (exclude and exclude[0] <= m.start < exclude[1])]
    scoped = Context(ctx.orgs, in_sentence, ctx.main_org, ctx.mentions)
    predicate, noun, item = predicate_and_item(root, fig, chain)
    agent = find_agent(chain, scoped)
    others = [m for _, m in linked_orgs(chain, scoped)]
    if agent is not None:
        agent, others = _coordinated(agent, others, in_sentence, TokenIndex.of(doc).text)
    elif in_sentence:
        before = [m for m in in_sentence if m.start < fig.start]
        agent = (before or in_sentence)[0]
    elif ctx.main_org and not _other_actor(chain):
        agent = OrgMention(0, 0, ctx.main_org)
    names = [m.name for m in others if agent is None or m.name != agent.name]
    if not names:
        names = [m.name for m in sorted(in_sentence, key=lambda m: abs(m.start - fig.start))
                 if agent is None or m.name != agent.name]
    subject = agent.name if agent else None
    counterparty = names[0] if names else None
    table = role_table()
    lemmas = {t._.lemma for t in ([noun] if noun is not None else []) + chain[1:3]}
    if lemmas & table["own_value"] and not _about_a_deal(chain, table):
        counterparty = None
    elif predicate in table["provide"]:
        recipient = _by_relation(chain, scoped, {"dobj", "dative"} | table["recipient_preps"])
        if recipient and recipient != subject:
            subject, counterparty = recipient, subject
    elif predicate in table["receive"] and fig.metric == "money":
        investor = _investor(chain, scoped, table["investor_preps"])
        if investor and investor != subject:
            subject, counterparty = investor, subject
    return Roles(subject, counterparty, predicate, item)


def _sentence(token):
    return TokenIndex.of(token.doc).sentence(token)


def _about_a_deal(chain, table) -> bool:
    """'a deal worth $10 billion', 'the contract with OpenAI is worth $300 billion': the value of
    a deal between two parties, not a company's own value."""
    near = [*chain, *(c for t in chain for c in t.children if c.dep_ in SUBJECT_DEPS)]
    return any(t.lower_ in table["deal_nouns"] for t in near)


def _other_actor(chain) -> bool:
    """The figure's clause is about a place, people or a person ("South Korea's economy"),
    so the article's main organisation is not its subject."""
    for token in chain:
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and any(t.ent_type_ in NON_ORG_ACTORS for t in child.subtree):
                return True
    return False


def _investor(chain, ctx: Context, preps: set[str]) -> str | None:
    """An organisation anywhere inside a from/by phrase of the chain ("from investors led by
    Valor")."""
    for token in chain:
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in preps:
                lo = child.idx
                hi = child.right_edge.idx + len(child.right_edge)
                found = next((m for m in ctx.mentions if lo <= m.start < hi), None)
                if found:
                    return found.name
    return None


def _by_relation(chain, ctx: Context, relations: set[str]) -> str | None:
    return next((m.name for rel, m in linked_orgs(chain, ctx) if rel in relations), None)


def _coordinated(agent: OrgMention, others: list[OrgMention], in_sentence, text: str):
    """'Amazon and AI startup Anthropic ... invest': the first of coordinated organisations acts,
    the next one is the other party."""
    earlier = [m for m in in_sentence if m.end <= agent.start
               and COORDINATION.match(text[m.end:agent.start])]
    if earlier:
        return earlier[-1], [agent, *others]
    later = [m for m in in_sentence if m.start >= agent.end
             and COORDINATION.match(text[agent.end:m.start])]
    return agent, [*later, *others]
