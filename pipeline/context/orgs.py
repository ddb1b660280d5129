"""Organisations in a text: the alias table of patterns/organisations.json plus spaCy's ORG
entities, each mention with one canonical name, and the article's main organisation."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..figures.lexicon import alternation
from ..figures.normalise import canon
from .hedging import reporting_forms

MAIN_ORG_MIN_MENTIONS = 2
MAX_SUFFIXES = 3  # corporate suffixes stripped from the end of a name
APOSTROPHES = "'’ʼ`´′"
POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s?$")
# An entity the model calls ORG is no organisation when it has a digit ("200k", "EC2": model
# numbers, amounts) or starts in lower case ("data-centre"), unless the alias table names it.
NOT_A_NAME = re.compile(r"\d|^[^\w]*[a-z]")
# a name in a compound adjective ("Nvidia-backed"), also a city before its state's ("Boise,
# Idaho-based")
MODIFIER_AFTER = re.compile(r",\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?[-\u2010\u2011]based\b"
                            r"|[-\u2010\u2011][a-z]")
# labels the model gives organisations it does not know: "Neoen" a person, "Talen" a place
MISTAKEN = {"PERSON", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"}
PLACES = {"GPE", "LOC"}
# A credit line names who took or supplied a picture ("Photo: G42"): no mention of a party.
CREDIT_BEFORE = re.compile(r"(?i)\b(?:(?:photo|photograph|image|picture|illustration|credit)s?"
                           r"(?:\s+by)?\s*[:|]|(?:photo|image|picture)s?\s+(?:by|courtesy\s+of)"
                           r"|courtesy\s+of)\s*$")
TICKER = re.compile(r"[A-Z][A-Z.]{0,5}")
TICKER_BEFORE = re.compile(r"(?<!\s)\s*\((?:[A-Z]{2,8}\s*:\s*)?")


@dataclass(frozen=True)
class OrgMention:
    start: int  # char offsets in the article text
    end: int
    name: str  # canonical


class OrgTable:
    """Alias table -> canonical names; extra tables (a user's) override and extend it."""

    def __init__(self, paths: list[Path]):
        self.canonical: dict[str, str] = {}
        self.descriptions: dict[str, str] = {}
        self.not_orgs: set[str] = set()
        suffixes, references, company_nouns, company_parts = set(), set(), set(), set()
        self.extensions: set[str] = set()
        self.collectives: set[str] = set()
        self.public_bodies: set[str] = set()
        self.titles: set[str] = set()
        self.states: set[str] = set()
        self.sources: set[str] = set()
        self.providers: set[str] = set()
        self.provider_words: set[str] = set()
        self.maker_of: dict[str, str] = {}
        self.deal_slots: dict[str, set[str]] = {}
        # name -> (first month of its fiscal year, numbered by the year it starts in)
        self.fiscal: dict[str, tuple[int, bool]] = {}
        for path in paths:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            for name, aliases in data.get("aliases", {}).items():
                for alias in [name, *aliases]:
                    if canon(alias).startswith("the "):
                        self.descriptions[canon(alias)] = name
                    else:
                        self.canonical[alias] = name
                        # headlines and some outlets write names in capitals: "NVIDIA", "XAI"
                        if len(alias) >= 3 and alias.upper() != alias:
                            self.canonical.setdefault(alias.upper(), name)
            self.not_orgs |= {canon(w) for w in data.get("not_organisations", [])}
            self.sources |= {canon(w) for w in data.get("sources", [])}
            self.providers |= set(data.get("providers", []))
            self.provider_words |= set(data.get("provider_words", []))
            for maker, products in data.get("makers", {}).items():
                self.maker_of.update({canon(p): maker for p in products})
            suffixes |= set(data.get("corporate_suffixes", []))
            references |= {canon(w) for w in data.get("references", [])}
            self.extensions |= set(data.get("name_extensions", []))
            self.collectives |= {canon(w) for w in data.get("collectives", [])}
            self.public_bodies |= {canon(w) for w in data.get("public_bodies", [])}
            self.titles |= {canon(w) for w in data.get("titles", [])}
            self.states |= {canon(w) for w in data.get("states", [])}
            company_nouns |= set(data.get("company_nouns", []))
            company_parts |= set(data.get("company_parts", []))
            for dep, verbs in data.get("deal_slots", {}).items():
                self.deal_slots.setdefault(dep, set()).update(verbs)
            by_start = set(data.get("fiscal_year_named_by_start", []))
            self.fiscal.update({name: (month, name in by_start)
                                for name, month in data.get("fiscal_year_starts", {}).items()})
        self.references = references
        # "the Santa Clara-based chipmaker": a description ending in a reference's noun
        self.reference_heads = {r.split()[-1] for r in references if r.startswith("the ")}
        self.suffixes = suffixes
        # Case-sensitive on purpose: "Apple" the company, not "apple". A trie, longest first:
        # a flat alternation of hundreds of names is tried name by name at every character.
        self.alias_regex = re.compile(
            r"(?<![\w.-])" + alternation(self.canonical, flexible_space=False, case_sensitive=True)
            + r"(?![\w-]|\.\w)")
        self.desc_regex = re.compile(
            r"(?i)(?<!\w)(?:" + "|".join(re.escape(d).replace(r"\ ", r"\s+")
                                       for d in sorted(self.descriptions, key=len, reverse=True))
            + r")(?!\w)") if self.descriptions else None
        # One suffix at the end, not starting inside a run of blanks; name_of() strips a few in
        # turn (a repeat to the end of the text would be retried from every suffix, quadratic).
        self.suffix_regex = re.compile(
            r"(?<![\s,]),?\s+(?:" + "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
            + r")$") if suffixes else None
        self._folded = {canon(k): v for k, v in self.canonical.items()}
        self.extension_regex = re.compile(r"(?:\s(?:" + "|".join(
            map(re.escape, sorted(self.extensions - {"&", "and"}, key=len, reverse=True)))
            + r")(?![\w-]))+") if self.extensions else None
        # "casino operator Crown Resorts", "Macquarie's infrastructure arm": a name in a
        # company's place, whatever the model's label
        self.kind_before = re.compile(r"(?<![\w-])(?:" + "|".join(
            map(re.escape, sorted(company_nouns, key=len, reverse=True))) + r")\s+$") \
            if company_nouns else None
        self.part_after = re.compile(rf"^[{APOSTROPHES}]s?\s+(?:[\w-]+\s+){{0,2}}?(?:" + "|".join(
            map(re.escape, sorted(company_parts, key=len, reverse=True))) + r")(?![\w-])") \
            if company_parts else None
        self.company_nouns = {canon(w) for w in company_nouns}
        # "Aker, the Norwegian industrial group", "Neoen, a French renewable developer"
        self.kind_after = re.compile(r"^,\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(
            map(re.escape, sorted(company_nouns, key=len, reverse=True))) + r")(?![\w-])") \
            if company_nouns else None

    def name_of(self, text: str) -> str | None:
        """Canonical name of an organisation as written; None when it is not one (a product, a
        term such as "EPS" or "USD", a model number)."""
        # "<VMS Realty Partners>": Reuters marks names of unlisted companies
        text = re.sub(r"(?i)^the\s+", "", text.strip().strip("<>"))
        if text in self.canonical:  # a name that is a possessive: "McDonald's"
            return self.canonical[text]
        text = POSSESSIVE.sub("", text)
        if text in self.suffixes:
            return None  # "Inc" alone: the rest of the name was not read as part of it
        for _ in range(MAX_SUFFIXES if self.suffix_regex else 0):  # "Foo Holdings, Inc."
            text = self.suffix_regex.sub("", text)
        text = text.strip(" ,.;:\"'“”")
        key = canon(text)
        known = self.canonical.get(text) or self._folded.get(key)
        if known:
            return known
        if not text or key in self.not_orgs or key in self.maker_of or NOT_A_NAME.search(text):
            return None
        if text.split()[-1] in self.company_nouns:
            return None  # a description: "the Boise, Idaho company"
        # one spelling for a name: plain hyphens (not U+2011), single spaces
        return " ".join(text.replace("\u2011", "-").replace("\u2010", "-").split())

    @staticmethod
    def credited(mention: OrgMention, text: str) -> bool:
        """The mention credits a picture ("Photo: G42", "Image courtesy of Nvidia")."""
        return bool(CREDIT_BEFORE.search(text, max(0, mention.start - 30), mention.start))

    def is_party(self, name: str) -> bool:
        """Outlets and research firms report figures; they are not parties to them."""
        return canon(name) not in self.sources

    def is_public(self, name: str) -> bool:
        """A state's body: 'U.S. Department of Commerce', 'European Commission', 'EU'."""
        words = {canon(w) for w in re.findall(r"[\w-]+", name)}
        return bool(words & self.public_bodies) or canon(name) in self.states

    def named_provider(self, name: str) -> bool:
        """A seller of power or data-centre capacity by its name: "Duke Energy", "Kairos Power"."""
        return name.rsplit(" ", 1)[-1] in self.provider_words

    def maker(self, product: str) -> str | None:
        """'H100' -> Nvidia, 'Trainium2' -> Amazon."""
        return self.maker_of.get(canon(product))

    def _deal_slot(self, token, figures: list[tuple[int, int]]) -> bool:
        """The token is the object of a verb of buying a company ("Nokia agreed to buy
        Infinera", "buy Splunk", which the model takes for a noun) or the subject of raising
        money, a figure or what the model calls money ("Glean raised $150 million", "Sarvam AI
        has raised 1,700 crore rupees"); not in a title-case headline ("To Buy Stake")."""
        verb = token.head
        if token.dep_ not in self.deal_slots or verb._.lemma not in self.deal_slots[token.dep_] \
                or not verb.text[:1].islower():
            return False
        return token.dep_ != "nsubj" or any(
            c.dep_ == "dobj" and (c.ent_type_ == "MONEY" or any(a <= c.idx < b for a, b in figures))
            for c in verb.children)

    def _in_company_place(self, ent, text: str) -> bool:
        """'casino operator Crown Resorts', "Macquarie's infrastructure arm": the words around
        a name the model took for a person or a place say it is an organisation, as does a
        company word ending it ('Ampere Computing', 'Crusoe Energy Systems') or, for a person, a
        clause that calls it "it" ("Infineon raised its revenue forecast")."""
        if len(ent) >= 2 and ent[-1].text in self.extensions and ent[-1].text not in ("&", "and") \
                and ent.label_ != "GPE":
            return True
        before = text[max(0, ent.start_char - 40):ent.start_char]
        after = text[ent.end_char:ent.end_char + 60]
        if ent.label_ not in PLACES and _called_it(ent.root):
            return True  # "Infineon raised its forecast": "its" is no person's (a place's may be)
        described = self.kind_after.match(after) if self.kind_after else None
        if described:  # "..., the company said" attributes; it describes no name
            verb = re.match(r"\s+(\w+)", after[described.end():])
            described = not (verb and verb.group(1).lower() in reporting_forms())
        # a place after a company noun is mostly a place ("the much smaller producer Ecuador")
        return bool(self.kind_before and ent.label_ != "GPE" and self.kind_before.search(before)
                    or self.part_after and self.part_after.match(after) or described)

    def _people(self, doc, text: str) -> set[str]:
        """Names the text gives people, which are then no organisation where the model calls
        them one ("President Trump ... Trump's inauguration"): a person's full name, and a name
        after a title ("President Trump"), and a full name's surname ("Elon Musk ... Musk
        revealed"); not a name in a company's place ("Talen Energy"; "Michael Dell ... Dell's
        revenue" is the company's)."""
        people = set()
        for e in doc.ents:
            if e.label_ != "PERSON" or self._in_company_place(e, text):
                continue
            if len(e) >= 2 or e.start > 0 and canon(doc[e.start - 1].text) in self.titles:
                people |= {e.text, e[-1].text}
        return people

    def describes(self, text: str) -> str | None:
        """'the ChatGPT maker' -> OpenAI."""
        return self.descriptions.get(canon(text))

    def mentions(self, doc, text: str | None = None,
                 exclude: list[tuple[int, int]] = ()) -> list[OrgMention]:
        """Alias-table matches in the whole `text` (the model may have read only part of it),
        then spaCy ORG entities that do not overlap them."""
        text = doc.text if text is None else text
        found: list[OrgMention] = []
        # 1 where a mention or an excluded span stands: testing every earlier mention instead
        # made texts with many names quadratic
        used = bytearray(len(text))
        for a, b in exclude:
            used[a:b] = b"\1" * (b - a)

        def free(s: int, e: int) -> bool:
            return used.find(1, s, e) < 0

        def take(s: int, e: int, name: str) -> None:
            used[s:e] = b"\1" * (e - s)
            found.append(OrgMention(s, e, name))

        for m in self.alias_regex.finditer(text):
            if free(m.start(), m.end()):
                # the words of a full name after a short one are part of it: "Tata Electronics"
                more = self.extension_regex.match(text, m.end()) if self.extensions else None
                end = more.end() if more and free(m.end(), more.end()) else m.end()
                take(m.start(), end, self.canonical[m.group(0)])
        if self.desc_regex is not None:
            for m in self.desc_regex.finditer(text):
                if free(m.start(), m.end()):
                    take(m.start(), m.end(), self.descriptions[canon(m.group(0))])
        named: dict[str, str] = {}
        people = self._people(doc, text)
        for ent in doc.ents:
            if (ent.label_ == "ORG" and (POSSESSIVE.sub("", ent.text) not in people
                                         or self._in_company_place(ent, text))
                    or ent.label_ in MISTAKEN and self._in_company_place(ent, text)
                    or ent.label_ == "PERSON" and len(ent) == 1
                    and self._deal_slot(ent.root, exclude)
                    and ent.text not in people) \
                    and "\n" not in ent.text and free(ent.start_char, ent.end_char) \
                    and not (len(ent) == 1 and ent[0].tag_ == "NNS") \
                    and not MODIFIER_AFTER.match(text, ent.end_char):
                # not "Bankers estimate", nor a name in a compound adjective: "the Oslo-listed
                # group", "Nvidia-backed CoreWeave" (the alias table's names neither)
                name = self.name_of(ent.text)
                if name:
                    take(ent.start_char, ent.end_char, name)
                    named[ent.text] = name
        for token in doc:  # a name the model left untagged, described as a company (even one
            # it took for a noun: "Harvey, a legal AI startup,"), ending in a corporate suffix
            # ("Entwistle Co told the SEC"), called "it" or in a deal's slot
            capital_noun = token.tag_ == "NN" and token.text[:1].isupper()
            if token.ent_type_ or token.text in people or not (token.pos_ == "PROPN"
                                                                or capital_noun):
                continue  # nor a person's surname: "Elon Musk ... Musk revealed that it"
            described = any(c.dep_ == "appos" and canon(c.text) in self.company_nouns
                            for c in token.children)
            if described or self._deal_slot(token, exclude) or token.pos_ == "PROPN" and (
                    token.text in self.suffixes or _called_it(token, reported=True)):
                first = next((t for t in token.lefts if t.dep_ == "compound"), token)
                s, e = first.idx, token.idx + len(token)
                name = self.name_of(text[s:e])
                if name and free(s, e):
                    take(s, e, name)
                    named[text[s:e]] = name
        # The model read only some sentences: an organisation it named is found elsewhere too.
        if named:
            again = re.compile(r"(?<![\w.-])(?:" + "|".join(
                re.escape(s) for s in sorted(named, key=len, reverse=True)) + r")(?![\w-])")
            for m in again.finditer(text):
                if free(m.start(), m.end()):
                    take(m.start(), m.end(), named[m.group(0)])
        return sorted(found, key=lambda m: m.start)


