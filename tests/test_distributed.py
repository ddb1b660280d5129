"""The Dask engine on a real 2-worker LocalCluster gives the local engine's tables, facts and
deals linked on the cluster (the reduce step) included."""
import pandas as pd

import pipeline
from pipeline.core import run

from conftest import DEALS_CORPUS


def test_dask_engine_equals_local(deals_run, tmp_path):
    run(DEALS_CORPUS, tmp_path / "dask", quiet=True, engine="dask", workers=2)
    for read in (pipeline.read_claims, pipeline.read_articles, pipeline.read_facts,
                 pipeline.read_deals):
        pd.testing.assert_frame_equal(read(deals_run), read(tmp_path / "dask"))
