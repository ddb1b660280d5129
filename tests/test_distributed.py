"""The Dask engine on a real 2-worker LocalCluster: the local engine's tables (facts and deals
linked on the cluster, the reduce step, included), TLS that shuts out other clients, a clear
failure where no cluster can run, nothing left behind."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pandas as pd
import pytest
from distributed import Client, Security

import pipeline
from pipeline.core import run
from pipeline.distributed import dask_client

from conftest import DEALS_CORPUS, PROJECT


def test_dask_engine_equals_local(deals_run, tmp_path, monkeypatch):
    # a temp folder of its own, for this process and the workers it starts: other runs on the
    # machine may leave theirs in the shared one meanwhile
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    run(DEALS_CORPUS, tmp_path / "dask", quiet=True, engine="dask", workers=2)
    for read in (pipeline.read_claims, pipeline.read_articles, pipeline.read_facts,
                 pipeline.read_deals):
        pd.testing.assert_frame_equal(read(deals_run), read(tmp_path / "dask"))
    assert not [name for name in os.listdir(scratch)
                if name.startswith(("pipeline-dask-", "dask-scratch"))]


def test_a_foreign_client_cannot_run_a_task_on_the_local_cluster():
    with dask_client(1) as ours:
        address = ours.scheduler.address
        assert address.startswith("tls://127.0.0.1:")
        attempts = [  # no credentials; its own self-made ones; plain TCP to the same port
            lambda: Client(address, timeout=3),
            lambda: Client(address, security=Security.temporary(), timeout=3),
            lambda: Client(address.replace("tls://", "tcp://"), timeout=3),
        ]
        for connect in attempts:
            with pytest.raises((OSError, TypeError, ValueError)):
                with connect() as client:
                    client.submit(sum, [1, 2]).result(timeout=3)


@pytest.mark.skipif(not shutil.which("unshare"), reason="needs unshare (util-linux)")
def test_without_loopback_the_engine_fails_fast_with_a_message(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Meta will spend $65 billion.")
    started = time.monotonic()
    done = subprocess.run(["unshare", "--net", sys.executable, "-m", "pipeline", "extract",
                           "--corpus", str(tmp_path / "c"), "--out", str(tmp_path / "o"),
                           "--engine", "dask"], cwd=PROJECT, capture_output=True, text=True,
                          timeout=120)
    if "unshare failed" in done.stderr:
        pytest.skip("no permission to make a network namespace here")
    assert done.returncode == 1 and "loopback" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 20 and not (tmp_path / "o").exists()
