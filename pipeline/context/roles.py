"""Who a figure is about: relation, subject, counterparty, predicate and item, read off the
dependency parse of its sentence with the conventions of patterns/relations.json.

The conventions come down to one rule: the subject is the side that pays or takes (investor,
buyer, user of capacity, acquirer, grantor, holder), the counterparty the side that is paid or
provides. So the rules find the relation word that governs the figure (a verb such as "invest",
"supply", "raise", or a noun such as "investment", "deal", "valuation"), the organisations in its
slots (agent, object, prepositional objects, possessor), and which slot pays by the kind of word.
When the sentence names no party, the roles of a nearby sentence or the article's main
organisation are carried over, and `roles_from` says so.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .. import config
from ..figures.find import SENTENCE_END, get_rules
from ..figures.normalise import canon
from ..records import Figure
from ..tokens import TokenIndex
from .hedging import observer, reporting_forms
from .orgs import POSSESSIVE, OrgMention, OrgTable

MODIFIER_DEPS = {"nummod", "compound", "amod", "nmod", "quantmod", "npadvmod", "appos"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "dative", "nsubjpass", "attr", "oprd"}
# Clauses whose subject is their head's: "Nvidia plans to invest", "raised and invested", and
# a noun's phrase that stands in a clause: "deepened ties through a $5 billion investment".
INHERITS_SUBJECT = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "acl", "relcl", "pobj", "prep",
                    "dobj", "attr", "acomp", "npadvmod"}
NON_ORG_ACTORS = {"GPE", "NORP", "LOC", "PERSON", "FAC"}
STATES = {"GPE"}  # places that act as buyers or investors: "South Korea", "Texas"
RELATIVE = {"which", "that", "who", "whose"}
EXAMPLES = {"like", "as", "including"}  # "investors including Toyota and Sony" act as them
# A sentence about a deal named without its sides: "The contracts run for 20 years."
DEAL_OPENING = re.compile(r"(?<!\S)(?:The|These|This|Those|Both)\s(?:[a-z][\w-]*\s){0,2}?([a-z]+)\b")
# A name given as an example, in a list or as another party, not what its sentence is about
LISTED_AFTER = re.compile(r"\b(?:including|such as|like|and|or|with|from|to|by|against|than)\s*$")
# Between two names acting together: "Amazon, Google and Microsoft", "Amazon and AI startup
# Anthropic" (a few describing words may stand before the second name).
JOINT = re.compile(r"^\s*(?:,\s*|(?:,\s*)?(?:and|&)\s+(?:[\w-]+\s+){0,3})$")
# A place acting as a state named by description: "the Asian country", "the Gulf nation".
COUNTRY = re.compile(
    r"(?i)^the\s+(?:[\w-]+\s+){0,2}?(?:country|nation|kingdom|state|government)$")
# Two organisations named together before: "the two companies", "both Chinese firms".
PAIR = re.compile(r"(?i)^(?:the\s+two|both(?:\s+the)?)\s+(?:[\w-]+\s+){0,2}?"
                  r"(?:companies|firms|groups|partners|giants)$")
POSSESSIVE_S = re.compile(r"['’]s\b")
RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# Figures of a gapped list, "Google deployed 1.5 million TPUs, Meta 1.5 million MTIA chips":
# an organisation right before the figure, after a comma or "and", is its actor.
GAPPED = re.compile(r"(?:^|[,;]|\band)\s*$")
NEARBY_SENTENCES = 2
# "60,000 of the chips", "another 50,000": a count that refers back to chips counted before
ANAPHORIC = re.compile(r"\b(?:of\s+(?:the|them|those|these)|another|the\s+rest|the\s+remaining)\b",
                       re.IGNORECASE)
ADDED = re.compile(r"\b(?:another|a\s+further|an\s+additional|additional|plus)\s*$", re.IGNORECASE)
ROUND_NOUNS = {"round", "funding", "financing", "raise", "equity", "deal", "fundraising"}
STOCK_NOUNS = {"share", "stock", "price"}  # "shares rose 3%" is a stock move
SHARES = {"shares", "share", "warrants", "stock"}  # units of a holding
CLAUSES = {"advcl", "conj", "ccomp", "relcl", "parataxis", "pcomp"}
# A figure in brackets right after another of the same kind converts it: "(2.8 billion euros)",
# "(440 billion yen; almost 2.7 billion euros)".
BRACKETED = re.compile(r"^\s*(?:[(\[]|;)\s*(?:about|around|approximately|roughly|some|nearly|"
                       r"almost|or|c\.|ca\.)?\s*$", re.IGNORECASE)
PARTNERSHIP = {"partnership", "collaboration", "cooperation"}
SERVING_VERBS = {"serve", "power", "supply", "feed"}  # what is built to serve a customer
CONTROL_NOUNS = {"control", "ownership"}  # "took control of X": X is acquired
SUM_VERBS = {"total", "amount"}  # "loans totalling $390 million": the sum, no side
GRANTING = {"grant", "award"}  # "granted Cohere a warrant": shares granted are held by the grantee
PART_OF = {"total", "amount", "sum"}  # "$10 billion of the total amount" is part of a figure
EQUIVALENCE = {"equivalent", "comparable", "enough", "equal", "equate", "translate"}
BUYER_PROVIDER = {"purchase", "supply", "lease", None}
GOODS_DEALS = {"purchase", "acquisition"}  # relation families of deals for goods or sites
POWER = {"power", "energy"}  # metrics whose sellers a name may say (provider_words)


@dataclass
class Roles:
    subject: str | None = None
    counterparty: str | None = None
    predicate: str | None = None
    item: str | None = None
    relation: str | None = None
    roles_from: str | None = None


@dataclass
class Context:
    """What the role rules know of the article beyond the sentence."""

    orgs: OrgTable
    mentions: list[OrgMention]  # parties of the whole article (no outlets), in text order
    main_org: str | None
    figures: list[Figure] = field(default_factory=list)  # every figure of the article, in order
    # the article's text (the Doc's has the sentences the model did not read blanked) and where
    # its sentences start, by the figure finder's bounds
    text: str = ""
    sentence_starts: list[int] = field(default_factory=list)
    lead: Roles | None = None  # the deal the article leads with (lead_deal)
    history: list["Seen"] = field(default_factory=list)  # the figures read so far, in order
    # Indexes, so that no figure scans every mention, figure or earlier figure of the article
    # (that made texts dense in figures and names quadratic): mention starts, figure starts,
    # and the figures read so far by what they state.
    starts: list[int] = field(init=False, repr=False)
    first_named: dict[str, int] = field(init=False, repr=False)  # where a name is first named
    figure_starts: list[int] = field(init=False, repr=False)
    given: dict[tuple, list["Seen"]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.starts = [m.start for m in self.mentions]
        self.first_named = {}
        for m in self.mentions:
            self.first_named.setdefault(m.name, m.start)
        self.figure_starts = [f.start for f in self.figures]

    def starting_in(self, lo: int, hi: int) -> list[OrgMention]:
        """The mentions that start in [lo, hi)."""
        return self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def figures_starting_in(self, lo: int, hi: int) -> list[Figure]:
        """The figures that start in [lo, hi)."""
        return self.figures[bisect_left(self.figure_starts, lo):
                            bisect_left(self.figure_starts, hi)]

    def previous_sentence(self, start: int) -> tuple[int, int]:
        """The span of the sentence before the one that starts at `start`."""
        i = bisect_right(self.sentence_starts, start) - 1
        return (self.sentence_starts[i - 1], self.sentence_starts[i]) if i > 0 else (start, start)

    def remember(self, seen: "Seen") -> None:
        self.history.append(seen)
        self.given.setdefault(stated(seen.figure), []).append(seen)


def stated(fig: Figure) -> tuple:
    """What a figure states: given again further down, it is the same figure."""
    return fig.metric, fig.value, fig.unit


@dataclass
class Seen:
    """A figure already read in the article, with its roles."""

    sentence_start: int
    figure: Figure
    roles: Roles


@dataclass
class Frame:
    """The relation word that governs a figure and how its agent stands to the figure."""

    relation: str | None
    word: object | None  # the governing token (verb or noun)
    side: str | None  # pays | provides | receives | None (a noun: read its own slots)


class Table:
    """patterns/relations.json, as lookups."""

    def __init__(self, data: dict):
        self.relation = {w: rel for rel, words in data["relations"].items() for w in words}
        self.own_value = set(data["own_value"])
        self.side = {w: side for side, words in data["verb_sides"].items() for w in words}
        self.party_preps = {side: set(p) for side, p in data["party_preps"].items()}
        self.deal_nouns = set(data["deal_nouns"])
        self.family = {r: group[0] for group in data["same_deal"] for r in group}
        self.money_given = data["money_given"]  # the first is the default
        self.share_verbs = set(data["share_verbs"])
        self.permission_verbs = set(data["permission_verbs"])
        self.agent_nouns = set(data["agent_nouns"])
        self.acquiring_verbs = set(data["acquiring_verbs"])
        self.site_nouns = set(data["site_nouns"])
        self.earning_verbs = set(data["earning_verbs"])


    def of(self, token) -> str | None:
        """The relation a word names, the word as written first: "sales" are revenue, a
        "sale" is a purchase; "Series C" is a funding round."""
        if _series(token):
            return "funding_round"
        return self.relation.get(token.lower_) or self.relation.get(token._.lemma)


def _series(token) -> bool:
    """'Series C': a funding round named by its series."""
    return any(c.dep_ == "compound" and c.lower_ == "series" for c in token.children)


@lru_cache(maxsize=1)
def table() -> Table:
    return Table(json.loads((config.PATTERNS_DIR / "relations.json").read_text(encoding="utf-8")))


def relation_family(relation: str | None) -> str | None:
    """One name for relations that name one deal from either side: purchase, supply, lease."""
    return table().family.get(relation, relation)


def figure_root(doc, fig: Figure):
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def chain_of(token) -> list:
    """The token and its heads up to the root of its sentence."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


# ---------------------------------------------------------------- the relation word