def _called_it(token, reported: bool = False) -> bool:
    """The token is the subject of a clause that calls it "it": a verb whose object is "its"
    ("Infineon raised its revenue forecast"; a person would be "his" or "her") or, with
    `reported`, a reporting verb whose reported clause has "it" as subject ("Alpine Associates
    told the SEC it has acquired"; from a person, "it" is mostly the person's company)."""
    verb = token.head
    if token.dep_ != "nsubj":
        return False
    if reported and verb.lower_ in reporting_forms() and any(
            c.dep_ == "ccomp" and any(g.dep_ == "nsubj" and g.lower_ == "it" for g in c.children)
            for c in verb.children):
        return True
    return any(c.dep_ == "dobj" and any(g.dep_ == "poss" and g.lower_ == "its" for g in c.children)
               for c in verb.children)


def tickers(mentions: list[OrgMention], text: str) -> list[OrgMention]:
    """A ticker in brackets right after a name is that name: "Oracle (ORCL)", "Nvidia
    (NASDAQ: NVDA)"."""
    named = []
    for m in mentions:
        before = named[-1] if named else None
        if before is not None and TICKER.fullmatch(text[m.start:m.end]) \
                and TICKER_BEFORE.fullmatch(text[before.end:m.start]) \
                and text[m.end:m.end + 1] == ")":
            m = OrgMention(m.start, m.end, before.name)
        named.append(m)
    return named


