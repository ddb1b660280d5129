"""The Dask engine on a real 2-worker LocalCluster gives the local engine's tables."""
import pandas as pd

import pipeline
from pipeline.core import run

from conftest import SAMPLE_CORPUS


def test_dask_engine_equals_local(sample_run, tmp_path):
    run(SAMPLE_CORPUS, tmp_path / "dask", quiet=True, engine="dask", workers=2)
    for read in (pipeline.read_claims, pipeline.read_articles, pipeline.read_facts):
        pd.testing.assert_frame_equal(read(sample_run[0]), read(tmp_path / "dask"))
