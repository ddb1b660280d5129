"""`make bench SCALING=1`: the dense article it doubles, and the command on small sizes."""
import subprocess
import sys

from pipeline.bench import dense_article

from conftest import PROJECT


def test_a_dense_article_doubled_starts_with_the_shorter_one():
    short, long = dense_article(5000), dense_article(10_000)
    assert (len(short), len(long)) == (5000, 10_000) and long.startswith(short)


def test_scaling_prints_each_doubling_with_its_ratios():
    done = subprocess.run([sys.executable, "-m", "pipeline.bench", "--scaling", "--chars", "1000",
                           "--rounds", "1"], cwd=PROJECT, capture_output=True, text=True,
                          timeout=600, check=True)
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["1000", "2000", "4000", "8000"]
    assert all(" time " in line and " memory" in line for line in lines[2:])
