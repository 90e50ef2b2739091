"""What runs on a Dask worker: the per-document pipeline, loaded once per worker.

`PipelinePlugin` is registered by the client under a name that carries the pipeline's
fingerprint (kg/incremental.py: spaCy model, ontology files, kg source). Each worker loads
the pipeline when the plugin is set up, in a thread (so that the worker keeps answering the
scheduler meanwhile), and keeps it for every task and every later build of the same pipeline;
a worker that joins later, or replaces a killed one, sets it up when it arrives. A worker whose
fingerprint differs from the client's (another kg version, ontology or model) refuses the
plugin: its results would not be those of a local build.
"""
from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from typing import Any

from distributed import WorkerPlugin, get_worker

from ..settings import Settings, ontology_dir
from ..types import DocResult, Problem, SourceDoc

PLUGIN_PREFIX = "kg-pipeline-"


class PipelineMismatch(RuntimeError):
    """The worker's actor-kg, ontology or spaCy model is not the client's."""


class PipelinePlugin(WorkerPlugin):
    """The spaCy pipeline and the ontology's layout rules of one worker, and what it did with them."""

    idempotent = True  # registering again (the next build) keeps the loaded pipeline

    def __init__(self, settings: Settings, fingerprint: str) -> None:
        self.settings = replace(settings, workers=1, scheduler=None)
        self.fingerprint = fingerprint
        self.name = PLUGIN_PREFIX + fingerprint[:16]
        self.loads = 0  # how often this worker loaded the pipeline: once
        self.batches = 0  # how many batches it analysed
        self._tools: tuple[Any, Any] | None = None
        self._lock: threading.Lock | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_tools": None, "_lock": None}

    async def setup(self, worker: Any) -> None:
        self._lock = threading.Lock()
        await asyncio.to_thread(self._load)

    def _load(self) -> None:
        from ..incremental import pipeline_fingerprint
        from ..nlp.parallel import tools

        settings = self.settings
        if not (settings.ontology / "akg.ttl").is_file():  # another machine: its own installation's ontology
            settings = replace(settings, ontology=ontology_dir())
        if pipeline_fingerprint(settings) != self.fingerprint:
            raise PipelineMismatch("a worker runs another actor-kg than the client (its version, ontology or spaCy "
                                   "model differ): install the same on every worker")
        self._tools = tools(settings)
        self.settings = settings
        self.loads += 1

    def analyse(self, docs: list[SourceDoc]) -> list[DocResult | Problem]:
        """A batch through the pipeline; a document that fails is reported, the others go on (as
        kg/nlp/parallel.py does in a local build)."""
        from ..nlp.analyse import analyse_safely

        assert self._tools is not None and self._lock is not None, "the plugin was not set up"
        nlp, layout = self._tools
        with self._lock:  # one pipeline per worker: its threads take turns
            self.batches += 1
            return analyse_safely(nlp, layout, docs, self.settings.batch_size)


def analyse(plugin: str, docs: list[SourceDoc]) -> list[DocResult | Problem]:
    """The task: a batch of decoded documents through the pipeline of this worker's plugin."""
    return get_worker().plugins[plugin].analyse(docs)


def pipeline_state(dask_worker: Any) -> dict[str, dict[str, int]]:
    """Per plugin of ours on a worker: how often it loaded the pipeline and how many batches it ran
    (for `client.run`: tests and the benchmark check the once-per-worker load with it)."""
    return {name: {"loads": plugin.loads, "batches": plugin.batches}
            for name, plugin in dask_worker.plugins.items() if name.startswith(PLUGIN_PREFIX)}