def frame_of(chain, tab: Table, metric: str) -> Frame:
    """The relation word that governs the figure, with the verb whose slots name its sides:
    a relation noun with no party of its own takes the frame of the verb it hangs on
    ("Anthropic will receive a $4 billion investment from Amazon", "provide Anthropic with TPUs
    in a deal worth $20 billion"). A price move is a percentage or an amount: "gain 1.3
    gigawatts" is no stock move."""
    frame = _nearest_relation(chain, tab)
    if frame.relation == "capex" and frame.word is not None and _controller(frame.word) is not None:
        return Frame("supply", frame.word, "provides")  # "OpenAI hired Broadcom to build 10 GW"
    if frame.relation == "stock_move":
        # "revenue rose to $1.2 billion": a change verb measures what changes
        changing = next((c for c in frame.word.children if c.dep_ in SUBJECT_DEPS
                         and c._.lemma not in STOCK_NOUNS
                         and tab.of(c) not in (None, "stock_move")), None)
        if changing is not None:
            return Frame(tab.of(changing), changing, None)
        if metric not in ("percent", "money"):
            return Frame(None, frame.word, tab.side.get(frame.word._.lemma))
    word = frame.word
    named = _named_kind(chain[0], tab)
    if named is not None and tab.of(named) in tab.own_value and named._.lemma not in STOCK_NOUNS:
        # "$5 billion in revenue for AMD"; "$5 billion of Intel stock" is a holding bought
        return Frame(tab.of(named), named, None)
    if named is not None and tab.of(named) in tab.money_given and _prep_objects(named, {"from"}):
        # "with $5.5 billion in incentives from New York state": the kind names its payer
        return Frame(tab.of(named), named, None)
    if named is not None and frame.side == "provides" and metric == "money" \
            and tab.of(named) in tab.money_given and named.lower_ not in SHARES:
        return Frame(tab.of(named), word, "pays")
    if named is not None and frame.relation is None and frame.side is not None:
        return Frame(tab.of(named), word, frame.side)  # "received $7.86 billion in grants"
    handed = chain[0].dep_ == "dobj" and chain[1] is word or chain[0].dep_ == "pobj" \
        and chain[1].lower_ == "with" and len(chain) > 2 and chain[2] is word
    if frame.side == "provides" and metric == "money" and named is None and handed \
            and not _prep_objects(chain[0], {"of"}):
        # money itself handed over ("will allocate $3 billion a year to OpenAI", "provide
        # Rapidus with ¥802.5 billion"), not goods worth it ("supply $5 billion of chips"):
        # whoever provides it pays
        return Frame(tab.money_given[0], word, "pays")
    if word is None or word.pos_ not in ("NOUN", "PROPN") or _own_slots(word):
        return frame
    verb = word.head
    while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
        verb = verb.head
    side = tab.side.get(verb._.lemma) if verb.pos_ == "VERB" else None
    if side and verb.i != word.i and frame.relation not in tab.own_value:
        return Frame(frame.relation, verb, side)
    return frame


def _named_kind(root, tab: Table):
    """The relation noun a figure names as its kind: "$5 billion in grants", "$2 billion of
    investment", "$100 billion in revenue"."""
    return next((noun for noun in _prep_objects(root, {"in", "of"})
                 if tab.of(noun)), None)


def _own_slots(noun) -> bool:
    """The noun names a side itself: a possessor, a 'with'/'by'/'in' phrase, a clause (not one
    that only gives its sum: "loans totalling 390 mln dlrs from Japan")."""
    return any(c.dep_ in ("poss", "relcl") or c.dep_ == "acl" and c._.lemma not in SUM_VERBS or
               (c.dep_ == "prep" and c.lower_ in ("with", "between", "by", "in", "into", "from"))
               for c in noun.children)


def _nearest_relation(chain, tab: Table) -> Frame:
    """The nearest relation word on the chain of heads, within the figure's own clause. A value
    word ("worth", "valued") that describes a deal or a stake gives way to it: "a stake worth
    $135 billion" is the stake's."""
    chain = _own_clause(chain)
    found = None
    for token in chain[1:]:
        lemma = token._.lemma
        rel = tab.of(token)
        if token.pos_ == "VERB":
            changed = _change_of(token, chain, tab, rel is not None)
            if changed is not None:
                return changed
        if rel is None:
            continue
        if token.pos_ in ("NOUN", "PROPN") and rel in BUYER_PROVIDER:
            # the kind a compound names on a word of any deal: "a takeover offer" is an
            # acquisition, "a share sale" an investment, "a loan agreement" a grant
            rel = next((tab.of(c) for c in token.children if c.dep_ == "compound"
                        and tab.of(c) not in (None, *tab.own_value)), rel)
        if found is None:
            found = Frame(rel, token, tab.side.get(lemma) if token.pos_ in ("VERB", "AUX") else None)
            # "worth" after goods may be read as hanging on the verb: "supply transformers
            # worth 100 billion yen to Google"
            if rel != "valuation" or token.dep_ not in ("amod", "acl", "acomp", "prep", "pcomp") \
                    and not (token.dep_ in ("advcl", "oprd") and token.lower_ == "worth"):
                break
        elif rel not in tab.own_value and (token.pos_ in ("NOUN", "PROPN")
                                           or token.pos_ == "VERB" and _goods_worth(found.word)):
            return Frame(rel, token, tab.side.get(lemma) if token.pos_ == "VERB" else None)
    if found is not None and found.relation == "valuation":
        described = _described_by_value(chain, tab)
        if described is not None:
            return Frame(tab.of(described) or "purchase", described, None)
    if found is not None:
        return found
    verbs = [t for t in chain[1:] if t.pos_ == "VERB"]
    if not verbs:
        return Frame(None, None, None)
    # "increase its total investment to $25 billion", "secured an agreement with Talen Energy,
    # guaranteeing 1,920 MW", "the agreement between AMD and OpenAI covers 6 gigawatts", "its
    # revenue has grown to $5 billion": the relation of the thing the clause is about
    for verb in verbs:
        slots = [*objects_of(verb), *(c for c in verb.children if c.dep_ == "nsubj")]
        about = next((o for o in slots if o.pos_ == "NOUN" and tab.of(o) and (
            o.dep_ == "nsubj" or tab.of(o) not in tab.own_value)), None)
        if about is not None:
            return Frame(tab.of(about), about, None)
    return Frame(None, verbs[0], tab.side.get(verbs[0]._.lemma))


def _own_clause(chain) -> list:
    """The chain up to the verb of the figure's clause when that clause has a subject of its own
    ("Amazon has invested $8 billion, while Google has committed $3 billion": Google's figure is
    not an investment of Amazon's)."""
    for k, token in enumerate(chain[1:], 1):
        if token.dep_ in CLAUSES and token.pos_ == "VERB" and any(
                c.dep_ == "nsubj" and c.pos_ in ("PROPN", "PRON") and c.lower_ not in RELATIVE
                for c in token.children):
            return chain[:k + 1]
    return chain


def _change_of(verb, chain, tab: Table, named: bool) -> Frame | None:
    """What a verb that changes something measures: "raised its total investment to $8
    billion" is no fundraising but the investment's new size, "tripled its valuation to $183
    billion" a valuation, "raised its capital spending forecast to $91 billion" the spending;
    "raised its forecast to $91 billion" no relation of the verb's own (`named`)."""
    to = chain[chain.index(verb) - 1]
    to = to.dep_ == "prep" and to.lower_ == "to"
    if not (named or to):
        return None
    objects = [o for o in objects_of(verb) if o.dep_ == "dobj" and o not in chain
               and o.pos_ == "NOUN"]
    side = None if to else tab.side.get(verb._.lemma)
    for o in objects:
        for word in (o, *(c for c in o.children if c.dep_ == "compound")):
            if tab.of(word):
                # "sold a 5% stake to BlackRock for $2 billion": the stake's relation, the
                # seller's slots
                return Frame(tab.of(word), verb if side else o, side)
    return Frame(None, verb, None) if named and to and objects else None


def _goods_worth(value):
    """'supply Microsoft with capacity worth $17.4 billion': "worth" describes a thing that a
    relation verb deals in, not an entity ("Wiz, a company worth $32 billion"). The parser may
    hang it on the verb ("supply transformers worth 100 billion yen to Google"): the thing is
    then the noun right before it."""
    thing = value.head
    if thing.pos_ in ("VERB", "AUX") and value.i > 0:
        # "rent capacity from Oracle worth $300 billion": the verb's object
        thing = next((o for o in objects_of(thing) if o.pos_ == "NOUN"), value.doc[value.i - 1])
    return value.lower_ == "worth" and thing.pos_ == "NOUN" and thing.dep_ != "appos"


def _described_by_value(chain, tab: Table):
    """'the contract with OpenAI is worth $300 billion', "Microsoft's 27% stake worth $135
    billion": the deal, stake or investment a value word describes (its subject, a head on the
    chain, or the noun right before it)."""
    for below, token in zip(chain[:3], chain[1:4]):
        near = [token, *(c for c in token.children if c.dep_ in SUBJECT_DEPS)]
        if token._.lemma in ("worth", "value") and token.i > 0:
            near.append(token.doc[token.i - 1])
        if token.pos_ == "VERB" and below.lower_ == "worth":
            near += objects_of(token)  # "signed a deal with Microsoft worth $24 billion"
        if below.lower_ == "worth" and token.pos_ == "PROPN" and token.dep_ == "pobj" \
                and token.head.lower_ == "with" and token.i + 1 == below.i:
            # "a cloud computing deal with Google worth $10 billion", "with" on the deal or its verb
            near += [token.head.head, *objects_of(token.head.head)]
        for t in near:
            if t.lower_ in tab.deal_nouns or t._.lemma in ("stake", "investment"):
                return t
        if token.pos_ == "VERB" and token._.lemma == "value":
            # "the agreements aim to produce ... and (are) valued at $70 billion"
            agent = agent_of(token, tab)
            if agent is not None and agent.lower_ in tab.deal_nouns:
                return agent
    return None


# ---------------------------------------------------------------- slots and parties

