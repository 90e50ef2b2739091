"""The client side of a distributed build: `kg build --scheduler ADDRESS` (or KG_SCHEDULER).

The client scanned the corpus, so the files are where it runs: it reads each document again
when its batch goes out and sends the decoded text (workers need no access to the files, and
the paths recorded in the graph are the client's, as in a local build). At most IN_FLIGHT
batches per worker thread are out at once, so neither the client nor the scheduler ever holds
the corpus; results are yielded as they come back, in any order (kg/api.py writes each into its
own named graph and makes the cross-document graph afterwards, in corpus order, from the stored
results). A worker that dies mid-batch: the scheduler gives its batches to another. A batch
that kills worker after worker (KilledWorker) is tried again document by document, so that only
the document at fault is reported.
"""
from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from ..errors import KgError
from ..ingest.read import Entry, load_all
from ..settings import Settings
from ..types import DocResult, Problem, SourceDoc

CONNECT_TIMEOUT = 5  # seconds to reach the scheduler
WORKERS_TIMEOUT = 60  # seconds to wait for a first worker
IN_FLIGHT = 2  # batches out per worker thread
LOCAL = "local"


class ClusterError(KgError):
    """The cluster cannot be reached or used."""


@contextmanager
def quiet(level: int = logging.ERROR) -> Iterator[None]:
    """Keep distributed's own log lines (connection retries, lost workers) off the user's terminal."""
    logger = logging.getLogger("distributed")
    before = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(before)


@contextmanager
def connect(address: str, workers: int) -> Iterator[Any]:
    """A client of the scheduler at `address`, or of a cluster on this machine (`local`: `workers`
    single-threaded worker processes, on the loopback interface); closed on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ClusterError("--scheduler needs the cluster extra: pip install 'actor-kg[cluster]'") from err
    cluster = None
    with quiet(logging.CRITICAL):
        if address == LOCAL:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster, set_as_default=False)
        else:
            try:
                probe(address)
                client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, TimeoutError) as err:
                reason = getattr(err, "strerror", None) or f"no answer within {CONNECT_TIMEOUT} s"
                raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason.lower()} "
                                   "(is it running? see --scheduler, KG_SCHEDULER)") from None
    try:
        with quiet():
            yield client
    finally:
        with quiet(logging.CRITICAL):
            client.close()
            if cluster is not None:
                cluster.close()


def probe(address: str) -> None:
    """Fail at once where nothing listens (Dask itself retries until its timeout)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        host, port = parse_host_port(parse_address(address)[1])
    except ValueError as err:
        raise ClusterError(f"{address!r} is not a scheduler address (tcp://HOST:PORT, or local): {err}") from None
    socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()


def register(client: Any, settings: Settings) -> str:
    """Have every worker (and every worker that joins later) load the pipeline; its plugin's name."""
    from ..incremental import pipeline_fingerprint
    from .worker import PipelinePlugin

    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except TimeoutError:
        raise ClusterError(f"the Dask scheduler at {settings.scheduler} has no workers "
                           f"(waited {WORKERS_TIMEOUT} s)") from None
    plugin = PipelinePlugin(settings, pipeline_fingerprint(settings))
    try:
        client.register_plugin(plugin)
    except Exception as err:  # noqa: BLE001 (the worker's error, raised again here: one line for the user)
        raise ClusterError(f"the workers cannot load the pipeline: {err}") from None
    return plugin.name


def run_cluster(entries: list[Entry], settings: Settings,
                on_document: Callable[[int, int], None] | None = None) -> Iterator[DocResult | Problem]:
    """The per-document work of `entries` on the cluster of `settings.scheduler`, results as they come."""
    if not entries:
        return
    assert settings.scheduler
    with connect(settings.scheduler, settings.workers) as client:
        plugin = register(client, settings)
        done = 0
        for item in _stream(client, plugin, entries, settings):
            done += 1
            if on_document:
                on_document(done, len(entries))
            yield item


def _stream(client: Any, plugin: str, entries: list[Entry], settings: Settings) -> Iterator[DocResult | Problem]:
    from distributed import as_completed

    from .worker import analyse

    limit = IN_FLIGHT * max(1, sum(client.nthreads().values()))
    batches = iter(entries)
    pending = as_completed(loop=client.loop)
    sent: dict[str, list[SourceDoc]] = {}  # the texts of the batches out, to split one that kills workers

    def submit(docs: list[SourceDoc]) -> None:
        future = client.submit(analyse, plugin, docs, pure=False)
        sent[future.key] = docs
        pending.add(future)

    while True:
        while pending.count() < limit and (batch := list(islice(batches, settings.batch_size))):
            docs, problems = load_all(batch, settings.max_bytes)
            yield from problems
            if docs:
                submit(docs)
        if pending.is_empty():
            return
        future = next(pending)
        docs = sent.pop(future.key)
        try:
            results = future.result()
        except Exception as err:  # noqa: BLE001 (sorted out below; nothing else may escape as a traceback)
            results = _failed(err, docs, submit)
        finally:
            future.release()
        yield from results


def _failed(err: Exception, docs: list[SourceDoc], submit: Callable[[list[SourceDoc]], None]) -> list[Problem]:
    """A batch that did not come back: split it if it killed its workers, else stop the build."""
    from distributed import KilledWorker

    if not isinstance(err, KilledWorker):
        raise ClusterError(f"the cluster failed a batch: {type(err).__name__}: {err}") from None
    if len(docs) > 1:
        for doc in docs:
            submit([doc])
        return []
    return [Problem(docs[0].sources[0], "killed every worker that analysed it (out of memory?)")]
