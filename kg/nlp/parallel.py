"""Running the per-document work: in this process, or in a pool of worker processes.

Each worker loads the spaCy pipeline and the ontology once; documents go to workers in
small batches and come back, in corpus order, as plain DocResults (or a Problem for a
document that failed), so the output is the same whatever the number of workers.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from spacy.language import Language

from ..ingest.layout import Layout, load_layout
from ..ingest.read import Entry, load
from ..settings import Settings
from ..types import DocResult, Problem
from .analyse import analyse_all
from .pipeline import make_nlp


@lru_cache(maxsize=2)
def _tools(settings: Settings) -> tuple[Language, Layout]:
    return make_nlp(settings), load_layout(settings.path("layout.yaml"))


def process_batch(entries: list[Entry], settings: Settings) -> list[DocResult | Problem]:
    """The unit of work: a few documents through the whole per-document pipeline."""
    nlp, layout = _tools(settings)
    docs, out = [], []
    for entry in entries:
        try:
            docs.append(load(entry, settings.max_bytes))
        except (OSError, ValueError) as err:
            out.append(Problem(str(entry.paths[0]), f"cannot read any more: {err}"))
    try:
        out.extend(analyse_all(nlp, layout, docs, settings.batch_size))
    except Exception:  # one bad document must not sink the batch: retry one by one
        for doc in docs:
            try:
                out.extend(analyse_all(nlp, layout, [doc], 1))
            except Exception as err:  # noqa: BLE001 (reported per file, the build goes on)
                out.append(Problem(doc.sources[0], f"failed in the pipeline: {type(err).__name__}: {err}"))
    return out


def _batches(entries: list[Entry], size: int) -> Iterator[list[Entry]]:
    iterator = iter(entries)
    while batch := list(islice(iterator, size)):
        yield batch


def _init_worker(settings: Settings) -> None:
    _tools(settings)


def _work(args: tuple[list[Entry], Settings]) -> list[DocResult | Problem]:
    return process_batch(*args)


def run_local(entries: list[Entry], settings: Settings, on_document=None) -> Iterator[DocResult | Problem]:
    done = 0
    batches = _batches(entries, settings.batch_size)
    if settings.workers <= 1 or len(entries) <= settings.batch_size:
        results = (process_batch(batch, settings) for batch in batches)
        pool = None
    else:
        context = multiprocessing.get_context("fork")
        pool = context.Pool(settings.workers, initializer=_init_worker, initargs=(settings,))
        results = pool.imap(_work, ((batch, settings) for batch in batches))
    try:
        for batch in results:
            for item in batch:
                done += 1
                if on_document:
                    on_document(done, len(entries))
                yield item
    finally:
        if pool is not None:
            pool.close()
            pool.join()
