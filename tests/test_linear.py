"""No pattern of the project backtracks catastrophically or grows quadratically: every regex, on
adversarial strings of growing length, stays linear (a line of 24 dashes once took a rule 2.6 s,
and 32 dashes 191 s; a search that retries a blank run from each of its blanks is quadratic)."""
import importlib
import pkgutil
import re
import subprocess
import sys
import time

import pytest

import pipeline
from pipeline.context.orgs import get_org_table
from pipeline.figures.find import get_rules

# Building blocks of hostile text: runs of dashes, blanks, digits, number words, separators,
# currency signs, unit and scale words, company suffixes.
UNITS = ["-", " ", "- ", "-\n", "  \n", "1", "1,", "1.", "1 ", "1-", "one ", "one-", "a ", "s",
         "$", "$1 ", "to ", "of ", "bn ", "million ", "up to ", "GW ", "’s ", "— ", ", Inc.",
         "Amazon ", "between "]
PREFIXES = ["", "5", "$5 to ", "between 5 and ", "Net profit rose to 5\n"]
HANG_SECONDS = 0.25  # one call on at most 2,000 characters; linear patterns take < 1 ms
MAX_CHARS = 2000
MEASURABLE = 0.002  # calls this fast on MAX_CHARS are linear enough; slower ones are measured
SPAN = 8  # ... at MAX_CHARS and SPAN times more: x8 when linear, x64 when quadratic
MAX_GROWTH = 24  # generous: linear patterns measured 8x to 16x
SLOWEST = 2  # inputs per pattern timed at both sizes


def project_patterns() -> dict[str, re.Pattern]:
    """Every compiled regex of the pipeline package: module constants, the figure rules and
    their context tables, the organisation table, and the tables that `_rules()` compile."""
    found = {}
    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if info.name.endswith("__main__"):
            continue  # running it is the command line
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{info.name}.{name}"] = value
        rules = getattr(module, "_rules", None)
        if callable(rules):
            compiled = rules()
            values = vars(compiled).values() if hasattr(compiled, "__dict__") else compiled
            for i, value in enumerate(values):
                if isinstance(value, re.Pattern):
                    found[f"{info.name}._rules[{i}]"] = value
    figure_rules = get_rules()
    found.update({f"rule {r.id}": r.regex for r in figure_rules.rules})
    for holder, label in ((figure_rules, "FigureRules"), (get_org_table(), "OrgTable")):
        found.update({f"{label}.{k}": v for k, v in vars(holder).items()
                      if isinstance(v, re.Pattern)})
    return found


PATTERNS = project_patterns()


def call_time(pattern: re.Pattern, text: str) -> float:
    """CPU seconds of a match, a search and a finditer: CPU time, unlike the clock, does not
    count the time other processes of a busy machine hold the cores."""
    started = time.process_time()
    pattern.match(text)
    pattern.search(text)
    for _ in pattern.finditer(text):
        pass
    return time.process_time() - started


def best_time(pattern: re.Pattern, text: str, tries: int = 3) -> float:
    return min(call_time(pattern, text) for _ in range(tries))


def time_at_max(pattern: re.Pattern, prefix: str, unit: str) -> tuple[float, str]:
    """(time of a call on MAX_CHARS characters, that text). Sizes grow by half and stop at
    HANG_SECONDS, so that a catastrophic pattern fails in about a second instead of hanging."""
    size = 4.0
    while True:
        text = prefix + (unit * int(size))[:int(size)] + "!"
        took = call_time(pattern, text)
        if took > HANG_SECONDS or size >= MAX_CHARS:
            return took, text
        size = min(size * 1.5, MAX_CHARS)


def growth(pattern: re.Pattern, prefix: str, unit: str) -> float:
    """Time ratio of one call on SPAN times MAX_CHARS characters to one on MAX_CHARS."""
    small = prefix + (unit * MAX_CHARS)[:MAX_CHARS] + "!"
    large = prefix + (unit * MAX_CHARS * SPAN)[:MAX_CHARS * SPAN] + "!"
    return best_time(pattern, large) / best_time(pattern, small)


def test_the_collection_finds_every_family():
    names = " ".join(PATTERNS)
    for family in ("rule money.", "rule power.", "rule percent.", "rule count.",
                   "figures.find.PLURALISH", "figures.find.SENTENCE_END", "context.hedging._rules",
                   "context.periods._rules", "OrgTable.alias_regex", "FigureRules.range_blockers",
                   "ingest.metadata.DATELINE"):
        assert family in names


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_adversarial_input(name):
    """No call hangs; the inputs a pattern is slowest on are timed again on SPAN times more."""
    pattern = PATTERNS[name]
    timed = []
    for prefix in PREFIXES:
        for unit in UNITS:
            took, text = time_at_max(pattern, prefix, unit)
            assert took <= HANG_SECONDS, f"{name} took {took:.2f} s on {text[:60]!r}..."
            timed.append((took, prefix, unit))
    for took, prefix, unit in sorted(timed, reverse=True)[:SLOWEST]:
        if took >= MEASURABLE:
            ratio = growth(pattern, prefix, unit)
            assert ratio <= MAX_GROWTH, (
                f"{name}: {ratio:.0f}x the time on {SPAN}x the input ({prefix!r} + {unit!r}...)")


def test_the_line_of_dashes_that_hung_a_run(tmp_path):
    """The hostile-input issue's file (a number, a newline, a line of dashes) hung `extract` for
    good; a run over it now ends at once."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dashes.txt").write_text("Net profit rose to 5\n" + "-" * 36 + "\n" + "- " * 40 + "\n")
    done = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--corpus", str(corpus),
                           "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 articles read, 1 ok" in done.stderr
