"""The Dask engine: batches of articles processed on a dask.distributed cluster (a local one
when no scheduler address is given), results gathered in input order, so the tables equal the
local engine's; then the facts' blocks linked on the same cluster (the reduce step)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterable

from .records import Article


def dask_batch(batch: list[Article], model: str):
    """Runs on a worker: the model is loaded once per worker process."""
    from .core import get_model, process

    return list(process(get_model(model), batch))


@contextmanager
def dask_client(workers: int, scheduler: str | None = None):
    """A client of the scheduler at `scheduler`, else of a local cluster of `workers`
    processes (closed again at the end)."""
    from dask.distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=True,
        dashboard_address=None, host="127.0.0.1")
    client = Client(scheduler or cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dask_processed(client, articles: Iterable[Article], model: str, workers: int):
    from .core import in_order

    width = max(1, len(client.scheduler_info().get("workers", {})) or workers)
    yield from in_order(lambda batch: client.submit(dask_batch, batch, model,
                                                    pure=False).result, articles, width)


def dask_mapper(client) -> Callable:
    """map() on the cluster, results in order."""
    return lambda fn, items: client.gather(client.map(fn, list(items), pure=False))
