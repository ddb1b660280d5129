"""No pattern of the project backtracks catastrophically: every regex, on adversarial strings of
growing length, stays far below the time a super-linear one takes (a line of 24 dashes once
took a rule 2.6 s, and 32 dashes 191 s). Sizes grow by a quarter at a time so that a bad
pattern fails the test in about a second instead of hanging it."""
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
LIMIT_SECONDS = 0.05  # one call on up to 2,000 characters; a linear pattern takes < 1 ms
MAX_CHARS = 2000


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
            for i, value in enumerate(rules()):
                if isinstance(value, re.Pattern):
                    found[f"{info.name}._rules[{i}]"] = value
    figure_rules = get_rules()
    found.update({f"rule {r.id}": r.regex for r in figure_rules.rules})
    for holder, label in ((figure_rules, "FigureRules"), (get_org_table(), "OrgTable")):
        found.update({f"{label}.{k}": v for k, v in vars(holder).items()
                      if isinstance(v, re.Pattern)})
    return found


PATTERNS = project_patterns()


def slowest_call(pattern: re.Pattern, prefix: str, unit: str) -> tuple[float, int]:
    """The longest single match/search/finditer time over growing repeats of `unit`."""
    repeats = 4.0
    worst = (0.0, 0)
    while len(unit) * repeats <= MAX_CHARS:
        text = prefix + unit * int(repeats) + "!"
        started = time.perf_counter()
        pattern.match(text)
        pattern.search(text)
        for _ in pattern.finditer(text):
            pass
        took = time.perf_counter() - started
        worst = max(worst, (took, int(repeats)))
        if took > LIMIT_SECONDS:
            break
        repeats *= 1.25
    return worst


def test_the_collection_finds_every_family():
    names = " ".join(PATTERNS)
    for family in ("rule money.", "rule power.", "rule percent.", "rule count.",
                   "figures.find.PLURALISH", "figures.find.SENTENCE_END", "context.hedging._rules",
                   "context.periods._rules", "OrgTable.alias_regex", "FigureRules.range_blockers",
                   "ingest.decode.DATELINE"):
        assert family in names


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_is_linear_on_adversarial_input(name):
    pattern = PATTERNS[name]
    for prefix in PREFIXES:
        for unit in UNITS:
            took, repeats = slowest_call(pattern, prefix, unit)
            assert took <= LIMIT_SECONDS, (
                f"{name} took {took:.2f} s on {prefix!r} + {unit!r} x {repeats}")


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