def unify(mentions: list[OrgMention], table: "OrgTable") -> list[OrgMention]:
    """One name per organisation within an article. A short form takes the longer name it
    abbreviates: an acronym ("KFB" -> "Korea First Bank"), the same letters ("TimeWarner",
    "EBay" -> the most used spelling), or a prefix when the rest is a company word ("Marsh" ->
    "Marsh & McLennan") or the long name came first ("Sun Microsystems ... Sun"); a product or
    unit named after the company later ("Ford ... Ford Freestyle") keeps its own name."""
    first = {}
    counts: Counter = Counter()
    for m in mentions:
        first.setdefault(m.name, m.start)
        counts[m.name] += 1
    names = sorted(counts, key=lambda n: (-len(n), -counts[n], n))
    mapping = {}
    for short in names:
        for full in names:
            if full != short and _abbreviates(short, full, table, first, counts):
                mapping[short] = mapping.get(full, full)
                break
    return [OrgMention(m.start, m.end, mapping.get(m.name, m.name)) for m in mentions]


def _abbreviates(short: str, full: str, table: "OrgTable", first: dict, counts: Counter) -> bool:
    if short.replace(" ", "").lower() == full.replace(" ", "").lower():
        return (len(full), counts[full], full) > (len(short), counts[short], short)
    if len(full) <= len(short):
        return False
    if full.startswith(short + " ") and short[0].isupper():
        return full[len(short):].split()[0] in table.extensions or first[full] < first[short]
    words = re.findall(r"[A-Za-z0-9]+", full)
    return short.isupper() and len(short) >= 2 and short == "".join(w[0] for w in words).upper()


def main_org(mentions: list[OrgMention], title_span: tuple[int, int] | None = None) -> str | None:
    """The organisation an article is about: most mentioned, title mentions counting double,
    ties to the first mentioned."""
    counts: Counter = Counter()
    for m in mentions:
        in_title = title_span is not None and title_span[0] <= m.start < title_span[1]
        counts[m.name] += 2 if in_title else 1
    if not counts:
        return None
    best = max(counts.values())
    if best < MAIN_ORG_MIN_MENTIONS:
        return None  # named once: a source or a passing mention, not what the article is about
    return next(m.name for m in mentions if counts[m.name] == best)


_TABLES: dict[tuple, OrgTable] = {}


def get_org_table(extra: tuple[str, ...] | None = None) -> OrgTable:
    """The shipped alias table plus `extra` ones (default: config.ALIAS_FILES)."""
    extra = tuple(config.ALIAS_FILES) if extra is None else extra
    key = (str(config.PATTERNS_DIR), *extra)
    if key not in _TABLES:
        _TABLES[key] = OrgTable([config.PATTERNS_DIR / "organisations.json", *map(Path, extra)])
    return _TABLES[key]
