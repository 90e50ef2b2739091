"""Running the per-document work: in this process, or in a pool of worker processes.

Each worker loads the spaCy pipeline and the ontology once (or inherits them, forked from a
process that has loaded them: see `preload`); documents go to workers in batches of
`settings.batch_size` and come back, in corpus order, as plain DocResults (or a Problem for a
document that failed). Nothing downstream depends on which worker made a result, so the
output is the same, byte for byte, whatever the number of workers.
"""
from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path

from spacy.language import Language

from ..ingest.layout import Layout, load_layout
from ..ingest.read import Entry, load_all
from ..settings import Settings
from ..types import DocResult, Problem
from .analyse import analyse_safely
from .pipeline import make_nlp


def tools(settings: Settings) -> tuple[Language, Layout]:
    """The pipeline and the comment layout, loaded once a process (local workers, Dask workers)."""
    return _load(settings.model, settings.ontology, settings.max_bytes)


@lru_cache(maxsize=2)
def _load(model: str, ontology: Path, max_bytes: int) -> tuple[Language, Layout]:
    """One pipeline per model and ontology, whatever the number of workers or the batch size.

    The loaded pipeline and ontology live as long as the process: gc.freeze() takes their
    millions of objects out of the collector's sight, which otherwise walks them over and over
    while a build makes and drops its per-document objects (~6 % of a build's time), and keeps
    forked workers from copying the pages that the collector would touch."""
    settings = Settings(model=model, ontology=ontology, max_bytes=max_bytes)
    tools = make_nlp(settings), load_layout(settings.path("layout.yaml"))
    gc.freeze()
    return tools


def preload(settings: Settings) -> Language:
    """Load the pipeline in this process now; worker processes forked afterwards share it."""
    return tools(settings)[0]


def process_batch(entries: list[Entry], settings: Settings) -> list[DocResult | Problem]:
    """The unit of work: a few documents through the whole per-document pipeline."""
    nlp, layout = tools(settings)
    docs, problems = load_all(entries, settings.max_bytes)
    return problems + analyse_safely(nlp, layout, docs, settings.batch_size)


def _batches(entries: list[Entry], size: int) -> Iterator[list[Entry]]:
    iterator = iter(entries)
    while batch := list(islice(iterator, size)):
        yield batch


def _init_worker(settings: Settings) -> None:
    tools(settings)


def _work(args: tuple[list[Entry], Settings]) -> list[DocResult | Problem]:
    return process_batch(*args)


def run_local(entries: list[Entry], settings: Settings,
              on_document: Callable[[int, int], None] | None = None) -> Iterator[DocResult | Problem]:
    done = 0
    batches = _batches(entries, settings.batch_size)
    tasks = -(-len(entries) // settings.batch_size)
    if settings.workers <= 1 or tasks <= 1:
        results = (process_batch(batch, settings) for batch in batches)
        pool = None
    else:
        context = multiprocessing.get_context("fork")
        pool = context.Pool(min(settings.workers, tasks), initializer=_init_worker, initargs=(settings,))
        results = pool.imap(_work, ((batch, settings) for batch in batches))
    finished = False
    try:
        for batch in results:
            for item in batch:
                done += 1
                if on_document:
                    on_document(done, len(entries))
                yield item
        finished = True
    finally:
        if pool is not None:
            if finished:
                pool.close()
            else:  # the consumer stopped (an error, Ctrl-C): do not wait for the rest of the corpus
                pool.terminate()
            pool.join()