def agent_of(word, tab: Table):
    """The head of the phrase that acts: the subject of a verb (through "plans to invest",
    "is said to be investing", "raised and invested", relative and participle clauses), the
    'by' phrase of a passive or a nominalisation ("an investment by Nvidia", "a commitment from
    OpenAI to spend"), the possessor of a noun."""
    token = word
    for _ in range(6):
        if token.i == word.i:  # a passive's agent acts for its own verb only
            for child in token.children:
                if child.dep_ == "agent":
                    return next((c for c in child.children if c.dep_ == "pobj"), None)
        subjects = ("nsubj", "csubj") if token.i == word.i else ("nsubj", "csubj", "nsubjpass")
        found = [c for c in token.children if c.dep_ in subjects]
        if found:
            # two subjects, as the model parses "The Abu Dhabi fund MGX committed": the name
            # right after the describing phrase
            child = found[0]
            if len(found) > 1 and found[1].pos_ == "PROPN" \
                    and found[1].left_edge.i == child.right_edge.i + 1:
                child = found[1]
            return token.head if child.lower_ in RELATIVE and token.dep_ == "relcl" else child
        poss = next((c for c in token.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        if token.pos_ in ("NOUN", "PROPN"):
            preps = {"by"} if tab.of(token) in tab.own_value else {"by", "from"}
            by = _prep_objects(token, preps)
            if by:
                return by[0]
        if token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN") \
                and token.tag_ != "VB":
            if not (tab.of(token.head) == "funding_round" and tab.of(word) in tab.own_value):
                return token.head  # "a company valued at", not "talks to raise"
            # "raised $150 million in a Series F led by Wellington at a $7.2 billion
            # valuation": the round's company is valued, not its lead
            token = token.head
            continue
        controller = _controller(token)
        if controller is not None:
            return controller  # "Microsoft tapped Nebius to supply": Nebius supplies
        if token.dep_ not in INHERITS_SUBJECT or token.head.i == token.i:
            return None
        token = token.head
    return None


def _controller(clause):
    """The named object of the verb a "to" clause completes, which acts in it ("tapped Nebius
    to supply", "asked Google to invest"); not a thing ("signed a deal to supply")."""
    if clause.dep_ != "xcomp":
        return None
    return next((c for c in clause.head.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)


def _prep_objects(token, preps: set[str]) -> list:
    """Objects of the token's prepositions in `preps` ("in OpenAI", "to South Korea")."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def objects_of(word) -> list:
    """Direct and indirect objects of a verb, and the subject of its passive; an indirect object
    written with "to" is its noun ("sell 835 megawatts of power to Meta")."""
    found = []
    for c in word.children:
        if c.dep_ == "dative" and c.pos_ == "ADP":
            found += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in OBJECT_DEPS:
            found.append(c)
    return found


class Parties:
    """Organisations of one sentence, and what a token of it names."""

    def __init__(self, ctx: Context, in_sentence: list[OrgMention], sentence, text: str,
                 named: list[OrgMention]):
        self.ctx = ctx
        self.mentions = in_sentence
        self.named = named  # every name of the sentence, the source's too ("X said it ...")
        self.resolved: str | None = None  # nearby | article: a reference named from outside
        self.sentence = sentence
        self.text = text

    def at(self, token, avoid: str | None = None, states: bool = False,
           figures: bool = True, people: bool = False) -> list[str]:
        """The party a phrase headed by `token` names: an organisation (with those joined to it
        by "and"), a reference ("the company") resolved, with `states` a place acting as a
        state ("to South Korea": a buyer, not "in Japan": a location), with `people` a person
        who pays or whose wealth it is. Without `figures`, the words of a figure are left out
        of a reference ("the $15bn company")."""
        if token is None or any(m.start <= token.idx < m.end and m not in self.mentions
                                for m in self.named):
            return []  # a name left out of the parties: a source, a regulator, an employer
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge)
        own = self.naming(token)
        leader = _leader(token)
        if not own and leader is not None:  # "a group led by Macquarie's infrastructure arm"
            led = self.at(leader, avoid, states)
            if led:
                return led
        if not own:
            # the head of the phrase is no name: a name that modifies it ("Elon Musk's xAI",
            # "AI startup Anthropic") or stands in apposition
            inside = [m for m in self.mentions if lo <= m.start < hi]
            own = inside[:1] if inside and self._heads_phrase(inside[0], token) else []
        if own:
            return self.joined(own[0])
        if states and token.ent_type_ in STATES and token.pos_ == "PROPN":
            # with those joined to it: "from Japan and the World Bank"
            return [self._entity_text(token), *(p for c in token.children if c.dep_ == "conj"
                                                for p in self.at(c, avoid, states))]
        if states and canon(token.text) in self.ctx.orgs.public_bodies:
            of_state = [c for c in token.children if c.dep_ == "poss" and c.ent_type_ in STATES] \
                + [g for g in _prep_objects(token, {"of"}) if g.ent_type_ in STATES]
            if of_state:  # "Japan's government", "the state of New York"
                return [self._entity_text(of_state[0])]
            country = [self._entity_text(c) for c in token.children
                       if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")]
            if country:
                return [" ".join([*country, token.text])]  # "the German government"
        if people and token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
            return [self._entity_text(token)]  # "Sam Altman contributed $1 million"
        phrase = POSSESSIVE.sub("", self.text[lo:token.idx + len(token)] if figures else " ".join(
            t.text for t in token.subtree if t.i <= token.i and not self.measured(t)))
        if states and COUNTRY.match(phrase.strip()):
            # "the Asian country": the place last named before it
            place = next((e for e in reversed(token.doc.ents)
                          if e.label_ in STATES and e.end_char <= token.idx), None)
            if place is not None:
                self.resolved = "nearby"
                return [self._entity_text(place[0])]
        if PAIR.match(phrase.strip()):
            pair = self._pair()
            if pair:
                self.resolved = "nearby"
                return pair
        described = self.ctx.orgs.describes(phrase)
        if described:
            return [described]
        words = canon(phrase).split()
        if canon(phrase) in self.ctx.orgs.references or \
                canon(POSSESSIVE.sub("", token.text)) in self.ctx.orgs.references or \
                words[:1] == ["the"] and len(words) <= 6 \
                and token.lower_ in self.ctx.orgs.reference_heads and not any(
                    t.pos_ == "PROPN" and t.ent_type_ not in STATES for t in token.lefts):
            # "the company", "its", "the Santa Clara-based chipmaker" (places only: "the G20
            # group" names one); "it" after "X said" is X ("The government said it would build")
            reporter = _reporter_of(token)
            named = self.at(reporter, avoid=avoid, states=True) if reporter is not None else []
            if named:
                return named
            found = self._resolve(token, avoid, definite=token.pos_ != "PRON")
            return [found] if found else []
        return []

    def _pair(self) -> list[str]:
        """The two organisations "the two companies" stands for, from the sentence before, in the
        order the article first names them: two names joined by "and", else the two sides of
        its last figure."""
        ctx = self.ctx
        a, b = ctx.previous_sentence(self.sentence.start_char)
        named = ctx.starting_in(a, b)
        # a possessive before the second name describes it: "Tencent and TikTok's parent
        # company ByteDance"
        named = [m for m in named if not ctx.text.startswith(("'s", "’s"), m.end)]
        pair = next(([x.name, y.name] for x, y in zip(named, named[1:]) if x.name != y.name
                     and JOINT.match(POSSESSIVE_S.sub("", ctx.text[x.end:y.start]))), None)
        if pair is None:
            last = next((seen.roles for seen in reversed(ctx.history)
                         if a <= seen.sentence_start < b), Roles())
            pair = [*(last.subject or "").split("; "), last.counterparty]
            pair = [name for name in dict.fromkeys(pair) if name]
        # another name in the sentence ("Broadcom: the two companies will") means another pair
        if len(pair) != 2 or any(m.name not in pair for m in self.named):
            return []
        return sorted(pair, key=ctx.first_named.get)

    def naming(self, token) -> list[OrgMention]:
        """The organisation mentions the token is part of."""
        return [m for m in self.mentions if m.start <= token.idx < m.end]

    def measured(self, token) -> bool:
        """The token is part of a figure: what it counts, not a party."""
        return any(f.start <= token.idx < f.end for f in self.ctx.figures)

    def _heads_phrase(self, mention: OrgMention, token) -> bool:
        """The name stands for the phrase: it modifies its head, is in apposition or an example
        of it ("a robust entity like Google"), not inside a prepositional phrase of it ("a deal
        with Meta" is not Meta)."""
        for t in token.subtree:
            if mention.start <= t.idx < mention.end:
                path = t
                while path.i != token.i:
                    example = path.dep_ == "prep" and path.lower_ in EXAMPLES
                    if path.dep_ in ("prep", "pobj", "relcl", "acl", "conj", "cc") and not (
                            example or (path.dep_ == "pobj" and path.head.lower_ in EXAMPLES)):
                        return False
                    path = path.head
                return True
        return False

    def joined(self, mention: OrgMention) -> list[str]:
        """'Microsoft and Nvidia will invest': both act, in the order of mention."""
        names = [mention.name]
        at = mention
        for m in self.mentions:
            if m.start >= at.end and JOINT.match(self.text[at.end:m.start]) \
                    and not self._acts_for_figure(m):
                if m.name not in names:
                    names.append(m.name)
                at = m
        before = mention
        for m in reversed([m for m in self.mentions if m.end <= mention.start]):
            if not JOINT.match(self.text[m.end:before.start]):
                break
            if m.name not in names:
                names.insert(0, m.name)
            before = m
        return names

    def _acts_for_figure(self, mention: OrgMention) -> bool:
        """'... into Anthropic and Microsoft up to $5 billion': a name right before a figure
        heads a gapped clause of its own, it is not joined to the names before it."""
        return bool(self.ctx.figures_starting_in(mention.end, mention.end + 3))

    @staticmethod
    def _in_subject(doc, mention: OrgMention) -> bool:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and any(
            t.dep_ in SUBJECT_DEPS for tok in span for t in [tok, *tok.ancestors][:3])

    def _named_before(self, avoid: set, kind: str | None, start: int) -> str | None:
        """The first organisation named in the sentence before `start`, as what a sentence is
        about: not one that modifies a relation noun ("This Meta deal changes ..."), nor, for a
        description (`kind`: "startup"), one the text calls another kind of company ("venture
        capital firm Menlo Ventures")."""
        text, tab, orgs = self.ctx.text, table(), self.ctx.orgs
        for m in self.ctx.starting_in(*self.ctx.previous_sentence(start)):
            following = re.match(r"\s+([a-z][\w-]*)", text[m.end:m.end + 30])
            if m.name in avoid or following and (following.group(1) in tab.deal_nouns
                                                 or following.group(1) in tab.relation) \
                    or LISTED_AFTER.search(text, max(0, m.start - 12), m.start):
                continue  # "This Meta deal ...", "Private investors including Toyota and Sony"
            called = orgs.kind_before.search(text, max(0, m.start - 40), m.start) \
                if orgs.kind_before else None
            if kind and called and canon(called.group(0).strip()) != canon(kind):
                continue
            return m.name
        return None

    def _opens_on_reference(self) -> bool:
        """The sentence before opens on a description of a company ("The company", "The
        chipmaker")."""
        a, b = self.ctx.previous_sentence(self.sentence.start_char)
        words = self.ctx.text[a:b].split()[:3]
        return any(canon(" ".join(words[:n])) in self.ctx.orgs.references for n in (2, 3))

    def _entity_text(self, token) -> str:
        """The entity's text ("South Korea", "Sam Altman"), without "the"."""
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        text = ent.text if ent is not None else token.text
        return POSSESSIVE.sub("", re.sub(r"(?i)^the\s+", "", text))

    def _resolve(self, token, avoid: str | None, definite: bool) -> str | None:
        """'it', 'the company': the nearest organisation earlier in the sentence; else the
        first named in the sentence before that the sentence is about (news names it first:
        "Nebius's shares soared. The $15bn company was formed ..."; for a description, not a
        name of its own sentence nor one of another kind); else for a description ("the
        company", "the startup") the article's main organisation, for a pronoun the subject of
        the last figures; and the other of these two when the first is missing. `resolved` says
        where the name came from."""
        avoided = (avoid or "").split("; ")  # joint actors: "Toyota Motor; NTT"
        earlier = [m for m in self.named if m.start < token.idx and m.name not in avoided]
        acting = [m for m in earlier if self._in_subject(token.doc, m)]
        # a regulator that only receives ("in a filing with the SEC, Harris said it bought") is
        # no one "it" stands for
        earlier = [m for m in earlier if m in acting or not self.ctx.orgs.is_public(m.name)]
        if acting or earlier:
            return (acting or earlier)[-1].name
        # a description is none of the names of its own sentence ("The company is increasing
        # its use of Google's TPU chips" is not Google)
        taken = {avoid, *(m.name for m in self.named)} if definite else {avoid}
        start = self.sentence.start_char
        # a pronoun after a sentence that opens on "The company" is that company too ("OpenAI
        # signed a contract with Oracle. The company also has a deal with AMD. It will ...")
        described = definite or self._opens_on_reference()
        if described and not definite:
            start = self.ctx.previous_sentence(start)[0]
        before = self._named_before(taken, token.text if definite else None, start)
        recent = [seen.roles.subject.split("; ")[0] for seen in reversed(self.ctx.history[-4:])
                  if seen.roles.subject and seen.roles.subject != avoid]
        main = self.ctx.main_org if self.ctx.main_org != avoid else None
        order = [(main, "article"), (recent[0] if recent else None, "nearby")]
        order = [(before, "nearby"), *(order if described else order[::-1])]
        for name, where in order:
            if name:
                self.resolved = where
                return name
        return None


def _reporter_of(token):
    """Who says what a pronoun does: "X said it would build" -> X (not a pronoun itself)."""
    verb = token.head
    if token.pos_ != "PRON" or token.dep_ != "nsubj" or verb.dep_ != "ccomp" \
            or verb.head.lower_ not in reporting_forms():
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)


def _leader(token):
    """The head of the 'by' phrase of "led by" on a noun: "a consortium led by BlackRock"."""
    return next((g for c in token.children if c.dep_ == "acl" and c._.lemma == "lead"
                 for a in c.children if a.dep_ == "agent"
                 for g in a.children if g.dep_ == "pobj"), None)


def _names(parties: list[str]) -> str | None:
    return "; ".join(dict.fromkeys(parties)) if parties else None


def roles_of(fig: Figure, chain, ctx: Context, exclude: tuple[int, int] | None = None) -> Roles:
    """Relation, subject, counterparty, predicate and item of one figure, whose root token and
    its heads are `chain` (link.py finds them once for all context rules). `exclude` is the
    attribution's span: an analyst's firm is not a party to the deal."""
    root = chain[0]
    doc = root.doc
    index = TokenIndex.of(doc)
    sentence = index.sentence(root)
    text = index.text
    end = sentence.start_char + len(index.text_of(sentence).rstrip())
    named = [m for m in ctx.starting_in(sentence.start_char, end)
             if not (fig.start <= m.start < fig.end)]
    in_sentence = [m for m in named if not (exclude and exclude[0] <= m.start < exclude[1])
                   and not _no_party(m, doc, ctx.orgs)]
    parties = Parties(ctx, in_sentence, sentence, text, named)
    tab = table()
    predicate, noun, item = predicate_and_item(root, fig, chain)
    restated = _restated(fig, chain, ctx, sentence.start_char, text)
    if restated is not None:
        roles = Roles(restated.subject, restated.counterparty, predicate, item,
                      restated.relation, restated.roles_from)
    else:
        roles = _read_roles(fig, chain, frame_of(chain, tab, fig.metric), parties, tab, noun)
        roles = _as_before(fig, roles, ctx)
        roles.predicate, roles.item = predicate, item
    ctx.remember(Seen(sentence.start_char, fig, roles))
    return roles


def _read_roles(fig: Figure, chain, frame: Frame, parties: Parties, tab: Table, noun) -> Roles:
    ctx, in_sentence = parties.ctx, parties.mentions
    listed = _respectively(fig, parties)  # (its name, the names listed together)
    subject = listed[0] if listed else _listed_actor(fig, chain[0], parties)
    counterparty = None
    if subject is None and fig.metric == "percent" and frame.relation == "revenue":
        share = _customer_share(chain, frame, parties, tab)
        if share is not None:  # "Microsoft accounted for 71% of revenue"
            return Roles(*share, relation="revenue", roles_from=parties.resolved or "sentence")
    if subject is None and fig.metric == "money":
        described = _described(noun, parties, frame.relation is None)
        if described:  # "Wiz, a $32 billion company", "the $15bn company was formed"
            return Roles(_names(described), None, relation="valuation",
                         roles_from=parties.resolved or "sentence")
    if subject is None and _deal_pronoun(frame, parties, tab):
        deal = _the_deal(ctx, frame, fig.metric, tab)
        if deal is not None:  # "The contracts run for 20 years. They are worth $10 billion."
            return deal
    if subject is None:
        subject, counterparty = _by_frame(frame, fig.metric, parties, tab, chain[0])
    if subject is None and counterparty is None and frame.relation in BUYER_PROVIDER - {None}:
        # "Constellation signed a PPA with Microsoft to restart Unit 1, which will supply 835
        # megawatts": what a thing supplies goes between the sides of its sentence's deal
        subject, counterparty = _sentence_deal(parties, tab, fig.metric)
    roles_from = (parties.resolved or "sentence") if subject else None
    relation = frame.relation
    spent_on = _prep_objects(frame.word, {"on"}) \
        if relation == "capex" and frame.word is not None else []
    held = [o for o in spent_on if o._.lemma in ("stake", "holding") or o.lower_ in SHARES]
    if held:  # "spent A$584m on a stake in Southcorp": an investment in the company
        relation = "investment"
        counterparty = counterparty or _names(_from_preps(held[0], {"in", "of"}, parties,
                                                          avoid=subject))
    if relation == "capex" and counterparty is None and frame.word is not None:
        # "spend billions of dollars on TPUs": goods of one maker are bought from it
        counterparty = _maker_of(spent_on, subject, parties)
    if relation == "capex" and counterparty:
        relation = "purchase"  # "spend $250 billion on Azure" is paid to someone
    if relation == "capex" and frame.word is not None and frame.word.pos_ == "VERB":
        # "Crusoe is building a 1.2 GW campus for Oracle and OpenAI": built for customers
        builder = parties.at(agent_of(frame.word, tab)) or ([subject] if subject else [])
        # or to serve them: "build three gas plants totalling 2.3 GW to serve Meta's data centre"
        serving = [o for c in frame.word.children if c.dep_ in ("advcl", "xcomp")
                   and c._.lemma in SERVING_VERBS for o in objects_of(c)]
        # or what they own ("expand the Asian country's AI infrastructure with 250,000 GPUs")
        owners = [p for o in objects_of(frame.word) for c in o.children if c.dep_ == "poss"
                  for p in parties.at(c, states=True)]
        built_for = [p for o in [frame.word, *objects_of(frame.word)]
                     for p in _from_preps(o, {"for"}, parties) if p not in builder] \
            + [p for o in serving for p in parties.at(o) if p not in builder] \
            + [p for p in owners if p not in builder]
        if builder and built_for:
            subject, counterparty, relation = _names(built_for), _names(builder), "supply"
    kind = _named_kind(chain[0], tab)
    if relation_family(relation) in GOODS_DEALS and (
            fig.metric == "count" and (fig.unit or "").lower() in SHARES
            or kind is not None and kind.lower_ in SHARES):
        # "the right to buy up to 160 million of its shares", "buy $5 billion of Intel stock",
        # "has acquired 62,500 shares of Espey", "sell up to 5% of its shares to SoftBank"
        relation = "investment"
    if relation == "investment" and subject and counterparty and frame.side == "pays" \
            and frame.word._.lemma in GRANTING \
            and any(t.lower_ in SHARES or t._.lemma in ("warrant", "option") for t in chain):
        subject, counterparty = counterparty, subject  # holder -> company
    bought = _company_bought(frame.word, chain, parties, tab, subject) \
        if relation in GOODS_DEALS else []
    if bought:
        relation = "acquisition"
        # "KKR bought the company in a deal that valued it at $2 billion"
        counterparty = counterparty or _names(bought)
    if relation == "funding_round" and "pays" in (frame.side, _side_of_head(frame.word, tab)) \
            and not any(c.dep_ == "poss" and parties.at(c) for c in frame.word.children):
        # "ASML led a €1.7 billion round" in Mistral: a round's total is the company's own (not
        # when the round says whose it is: "Anthropic's $13 billion raise was led by Iconiq")
        subject, counterparty = _other_in_clause(fig, _clause_root(chain), subject, parties), None
        roles_from = "sentence" if subject else None
    if subject is None and counterparty is None and _bare_deal(frame, parties, tab):
        deal = _the_deal(ctx, frame, fig.metric, tab)
        if deal is not None:  # "the contract was worth $17.4bn": the deal of the article
            return deal
    payee_alone = False
    if subject is None and counterparty is not None:
        # a payee with no payer named ("Talen will receive $350 million"): the buyer it dealt
        # with before in the article, or in the deal the article leads with
        subject, roles_from = _partner_of(counterparty, ctx, parties.sentence.start_char)
        if subject is None and _unnamed_recipient(frame, parties):
            # "Vistra agreed to sell 1,200 MW to a hyperscaler": the buyer goes unnamed
            return Roles(None, counterparty, relation=relation, roles_from="sentence")
        if subject is None:
            subject, counterparty, roles_from = counterparty, None, "sentence"
            # payers named only by a group ("from investors including DigitalBridge"): none
            payee_alone = frame.word is not None and any(
                o._.lemma in tab.agent_nouns for o in _prep_objects(frame.word, {"from", "by"}))
    if subject is None and relation is None:
        # "Mark Zuckerberg unveils Meta's goal of ... with nearly 600,000 GPUs"
        subject = _names(_possessor(chain, parties))
        roles_from = "sentence" if subject else None
    if subject is None:
        # "the generative AI market is projected to surpass $1 trillion in revenue"
        subject = _market(chain, noun, fig)
        roles_from = "sentence" if subject else None
        relation = "market_size" if subject else relation
    if subject is None and (not in_sentence or relation in tab.own_value):
        # nobody named, or a company's own figure whose holder is named by no name ("shares
        # gaining 29%"): the article's main organisation
        subject, roles_from = _carried(frame, ctx, chain)
    actors = [m for m in in_sentence if not _owns_a_place(m, parties)]
    if subject is None and actors and not _other_actor(chain, in_sentence, ctx.orgs):
        before = [m for m in actors if m.start < fig.start]
        subject, roles_from = (before or actors)[0].name, "sentence"
    if subject is None and in_sentence and not actors:
        # "The hub will add ₹10,500 crore to Andhra Pradesh's economy": the article's main
        # organisation, as when the sentence names nobody
        subject, roles_from = _carried(frame, ctx, chain)
    if relation not in tab.own_value and relation != "funding_round":
        subject, counterparty, roles_from = _with_lead(subject, counterparty, roles_from,
                                                       relation, fig.metric, ctx)
    if relation in tab.own_value and fig.metric != "chips":
        counterparty = None
    elif counterparty is None and fig.metric in ("chips", "power", "energy", "count"):
        # "600,000 Nvidia chips", "160 million AMD shares", "6 GW of AMD's processors"
        # (a chip family in the sentence names no maker of power: "deliver 50MW and host
        # 23,040 GB300 GPUs")
        # ... or the seller named in its own phrase ("purchase of 200,000 GPUs from Nscale")
        sellers = _from_preps(chain[0], {"from"}, parties, avoid=subject) \
            if relation in BUYER_PROVIDER else []
        counterparty = (_chip_maker(fig, parties) if fig.metric in ("chips", "count") else None) \
            or _names(sellers) or _goods_maker(chain[0], subject, parties) \
            or _same_chips(fig, ctx, parties)
    elif payee_alone:
        pass  # payers named only as a group: the payee stands alone
    elif counterparty is None and relation not in (None, "funding_round"):
        # actors listed together are never each other's other side: "Microsoft and Nvidia will
        # invest $5 billion and $10 billion, respectively, in Anthropic", "KKR will hold 75% and
        # Singtel 25% of the company"
        partners = listed[1] if listed else _gapped_actors(fig, parties)
        counterparty = _other_in_clause(fig, _clause_root(chain), _joined(subject, partners),
                                        parties)
        if counterparty is None and relation == "investment":
            counterparty = _round_of(frame, subject, ctx, chain[0])
        if counterparty and frame.side is None and relation in BUYER_PROVIDER:
            # a deal noun's one side and another name of its clause: no direction in grammar
            subject, counterparty = _two_sides([subject, counterparty], relation, ctx.orgs,
                                               fig.metric)
    if counterparty is None and relation is None:
        relation, counterparty = _continued(fig, subject, parties)
    if counterparty is None and subject and "; " in subject and relation not in tab.own_value \
            and frame.word is not None and frame.word.pos_ in ("NOUN", "PROPN") \
            and frame.word._.lemma not in tab.agent_nouns:
        # "Amazon and Anthropic ... a $5 billion investment": the two named together are the
        # two sides of a relation noun, not joint actors (a verb's agents act together)
        subject, counterparty = _two_sides(subject.split("; "), relation, ctx.orgs, fig.metric)
    if counterparty is None and subject is not None and relation in tab.money_given:
        # "Mistral AI has closed a €1.7 billion Series C, with ASML contributing €1.3 billion"
        company = _round_joined(chain, parties, tab)
        if company and company not in subject.split("; "):
            counterparty, relation = company, "investment"
    if counterparty is None and subject is not None:
        # "SoftBank also has the option to syndicate up to $10 billion of the total amount":
        # a part of the total stated just before is paid to the same side
        whole = _whole_of(chain[0], fig, parties)
        if whole is not None and whole.counterparty not in subject.split("; "):
            counterparty, relation = whole.counterparty, relation or whole.relation
    if subject and counterparty and _given_in_exchange(chain, tab):
        # "Intel received $8.9 billion from the US government in exchange for a 9.9% stake":
        # what the receiver gives for the money goes to the payer
        subject, counterparty = counterparty, subject
    if counterparty and subject and counterparty in subject.split("; "):
        counterparty = None  # a company's own chips, its own shares
    return Roles(subject, counterparty, relation=relation, roles_from=roles_from)


def _company_bought(word, chain, parties: Parties, tab: Table, buyer: str | None) -> list[str]:
    """The organisation a verb or noun of buying buys ("agreed to buy Ampere Computing",
    "completed the purchase of Kaiser Cement", "bought the company", "took control of the
    company"), also above the deal noun that governs the figure ("agreed to buy Core Scientific
    in a deal valued at about $9 billion")."""
    if word is None:
        return []
    if word.lower_ in tab.deal_nouns and word in chain:
        word = next((t for t in chain[chain.index(word) + 1:] if t.pos_ == "VERB"), word)
    objects = [c for c in word.children if c.dep_ == "dobj"]
    # "took control of the company", "acquired full ownership of Aligned"
    control = [o for o in objects if o._.lemma in CONTROL_NOUNS]
    if control:
        objects = _prep_objects(control[0], {"of"})
    elif word._.lemma in tab.acquiring_verbs:
        objects += _prep_objects(word, {"of"})
    else:
        return []
    bought = []
    for o in objects:
        named = [m.name for m in parties.naming(o)]
        # a reference resolved ("the company"), not goods of a maker ("four Boeing 747s")
        if not named and not any(parties.naming(t) for t in o.subtree):
            named = parties.at(o, avoid=buyer)
        bought += named
    return bought


def _unnamed_recipient(frame: Frame, parties: Parties) -> bool:
    """A provider's verb whose recipient the text gives but does not name ("sell 1,200 MW to a
    hyperscaler", "supply chips to a customer")."""
    word = frame.word
    if frame.side != "provides" or word is None or word.pos_ != "VERB":
        return False
    given = [*_prep_objects(word, {"to"}), *(c for c in word.children if c.dep_ == "dative")]
    return any(o.pos_ in ("NOUN", "PROPN") and not parties.measured(o)
               and not parties.at(o, states=True) for o in given)


def _given_in_exchange(chain, tab: Table) -> bool:
    """The figure is what the agent of a verb of receiving gives in return ("received $8.9
    billion in exchange for a 9.9% stake")."""
    for k, token in enumerate(chain[1:-1], 1):
        if token.lower_ in ("exchange", "return") and chain[k - 1].lower_ == "for" \
                and token.head.lower_ == "in":
            verb = next((t for t in chain[k + 1:] if t.pos_ == "VERB"), None)
            return verb is not None and tab.side.get(verb._.lemma) == "receives"
    return False


def _round_joined(chain, parties: Parties, tab: Table) -> str | None:
    """The company whose round a payer's "with" clause joins ("closed a €1.7 billion Series C,
    with ASML contributing €1.3 billion": Mistral AI)."""
    clause = next((t for t in chain[1:] if t.dep_ == "pcomp" and t.head.lower_ == "with"), None)
    if clause is None:
        return None
    held = clause.head.head  # the round, or the verb that raised it
    verb = held if held.pos_ == "VERB" else next((t for t in held.ancestors if t.pos_ == "VERB"),
                                                  None)
    round_named = held.lower_ in ROUND_NOUNS or _series(held)
    if verb is None or not (round_named or tab.of(verb) == "funding_round"):
        return None
    return next(iter(parties.at(agent_of(verb, tab))), None)


def _whole_of(root, fig: Figure, parties: Parties) -> Roles | None:
    """The roles of the total a figure is part of ("$10 billion of the total amount"): the last
    figure of its kind with a counterparty in the sentences just before."""
    if not any(o._.lemma in PART_OF and any(c.lower_ in ("the", "that") for c in o.children)
               for o in _prep_objects(root, {"of"})):
        return None
    ctx = parties.ctx
    since = _sentence_start_before(ctx, parties.sentence.start_char, NEARBY_SENTENCES)
    return next((seen.roles for seen in reversed(ctx.history) if seen.sentence_start >= since
                 and seen.figure.metric == fig.metric and seen.roles.counterparty), None)


def _owns_a_place(mention: OrgMention, parties: Parties) -> bool:
    """The name only owns the goal of a phrase ("to Andhra Pradesh's economy", "in Meta's data
    centres"): it does not act in the sentence."""
    token = _mention_root(parties.sentence.doc, mention)
    return token is not None and token.dep_ == "poss" and token.head.dep_ == "pobj" \
        and token.head.head.lower_ in ("to", "into", "in", "at", "across")


def _mention_root(doc, mention: OrgMention):
    """The head token of a mention's words, None where the model did not read them."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _no_party(mention: OrgMention, doc, orgs: OrgTable) -> bool:
    """Where the name stands says it is no party to the sentence's figures (its head token is
    found once for the four readings)."""
    token = _mention_root(doc, mention)
    return token is not None and (_permits(token, mention, orgs) or _analysts_of(token)
                                  or _site_place(token) or _in_title(token, orgs))


def _permits(token, mention: OrgMention, orgs: OrgTable) -> bool:
    """A public body that approves, authorises or blocks ("Commerce Department has authorised
    the supply of 35,000 chips to Saudi firms", "the EU approved €5 billion of German state aid")
    rules on a deal; it is no party to it."""
    return token.dep_ == "nsubj" and token.head._.lemma in table().permission_verbs \
        and orgs.is_public(mention.name)


def _analysts_of(token) -> bool:
    """The name is the employer of analysts or economists ("Analysts at Morgan Stanley expect",
    "Jefferies analysts estimate"): they observe and forecast; the firm is no party."""
    if token.dep_ == "pobj" and token.head.lower_ in ("at", "from", "with"):
        return observer(token.head.head.text)
    return token.dep_ in ("compound", "poss") and observer(token.head.text)


def _site_place(token) -> bool:
    """The name says where a site stands ("a new data centre in Waltham Cross", "its plant at
    Catania"): a place the model took for an organisation, no party."""
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near") \
        and token.head.head._.lemma in table().site_nouns


def _in_title(token, orgs: OrgTable) -> bool:
    """The name is the employer in a person's title ("Kevin Miller, Amazon's Vice-President of
    Global Data Centers", "group chief executive of Mubadala, said"): it describes the person, it
    is no party to the figure."""
    return token.dep_ == "pobj" and token.head.lower_ in ("of", "at") \
        and canon(token.head.head.text) in orgs.titles


def _possessor(chain, parties: Parties) -> list[str]:
    """The organisation whose plan, goal or project the figure stands in: the possessor of the
    nearest noun on its chain within its clause, or of the object of a verb on it ("Sam Altman
    outlined OpenAI's plan ... with over 1 million GPUs")."""
    for token in _own_clause(chain)[1:]:
        nouns = [token] if token.pos_ in ("NOUN", "PROPN") else \
            [o for o in objects_of(token) if o.dep_ == "dobj"] if token.pos_ == "VERB" else []
        for noun in nouns:
            for c in noun.children:
                named = parties.at(c) if c.dep_ == "poss" else []
                if named:
                    return named
    return []


def _customer_share(chain, frame: Frame, parties: Parties, tab: Table):
    """'Microsoft accounted for 71% of revenue', "Nvidia made up 20% of TSMC's sales": the share
    of a company's revenue that a customer brings is the company's figure, with the customer as
    its counterparty. (company, customer), or None."""
    verb = next((t for t in chain[1:] if t.pos_ == "VERB"), None)
    if verb is None or verb._.lemma not in tab.share_verbs:
        return None
    customer = parties.at(next((c for c in verb.children if c.dep_ == "nsubj"), None))
    if len(customer) != 1:
        return None
    holder = _valued(frame.word, parties, tab) if frame.word.pos_ != "VERB" else []
    holder = holder or [n for n in [parties.ctx.main_org] if n and n != customer[0]]
    return (_names(holder), customer[0]) if holder else None


def _described(noun, parties: Parties, references: bool) -> list[str]:
    """The organisation a money figure's noun stands for: a noun in apposition to a name
    ("investors in Stargate, a $500 billion initiative") or, with `references`, a reference
    ("the $15bn company was formed")."""
    if noun is None:
        return []
    if noun.dep_ == "appos":
        return parties.at(noun.head)
    return parties.at(noun, figures=False) if references else []


def _side_of_head(word, tab: Table) -> str | None:
    """The side of the verb a relation noun is the object of ("leading a round", "invest $1
    billion in Mistral as part of a $2 billion round"); a verb's own head is another clause ("is
    backed by Nvidia and raised €600 million")."""
    head = word.head if word is not None and word.pos_ not in ("VERB", "AUX") else None
    while head is not None and head.dep_ in ("prep", "pobj") and head.head.i != head.i:
        head = head.head
    return tab.side.get(head._.lemma) if head is not None and head.pos_ == "VERB" else None


def _same_chips(fig: Figure, ctx: Context, parties: Parties) -> str | None:
    """'60,000 of the chips', 'another 50,000': chips that refer back to the last chips the
    article counted take their maker."""
    before = parties.text[max(0, fig.start - 12):fig.start].lower()
    if not (ANAPHORIC.search(parties.text[fig.start:fig.end]) or ANAPHORIC.search(before)):
        return None
    return next((seen.roles.counterparty for seen in reversed(ctx.history)
                 if seen.figure.metric == "chips" and seen.roles.counterparty), None)


def _round_of(frame: Frame, subject: str | None, ctx: Context, root) -> str | None:
    """'invest $2 billion in the equity portion of the deal', 'in the round' (the verb's phrase
    or the figure's), a stake in no named company: the company raising it, the article's main
    organisation."""
    word = frame.word
    if word is None or ctx.main_org in (None, subject):
        return None
    objects = _prep_objects(word, {"in", "into"})
    if word._.lemma != "stake":
        objects += _prep_objects(root, {"in", "into"})
    if word._.lemma == "stake" and not objects:
        return ctx.main_org  # "ASML will hold a stake of about 11%" in an article on Mistral
    phrase = [t for obj in objects for t in obj.subtree]
    return ctx.main_org if any(t._.lemma in ROUND_NOUNS for t in phrase) else None


def _continued(fig: Figure, subject: str | None, parties: Parties):
    """'Amazon committed $4 billion to it, followed by another $2 billion from Google': a figure
    that adds to the one before it in its sentence is of the same relation and counterparty."""
    before = parties.text[max(parties.sentence.start_char, fig.start - 25):fig.start].lower()
    if not ADDED.search(before):
        return None, None
    for seen in reversed(parties.ctx.history):
        if seen.sentence_start != parties.sentence.start_char:
            break
        if seen.figure.metric == fig.metric and seen.roles.counterparty not in (None, subject):
            return seen.roles.relation, seen.roles.counterparty
    return None, None


def _by_frame(frame: Frame, metric: str, parties: Parties, tab: Table, root=None):
    """(subject, counterparty) from the slots of the relation word, and for a payer's verb the
    figure's own phrases ("invested a total of $8 billion in the company"). A payee without its
    payer comes back as (None, payee)."""
    word = frame.word
    if word is None:
        return None, None
    agent_token = agent_of(word, tab)
    side = frame.side
    if frame.relation in tab.own_value and side != "pays":  # "spend ... on Azure" pays
        return _names(_valued(word, parties, tab) or parties.at(agent_token)), None
    if side is None and word.pos_ in ("NOUN", "PROPN"):
        return _noun_frame(word, frame.relation, parties.at(agent_token, states=True), parties,
                           tab, metric)
    if side == "pays":
        agent = parties.at(agent_token, states=True, people=True)
        avoid = _names(agent)
        objects = [p for o in objects_of(word) for p in parties.at(o, avoid=avoid)]
        others = objects or _from_preps(word, tab.party_preps["pays"], parties, avoid=avoid) \
            or _goods_preps(root, tab.party_preps["pays"], parties, avoid)
        return _names(agent), _names(others)
    if side == "provides" and metric == "stake" and word.tag_ == "VBG" and word.dep_ == "advcl":
        # "completed a $41 billion investment in OpenAI, giving it an 11% stake": the deal
        # gives the stake, not the investor of the clause it hangs on
        agent_token = None
    agent = parties.at(agent_token)
    avoid = _names(agent)
    if side is None:  # a verb of no known side: only a 'with', 'from' or 'in' names the other
        return _names(agent), _names(_from_preps(word, {"with", "from", "in", "into"}, parties,
                                                 avoid=avoid))
    if side == "provides":
        recipients = [p for o in objects_of(word) for p in parties.at(o, avoid=avoid, states=True)]
        recipients = recipients or _from_preps(word, tab.party_preps["provides"], parties,
                                               avoid=avoid, states=True)
        recipients = recipients or _deal_recipient(word, parties, tab, avoid)
        if not recipients and word._.lemma == "host":  # hosted "in partnership with Microsoft"
            recipients = [p for o in _prep_objects(word, {"in"}) if o._.lemma in PARTNERSHIP
                          for p in _from_preps(o, {"with"}, parties, avoid=avoid)]
        recipients = recipients or _goods_preps(root, {"to"}, parties, avoid, states=True)
        return _names(recipients), _names(agent)
    # receives: money received comes from the payer; a round's total is the company's own;
    # goods or shares received were paid for by the agent
    # "including $2 billion from Nvidia", "received $7.86 billion in grants from the Commerce
    # Department": the figure's phrase, or that of the kind it names
    goods = [root, *_prep_objects(root, {"in", "of"})] if root is not None and root.i != word.i \
        else []
    if goods and root.head._.lemma in SUM_VERBS:  # "loans totalling $390 million from Japan"
        goods.append(root.head)

    payers = _from_preps(word, tab.party_preps["receives"], parties, direct=True, avoid=avoid,
                         states=True) \
        or [p for g in goods for p in _from_preps(g, tab.party_preps["receives"], parties,
                                                  direct=True, avoid=avoid, states=True)]
    deal = next((o for o in objects_of(word) if o.lower_ in tab.deal_nouns), None)
    if deal is not None:
        # "received an order for 12 turbines worth ¥300 billion from Chevron": who receives an
        # order or a contract sells, to the 'from' anywhere in it
        buyers = payers or [p for t in deal.subtree if t.dep_ == "prep" and t.lower_ == "from"
                            for p in _from_preps(t.head, {"from"}, parties, direct=True,
                                                 avoid=avoid, states=True)]
        return _names(buyers), _names(agent)
    if metric == "money":
        if payers or frame.relation == "funding_round":
            return (_names(payers), _names(agent)) if payers else (_names(agent), None)
        return None, _names(agent)
    return _names(agent), _names(payers)


def _goods_preps(root, preps: set[str], parties: Parties, avoid: str | None,
                 states: bool = False) -> list[str]:
    """Parties in the phrases of the figure or of the goods it measures: "invest $2 billion in
    xAI", "buy $30bn of computing capacity on Microsoft's Azure cloud", "supply $5 billion of
    chips to OpenAI"."""
    if root is None:
        return []
    goods = [root, *_prep_objects(root, {"of"})]
    if root.head.lower_ == "worth":  # "transformers worth 100 billion yen to Google"
        goods.append(root.head)
    return [p for g in goods for p in _from_preps(g, preps, parties, avoid=avoid, states=states)]


def _noun_frame(noun, relation: str | None, agent: list[str], parties: Parties, tab: Table,
                metric: str):
    """'Amazon's $4 billion investment in Anthropic', 'an investment by Nvidia in OpenAI', 'a
    US$14.2 billion agreement with Meta', 'a deal to supply OpenAI with chips'."""
    own = [p for c in noun.children if c.dep_ in ("poss", "compound") for p in parties.at(c)]
    # a noun that names the payer stands for the names it gives: "investors including Toyota"
    named = parties.at(noun) if noun._.lemma in tab.agent_nouns else []
    payer = named or own or _from_preps(noun, {"by", "from"}, parties, states=True) or agent
    avoid = _names(payer)
    payee = _from_preps(noun, {"in", "into", "of", "for"}, parties, avoid=avoid)
    if noun.lower_ in tab.deal_nouns or relation == "purchase":
        partners = _from_preps(noun, {"with", "between"}, parties, avoid=avoid)
        # "a deal to provide OpenAI with data centers", "inked a deal to provide OpenAI ..."
        clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
        if noun.dep_ == "dobj":  # "signed a deal with X", "to supply" after the verb or its "worth"
            verb = noun.head
            partners += _from_preps(verb, {"with"}, parties, avoid=avoid)
            clauses += [c for t in (verb, *verb.children) for c in t.children
                        if c.dep_ in ("advcl", "xcomp") and (t is verb or t.dep_ == "prep")]
        clause = next((c for c in clauses if tab.side.get(c._.lemma) == "provides"), None)
        if clause is not None:
            # the goods measured ("to supply 200,000 Nvidia GPUs") are not a recipient
            recipients = [p for o in objects_of(clause) if not parties.measured(o)
                          for p in parties.at(o, states=True)] or \
                _from_preps(clause, tab.party_preps["provides"], parties, states=True)
            if recipients:
                return _names(recipients), _names([p for p in payer + partners
                                                   if p not in recipients])
        sides = list(dict.fromkeys(payer + partners + payee))
        if len(sides) >= 2:
            return _two_sides(sides, relation, parties.ctx.orgs, metric)
        if not payer + partners and noun._.lemma in tab.acquiring_verbs:
            return None, _names(payee)  # "the $40 billion purchase of Aligned": the one bought
        return _names(sides), None
    return _names(payer), _names([p for p in payee if p not in payer])


def _two_sides(sides: list[str], relation: str | None, orgs: OrgTable, metric: str):
    """Two sides whose grammar gives no direction: in a purchase, supply or lease the provider
    of compute, chips or power is the counterparty (buyer -> provider), for power one named as a
    seller of power or data-centre capacity first ("Duke Energy", `provider_words`; a utility
    buys equipment too); else the first named acts, with the others as its counterparties
    ("signed agreements with Amazon, Google and Microsoft"). An unnamed side (None) is none."""
    if relation in BUYER_PROVIDER:
        # a utility or data-centre operator sells power to cloud companies, which sell to the rest
        tests = ([orgs.named_provider] if metric in POWER else []) + [lambda n: n in orgs.providers]
        for provides in tests:
            providers = [s for s in sides if s and provides(s)]
            buyers = [s for s in sides if s and not provides(s)]
            if providers and buyers:
                return _names(buyers), _names(providers)
    return sides[0], _names([s for s in sides[1:] if s])


def _deal_recipient(word, parties: Parties, tab: Table, avoid: str | None) -> list[str]:
    """The recipient of a provider's verb named elsewhere in its clause: 'Oracle inked a deal to
    provide OpenAI with data centers', 'a deal with OpenAI to supply over 6 gigawatts'."""
    # a clause of providing, not of purpose ("sold its stake ... to fund its OpenAI investments")
    found = [p for c in word.children if c.dep_ in ("xcomp", "advcl")
             and tab.side.get(c._.lemma) == "provides"
             for o in objects_of(c) for p in parties.at(o, avoid=avoid, states=True)]
    if not found and _controller(word) is not None:  # "Microsoft tapped Nebius to supply"
        found = [p for c in word.head.children if c.dep_ == "nsubj"
                 for p in parties.at(c, avoid=avoid, states=True)]
    if not found and (word.dep_ == "xcomp" or word.dep_ == "advcl" and word.tag_ == "VB"):
        # "Nvidia has been tapped by Humain to supply": who tapped it receives
        found = [p for a in word.head.children if a.dep_ == "agent"
                 for g in a.children if g.dep_ == "pobj"
                 for p in parties.at(g, avoid=avoid, states=True)]
    if not found and word.dep_ in ("acl", "relcl") and word.head.lower_ in tab.deal_nouns:
        found = _from_preps(word.head, {"with", "between"}, parties, avoid=avoid, states=True)
    return found


def _from_preps(word, preps: set[str], parties: Parties, direct: bool = False,
                avoid: str | None = None, states: bool = False) -> list[str]:
    """Parties named by the word's prepositional phrases. With `direct`, only a name that heads
    the phrase ("from Nvidia", not "from investors including Google")."""
    found = []
    for obj in _prep_objects(word, preps):
        named = parties.at(obj, avoid=avoid, states=states)
        if direct and named and obj.pos_ != "PROPN" and obj.ent_type_ != "ORG" \
                and not parties.naming(obj) \
                and canon(obj.text) not in parties.ctx.orgs.public_bodies:
            continue  # not "from investors including Google"; "from the Japanese government" is
        found += named
    return found


def _valued(word, parties: Parties, tab: Table) -> list[str]:
    """Whose value, revenue or spending: the object of "valuing X at", the possessor or a name
    modifying the noun ("Oracle's revenue", "Oracle revenue"), a name it is "for"."""
    if word.pos_ == "VERB":
        # a participle on money received values its receiver, the subject of the clause it
        # hangs on ("Mistral raised €1.7 billion in a round led by ASML, valuing the company
        # at €11.7 billion"); otherwise not the one who values or pays
        received = word.tag_ == "VBG" and word.dep_ in ("advcl", "xcomp", "acl") \
            and tab.side.get(word.head._.lemma) == "receives"
        avoid = None if received else _names(parties.at(agent_of(word, tab)))
        for obj in objects_of(word):
            named = parties.at(obj, avoid=avoid)
            if named:
                return named
    else:
        named = [p for c in word.children if c.dep_ in ("poss", "compound")
                 for p in parties.at(c, people=c.dep_ == "poss")]
        if named:
            return named
    # "the deal could generate $100 billion in revenue for AMD"
    return _from_preps(word, {"for"}, parties, direct=True)


def _the_deal(ctx: Context, frame: Frame, metric: str, tab: Table) -> Roles | None:
    """The roles of the deal just reported, else of the deal the article leads with. Money the
    deal earns ("The deal adds $2-3 billion annually", "it could generate $100 billion") is the
    provider's revenue, from the buyer."""
    deal, where = next(((seen.roles, "nearby") for seen in reversed(ctx.history)
                        if seen.roles.counterparty), (ctx.lead, "article"))
    if deal is None:
        return None
    verb = frame.word.head if frame.word is not None and frame.word.dep_ in SUBJECT_DEPS \
        else frame.word  # "The deal adds ..."
    if metric == "money" and verb is not None and verb._.lemma in tab.earning_verbs \
            and deal.relation != "investment":
        return Roles(deal.counterparty, deal.subject, relation="revenue", roles_from=where)
    return Roles(deal.subject, deal.counterparty, relation=deal.relation, roles_from=where)


def _deal_pronoun(frame: Frame, parties: Parties, tab: Table) -> bool:
    """'The contracts run for 20 years. They are worth more than $10 billion.': "it" or "they"
    as the subject of the figure's word, after a sentence that opens on a deal."""
    word = frame.word
    if word is None:
        return False
    held = word.head if word.dep_ in ("acomp", "attr") else word  # "they are worth"
    if not any(c.dep_ in SUBJECT_DEPS and c.lower_ in ("it", "they") for c in held.children):
        return False
    a, b = parties.ctx.previous_sentence(parties.sentence.start_char)
    text = parties.ctx.text
    opening = DEAL_OPENING.match(text, a + len(text[a:b]) - len(text[a:b].lstrip()), b)
    return bool(opening) and opening.group(1).lower() in tab.deal_nouns


def _bare_deal(frame: Frame, parties: Parties, tab: Table) -> bool:
    """'The deal is worth $10 billion', 'the agreements aim to produce ...': a deal named with
    no side of its own."""
    word = frame.word
    if word is None:
        return False
    nouns = [word, *(c for c in word.children if c.dep_ in SUBJECT_DEPS)]
    return any(n.lower_ in tab.deal_nouns and not parties.at(n) and not _own_slots(n)
               and not any(c.dep_ == "compound" and parties.at(c) for c in n.children)
               for n in nouns)


def _sentence_deal(parties: Parties, tab: Table, metric: str):
    """(subject, counterparty) of the first deal noun of the sentence that names both sides."""
    for noun in parties.sentence:
        if noun.lower_ in tab.deal_nouns and noun.pos_ == "NOUN":
            sides = _by_frame(Frame("purchase", noun, None), metric, parties, tab)
            if all(sides):
                return sides
    return None, None


def _partner_of(payee: str, ctx: Context, sentence_start: int):
    """The payer of the latest figure in the article whose payee is `payee`, else of the deal
    the article leads with."""
    for seen in reversed(ctx.history):
        if seen.roles.counterparty == payee and seen.roles.subject:
            near = seen.sentence_start >= _sentence_start_before(ctx, sentence_start,
                                                                 NEARBY_SENTENCES)
            return seen.roles.subject, "nearby" if near else "article"
    if ctx.lead is not None and ctx.lead.counterparty == payee:
        return ctx.lead.subject, "article"
    return None, None


def _with_lead(subject: str | None, counterparty: str | None, roles_from: str | None,
               relation: str | None, metric: str, ctx: Context):
    """A figure of the article's lead deal that names one side only ("AWS has power commitments
    of 120MW" in an article on AWS buying power from Talen Energy) gets the other side: a figure
    of the same kind of relation as the lead, or of no stated relation in power or chips when the
    lead buys them."""
    lead = ctx.lead
    if lead is None or counterparty is not None or subject is None:
        return subject, counterparty, roles_from
    # power or chips named with no relation belong to a lead deal that buys compute, chips,
    # power or a site, not to money invested or received
    same = relation_family(relation) == relation_family(lead.relation) if relation else \
        metric in ("power", "energy", "chips") and relation_family(lead.relation) in GOODS_DEALS
    if not same:
        return subject, counterparty, roles_from
    if subject == lead.subject:
        return subject, lead.counterparty, roles_from
    if subject == lead.counterparty:  # the provider's own figure of the deal: the buyer's
        return lead.subject, subject, "article"
    return subject, counterparty, roles_from


def sentence_starts(text: str) -> list[int]:
    """Where the text's sentences start, by the figure finder's sentence bounds."""
    return [0, *(m.end() for m in SENTENCE_END.finditer(text))]


def lead_spans(text: str) -> list[tuple[int, int]]:
    """The first sentences of a text that hold words (its title and lead), by the figure finder's
    sentence bounds: the model reads them for the deal the article leads with."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if len(spans) == config.LEAD_SENTENCES:
            break
        if text[start:m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    return spans


def lead_deal_spans(text: str, orgs: OrgTable) -> list[tuple[int, int]]:
    """The lead sentences that may state a deal: two organisations of the alias table in them.
    Only these are given to the model (on BBC news that is 0.1% more text to parse)."""
    return [(s, e) for s, e in lead_spans(text)
            if len({orgs.canonical[m.group(0)] for m in orgs.alias_regex.finditer(text, s, e)}) >= 2]


def lead_end(text: str) -> int:
    spans = lead_spans(text)
    return spans[-1][1] if spans else 0


def lead_deal(doc, ctx: Context, end: int) -> Roles | None:
    """The deal an article leads with: the first of its sentences before `end` (its title and
    lead) whose main verb names two sides ("AWS acquires Talen Energy's data center campus")."""
    index = TokenIndex.of(doc)
    tab = table()
    for sentence in index.sents:
        if sentence.start_char >= end:
            break
        root = sentence.root
        if root.pos_ not in ("VERB", "AUX"):
            continue
        named = ctx.starting_in(sentence.start_char, sentence.end_char)
        parties = Parties(ctx, named, sentence, index.text, named)
        # the main verb, what it reports or what it agrees or plans to do: "Talen said it had
        # signed an agreement to ...", "Anthropic has agreed to buy $30bn of capacity on Azure",
        # "GIP agreed to acquire Aligned, the companies said"
        said = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"]
        for verb in (root, *said, *(c for v in said for c in v.children
                                    if c.dep_ == "xcomp" and c.pos_ == "VERB")):
            frame = frame_of([verb, verb], tab, "money")  # the verb as if it governed a figure
            # its object's phrases stand in for the figure's: "invest up to $100 billion in OpenAI"
            subject, counterparty = _by_frame(frame, "money", parties, tab,
                                              next(iter(objects_of(verb)), None))
            if subject and counterparty and frame.relation not in tab.own_value:
                return Roles(subject, counterparty, relation=frame.relation, roles_from="article")
    return None


def _restated(fig: Figure, chain, ctx: Context, sentence_start: int, text: str) -> Roles | None:
    """The roles of the figure this one restates: a conversion in brackets ("3 billion US dollars
    (2.8 billion euros)"), an equivalence ("10 gigawatts of power, equivalent to 5 million
    GPUs", "enough to power four million homes"), its worth or the total it brings a sum to."""
    # figures are read in text order: the last one read is the last of this sentence, if any
    last = ctx.history[-1] if ctx.history else None
    if last is None or last.sentence_start != sentence_start:
        return None
    between = text[last.figure.end:fig.start]
    if last.figure.metric == fig.metric and BRACKETED.match(between):
        return last.roles
    if any(t._.lemma in EQUIVALENCE for t in chain[1:4]):
        return last.roles
    if len(chain) > 2 and chain[1].lower_ == "worth" \
            and last.figure.start <= chain[2].idx < last.figure.end:
        return last.roles  # "4.5 gigawatts of capacity, worth about $300 billion"
    if _same_thing(chain, last.figure):
        return last.roles
    if any(t._.lemma == "bring" and t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "conj")
           for t in chain[1:4]):
        return last.roles  # "provide Rapidus with 1 trillion yen, bringing its total to 2.9"
    return None


def _same_thing(chain, before: Figure) -> bool:
    """'the contract was worth $17.4bn, but it could expand to $19.4bn': "it" in a clause joined
    to the one of the figure before, whose subject is a deal or another relation noun, is that
    thing again."""
    verb = next((t for t in chain[1:] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.dep_ != "conj" or not any(
            c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children):
        return False
    head = verb.head
    thing = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    tab = table()
    return thing is not None and thing.pos_ == "NOUN" and (
        thing.lower_ in tab.deal_nouns or tab.of(thing)) \
        and head.left_edge.idx <= before.start < verb.idx


def _other_in_clause(fig: Figure, word, subject: str | None, parties: Parties) -> str | None:
    """The nearest other party named in the clause of the relation word (not in a clause of
    its own: "Meta is investing $72bn, while Amazon is tipped to invest $100bn")."""
    taken = (subject or "").split("; ")
    doc = parties.sentence.doc
    inside = [m for m in parties.mentions if m.name not in taken
              and _in_clause(doc, m, word) and not _describes_actor(doc, m)]
    inside.sort(key=lambda m: abs(m.start - fig.start))
    return inside[0].name if inside else None


def _describes_actor(doc, mention: OrgMention) -> bool:
    """The name only describes the named one that acts: "The Abu Dhabi fund MGX committed",
    "Microsoft-backed OpenAI raised", "Alphabet Inc.'s Google agreed"."""
    token = _mention_root(doc, mention)
    if token is None or token.dep_ not in ("compound", "amod", "npadvmod", "poss") \
            or token.head.dep_ not in SUBJECT_DEPS:
        return False
    if token.dep_ == "poss":  # "Alphabet Inc.'s Google agreed": a named parent's unit
        return token.head.pos_ == "PROPN"
    # the phrase it describes is named ("Core Scientific shareholders voted" is not)
    head = token.head
    return head.pos_ == "PROPN" or any(c.dep_ in SUBJECT_DEPS and c.pos_ == "PROPN"
                                       for c in head.head.children if c.i != head.i)


def _clause_root(chain):
    """The verb of the figure's own clause: the first head that has a subject of its own."""
    for token in chain[1:]:
        if token.dep_ in CLAUSES and any(c.dep_ in SUBJECT_DEPS for c in token.children):
            return token
    return chain[-1]


def _in_clause(doc, mention: OrgMention, word) -> bool:
    """The name stands in the word's clause, not in a clause of its own nor in an apposition
    that describes another name ("Stargate, the joint venture of OpenAI, SoftBank and Oracle")."""
    token = TokenIndex.of(doc).containing(mention.start)
    while token is not None and token.i != word.i:
        if token.dep_ in CLAUSES and any(c.dep_ in SUBJECT_DEPS for c in token.children):
            return False
        if token.dep_ == "appos" and token.head.pos_ == "PROPN":
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return token is not None


def _market(chain, noun, fig: Figure) -> str | None:
    """A market's size: "the $500 billion semiconductor market", "the generative AI market is
    projected to surpass $1 trillion" -> 'semiconductor market', 'generative AI market'."""
    head = noun if noun is not None and noun._.lemma == "market" else None
    if head is None:
        verb = next((t for t in chain[1:] if t.pos_ in ("VERB", "AUX")), None)
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None) if verb else None
        if subj is None:
            subj = next((c for t in chain[1:] for c in t.children
                         if c.dep_ == "nsubjpass"), None)
        head = subj if subj is not None and subj._.lemma == "market" else None
    if head is None:
        return None
    words = [t.text for t in head.lefts if t.dep_ in ("compound", "amod")
             and not (fig.start <= t.idx < fig.end) and not t.like_num]
    return " ".join(words + [head.text])


def _listed_actor(fig: Figure, root, parties: Parties) -> str | None:
    """'Google deployed 1.5 million TPUs, Meta 1.5 million MTIA chips and Amazon ...': in a
    gapped list the organisation right before a figure is its actor."""
    before = [m for m in parties.mentions if m.end <= fig.start]
    if not before:
        return None
    last = before[-1]
    gap = parties.text[last.end:fig.start]
    if len(gap) > 3 or gap.strip():
        return None
    preceding = parties.text[max(parties.sentence.start_char, last.start - 6):last.start]
    return last.name if GAPPED.search(preceding) and root.dep_ in ("conj", "appos", "dobj") else None


def _gapped_actors(fig: Figure, parties: Parties) -> list[str]:
    """The organisations of a gapped list in the figure's sentence, each right before its own
    figure ("..., Denso 5.5% and Toyota Motor 2%"); none when there is no such list."""
    text, sentence = parties.text, parties.sentence
    figures = parties.ctx.figures_starting_in(sentence.start_char, sentence.end_char)
    starts = {f.start for f in figures}
    listed = [m.name for m in parties.mentions
              if GAPPED.search(text, max(sentence.start_char, m.start - 6), m.start)
              and any(text[m.end:s].isspace() and s - m.end <= 3 for s in starts)]
    if not listed:
        return []
    # ... and the subject the list goes on from ("KKR will hold 75% and Singtel 25%")
    doc = sentence.doc
    return [*(m.name for m in parties.mentions
              if getattr(_mention_root(doc, m), "dep_", None) == "nsubj"), *listed]


def _joined(subject: str | None, partners: list[str]) -> str | None:
    """The subject's names with the actors listed beside it."""
    return _names([*(subject.split("; ") if subject else []), *partners])


def _respectively(fig: Figure, parties: Parties) -> tuple[str, list[str]] | None:
    """'Amazon and Google with 196,000 and 169,000 units, respectively': the n-th figure of a
    list belongs to the n-th organisation of the list right before it (with the list)."""
    sentence = parties.sentence
    if not RESPECTIVELY.search(parties.text, sentence.start_char, sentence.end_char):
        return None
    before = [m for m in parties.mentions if m.end <= fig.start]
    if not before:
        return None
    names = parties.joined(before[-1])
    listed = [f for f in parties.ctx.figures_starting_in(before[-1].end, sentence.end_char)
              if f.metric == fig.metric]
    if len(names) < 2 or len(names) != len(listed):
        return None
    return (names[listed.index(fig)], names) if fig in listed else None


def _carried(frame: Frame, ctx: Context, chain):
    """The subject of a figure whose sentence names no party and that is no other actor's (a
    place's, a person's): the article's main organisation, else the subject of the last
    figures."""
    if _other_actor(chain, [], ctx.orgs):
        return None, None
    if ctx.main_org:
        return ctx.main_org, "article"
    recent = next((seen.roles.subject for seen in reversed(ctx.history) if seen.roles.subject),
                  None)
    return (recent, "nearby") if recent else (None, None)


def _sentence_start_before(ctx: Context, sentence_start: int, n: int) -> int:
    """Start of the sentence `n` sentences before this one (by the figures read so far)."""
    starts = sorted({seen.sentence_start for seen in ctx.history
                     if seen.sentence_start < sentence_start})
    return starts[-n] if len(starts) >= n else (starts[0] if starts else sentence_start)


def _chip_maker(fig: Figure, parties: Parties) -> str | None:
    """The maker of the counted chips when the text names it: a maker named in the figure
    ("600,000 Nvidia chips"), or the one maker of the chip families named in the figure or,
    for a count that names no chip of its own ("Meta 173,000", "169,000 units"), in its
    sentence ("485,000 Hopper chips" -> Nvidia). "58,640 GPUs" beside "4,600 GB300s" is a
    generic count: no maker."""
    orgs = parties.ctx.orgs
    text = parties.text
    sentence = text[parties.sentence.start_char:parties.sentence.end_char]
    inside = re.findall(r"[\w.-]+", text[fig.start:fig.end])
    named = [orgs.canonical.get(w) for w in inside if orgs.canonical.get(w)]
    if named:
        return named[-1]
    generic = get_rules().chips.noun_mention.search(text, fig.start, fig.end)
    for words in (inside, [] if generic else re.findall(r"[\w-]+", sentence)):
        makers = {orgs.maker(w) or orgs.maker(w.rstrip("s")) for w in words} - {None}
        if len(makers) == 1:
            return makers.pop()
    return None


def _goods_maker(root, subject: str | None, parties: Parties) -> str | None:
    """The provider of the goods a capacity or count is given in: "6 gigawatts of AMD's
    Instinct processors", "10 gigawatts of Nvidia systems", "160 million shares of AMD"."""
    of = [g for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
          for g in c.children if g.dep_ == "pobj"]
    for goods in of:
        named = [p for p in parties.at(goods) if p != subject]
        if named:  # "160 million shares of AMD"
            return named[0]
        for c in goods.children:
            if c.dep_ in ("poss", "compound", "amod"):
                named = [p for p in parties.at(c, avoid=subject) if p != subject]
                maker = named[0] if named else parties.ctx.orgs.maker(c.text)
                if maker and maker != subject:
                    return maker
    return None


def _maker_of(goods: list, buyer: str | None, parties: Parties) -> str | None:
    """The maker of goods named by their product or chip family ("TPUs", "Blackwell chips"),
    unless the buyer makes them itself."""
    for thing in goods:
        for t in [thing, *(c for c in thing.children if c.dep_ in ("compound", "amod"))]:
            maker = parties.ctx.orgs.maker(t.text) or parties.ctx.orgs.maker(t.text.rstrip("s"))
            if maker:
                return maker if maker != buyer else None
    return None


def _as_before(fig: Figure, roles: Roles, ctx: Context) -> Roles:
    """A figure the article gave before ("5 gigawatts" again, further down) with weaker roles
    here (no counterparty, no relation, or roles not from its own sentence) takes the roles it
    had then, unless this sentence names another actor for it."""
    weak = roles.counterparty is None or roles.relation in (None, "other") \
        or roles.roles_from != "sentence"
    if not weak:
        return roles
    for seen in reversed(ctx.given.get(stated(fig), [])):
        earlier = seen.roles
        if earlier.subject and roles.subject in (None, earlier.subject, earlier.counterparty):
            where = roles.roles_from if roles.subject else "nearby"
            return Roles(earlier.subject, earlier.counterparty, roles.predicate, roles.item,
                         earlier.relation, where if where == "sentence" else "nearby")
    return roles


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


def _other_actor(chain, mentions: list[OrgMention], products: OrgTable) -> bool:
    """The figure's clause is about a place, people or a person ("South Korea's economy",
    "Musk said"), or is about or goes to companies named as a whole ("Big Tech", "the supply of
    35,000 chips to Saudi and Emirati AI firms"), so the article's main organisation is not its
    subject; an adjective ("American IT giant Microsoft") does not count."""
    for token in chain:
        for child in token.children:
            if child.dep_ not in SUBJECT_DEPS:
                continue
            heads = [child, *(c for c in child.children if c.dep_ == "poss")]
            if any(t.ent_type_ in NON_ORG_ACTORS and t.pos_ == "PROPN"
                   and not any(m.start <= t.idx < m.end for m in mentions)
                   and not products.maker(t.text) for t in heads):
                return True
        groups = [c for c in token.children if c.dep_ in SUBJECT_DEPS] \
            + [o for o in _prep_objects(token, {"to"}) if o not in chain]
        if any(_collective(group, products) for group in groups):
            return True
    return False


def _collective(noun, products: OrgTable) -> bool:
    """'Big Tech', 'tech companies', 'Saudi and Emirati AI firms'; not 'the two companies'."""
    named = [t.text for t in noun.lefts if t.dep_ in ("compound", "amod")] + [noun.text]
    referring = any(t.dep_ in ("det", "nummod", "poss") for t in noun.lefts)
    return not referring and any(canon(" ".join(named[k:])) in products.collectives
                                 for k in range(len(named)))
