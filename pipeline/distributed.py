"""The Dask engine: batches of articles processed on a dask.distributed cluster (a local one
when no scheduler address is given), results gathered in input order, so the tables equal the
local engine's."""
from __future__ import annotations

from typing import Iterable

from .records import Article


def dask_batch(batch: list[Article], model: str):
    """Runs on a worker: the model is loaded once per worker process."""
    from .core import get_model, process

    return list(process(get_model(model), batch))


def dask_processed(articles: Iterable[Article], model: str, workers: int,
                   scheduler: str | None = None):
    from dask.distributed import Client, LocalCluster

    from .core import in_order

    cluster = None if scheduler else LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=True,
        dashboard_address=None, host="127.0.0.1")
    client = Client(scheduler or cluster)
    try:
        width = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        yield from in_order(lambda batch: client.submit(dask_batch, batch, model,
                                                        pure=False).result, articles, width)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
