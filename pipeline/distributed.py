"""The Dask engine: batches of articles processed on a dask.distributed cluster, results
gathered in input order, so the tables equal the local engine's; then the facts' blocks linked
on the same cluster (the reduce step).

Without a scheduler address the cluster is a local one of `workers` processes that speaks TLS
with credentials made for this run only (Security.temporary()): another process on the machine
can reach its port but cannot connect, so it cannot run code in the workers. Its scratch space,
and any cache a library writes (matplotlib's), live in a temporary folder removed at the end.
An external scheduler is secured by the dask configuration (README, "On a Dask cluster").
"""
from __future__ import annotations

import gc
import os
import socket
import tempfile
from contextlib import ExitStack, contextmanager
from typing import Callable, Iterable

from . import config
from .records import Article


class EngineError(Exception):
    """The cluster cannot be started or reached: the run stops before anything is written."""


def warm_worker(model: str) -> None:
    """Runs once on each worker: the model is loaded and its objects kept out of every garbage
    collection, as in a local worker process."""
    from .core import get_model

    get_model(model)
    gc.freeze()


def dask_batch(batch: list[Article], model: str):
    """Runs on a worker: the model is loaded once per worker process."""
    from .core import get_model, process

    return list(process(get_model(model), batch))


@contextmanager
def dask_client(workers: int, scheduler: str | None = None):
    """A client of the scheduler at `scheduler`, else of a local TLS cluster of `workers`
    processes (closed again at the end); EngineError when no worker can be reached in time."""
    from dask.distributed import Client

    timeout = config.DASK_CONNECT_SECONDS
    with ExitStack() as stack:
        if scheduler:
            try:
                client = Client(scheduler, timeout=timeout)
            except (OSError, ValueError, TypeError) as exc:
                raise EngineError(f"cannot reach the Dask scheduler at {scheduler} within "
                                  f"{timeout} s ({exc})") from None
        else:
            cluster, security = _local_cluster(stack, workers)
            client = Client(cluster, security=security, timeout=timeout)
        stack.enter_context(client)
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise EngineError(f"the Dask scheduler has no workers after {timeout} s") from None
        yield client


def warm_workers(client, model: str) -> None:
    """The model loaded on every worker, before any batch is sent (so the first ETA is true)."""
    try:
        client.run(warm_worker, model)
    except Exception as exc:  # noqa: BLE001 - a worker without the model, say
        raise EngineError(f"the Dask workers cannot load the model '{model}': {exc}") from None


def dask_processed(client, articles: Iterable[Article], model: str):
    from .core import in_order

    width = max(1, len(client.scheduler_info().get("workers", {})))
    yield from in_order(lambda batch: client.submit(dask_batch, batch, model,
                                                    pure=False).result, articles, width)


def dask_parts(client, tasks: Iterable[tuple]):
    """The Parts of a WARC file (ingest/warc.py read_part's arguments), read on the cluster, in
    order: the workers must see the file at the same path (one machine, or a shared disk)."""
    from .core import ordered
    from .ingest.warc import read_part

    width = max(1, len(client.scheduler_info().get("workers", {})))
    return ordered(lambda task: client.submit(read_part, *task, pure=False).result, tasks,
                   2 * width)


def dask_mapper(client) -> Callable:
    """map() on the cluster, results in order."""
    return lambda fn, items: client.gather(client.map(fn, list(items), pure=False))


def _local_cluster(stack: ExitStack, workers: int):
    from dask import config as dask_config
    from dask.distributed import LocalCluster, Security

    try:  # without a working loopback interface the cluster would wait 30 s, then fail
        with socket.create_server(("127.0.0.1", 0)) as server:
            socket.create_connection(server.getsockname(), timeout=1).close()
    except OSError as exc:
        raise EngineError("the local Dask cluster needs the loopback interface (127.0.0.1), "
                          f"which does not work here ({exc.strerror or exc}); "
                          "use --engine local") from None
    scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="pipeline-dask-"))
    stack.enter_context(dask_config.set({"temporary-directory": scratch}))
    stack.enter_context(_environment(MPLCONFIGDIR=scratch))  # workers inherit it
    security = Security.temporary()
    try:
        cluster = stack.enter_context(LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True,
            dashboard_address=None, host="127.0.0.1", protocol="tls", security=security,
            local_directory=scratch))
    except Exception as exc:  # noqa: BLE001 - distributed raises RuntimeError, OSError, ...
        raise EngineError(f"the local Dask cluster did not start: {exc}") from None
    return cluster, security


@contextmanager
def _environment(**values: str):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
