"""One facts table over a corpus extracted shard by shard equals the one-run facts."""
import shutil

import pandas as pd
import pytest

import pipeline
from pipeline.cli import main
from pipeline.core import run
from pipeline.facts.shards import ShardError, reduce

from conftest import DEALS_CORPUS


def test_facts_over_shards_equal_the_facts_of_one_run(tmp_path):
    files = sorted(DEALS_CORPUS.iterdir())
    out = tmp_path / "out"
    for n, start in enumerate(range(0, len(files), 9)):
        shard = tmp_path / f"shard{n}"
        shard.mkdir()
        for f in files[start:start + 9]:
            shutil.copy(f, shard)
        if n == 1:  # an exact copy of another shard's article: counted once, as in one run
            (shard / "zz-copy.md").write_bytes(files[0].read_bytes())
        run(shard, out / f"part-{n:04d}", quiet=True)
    whole = tmp_path / "whole"
    shutil.copytree(DEALS_CORPUS, whole)
    (whole / "zz-copy.md").write_bytes(files[0].read_bytes())
    run(whole, tmp_path / "one-run", quiet=True)
    assert main(["facts", "--out", str(out)]) == 0
    for read in (pipeline.read_facts, pipeline.read_deals):
        pd.testing.assert_frame_equal(read(out), read(tmp_path / "one-run"))
    parts = pd.concat(pipeline.read_claims(p) for p in sorted(out.glob("part-*")))
    copied = parts.article_id == "zz-copy.md"
    ids = ["claim_id", "fact_id", "deal_id"]
    pd.testing.assert_frame_equal(
        parts[~copied][ids].sort_values("claim_id", ignore_index=True),
        pipeline.read_claims(tmp_path / "one-run")[ids].sort_values("claim_id", ignore_index=True))
    original = parts[parts.article_id == files[0].name]
    assert parts[copied].fact_id.tolist() == original.fact_id.tolist()
    assert not list(out.glob("part-*/facts.parquet"))


def test_a_folder_without_parts_is_refused(tmp_path, capsys):
    assert main(["facts", "--out", str(tmp_path)]) == 2
    assert "no part folders" in capsys.readouterr().err


def test_an_article_id_in_two_parts_is_refused(tmp_path):
    for part in ("part-0", "part-1"):
        (tmp_path / "c" / part).mkdir(parents=True)
        shutil.copy(sorted(DEALS_CORPUS.iterdir())[0], tmp_path / "c" / part)
        run(tmp_path / "c" / part, tmp_path / "out" / part, quiet=True)
    with pytest.raises(ShardError, match="distinct names"):
        reduce(tmp_path / "out")
