"""The distributed build on a real Dask cluster: a scheduler and two workers, each a process of its
own on 127.0.0.1, as `dask scheduler` and `dask worker` run them."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from kg.cluster.worker import PipelinePlugin, pipeline_state  # noqa: E402
from kg.ingest.layout import load_layout  # noqa: E402
from kg.types import DocResult, Problem, SourceDoc  # noqa: E402

from .processes import copy_corpus, free_port, kg, start, stop, wait_for  # noqa: E402

pytestmark = pytest.mark.cluster

PYTHON_M = [sys.executable, "-m"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """(scheduler address, [worker processes], a client of the scheduler): two single-threaded workers."""
    folder = tmp_path_factory.mktemp("dask")
    scheduler_file = folder / "scheduler.json"
    processes = [start([*PYTHON_M, "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                        "--no-dashboard", "--scheduler-file", str(scheduler_file)], folder / "scheduler.log")]
    client = None
    try:
        wait_for(scheduler_file.is_file, 60, "the scheduler")
        for number in (1, 2):
            processes.append(start([*PYTHON_M, "distributed.cli.dask_worker", "--scheduler-file", str(scheduler_file),
                                    "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"],
                                   folder / f"worker{number}.log"))
        client = distributed.Client(scheduler_file=str(scheduler_file), timeout=30, set_as_default=False)
        client.wait_for_workers(2, timeout=120)
        yield client.scheduler.address, processes[1:], client
    finally:
        if client is not None:
            client.close()
        for process in reversed(processes):
            stop(process)


def loads(client) -> dict[str, dict[str, int]]:
    """Per worker: how often it loaded our pipeline, and how many batches it ran."""
    states = client.run(pipeline_state)
    return {worker: next(iter(state.values()), {"loads": 0, "batches": 0}) for worker, state in states.items()}


def same_output(one: Path, other: Path) -> bool:
    return all((one / name).read_bytes() == (other / name).read_bytes() for name in ("graph.ttl", "graph.trig"))


def test_seeds_through_two_workers_are_byte_identical_to_a_local_build(cluster, seeds_dir, seeds_output, tmp_path):
    address, _workers, client = cluster
    built = kg("build", str(seeds_dir), "-o", str(tmp_path / "out"), "--scheduler", address, "-q")
    assert built.returncode == 0, built.stderr
    assert same_output(tmp_path / "out", seeds_output)
    counts = loads(client)
    assert len(counts) == 2 and all(c["loads"] == 1 for c in counts.values()), counts


def test_a_worker_killed_midway_changes_nothing(cluster, seeds_dir, tmp_path):
    address, workers, client = cluster
    corpus = copy_corpus(seeds_dir, tmp_path / "corpus", 8)
    local = start([*PYTHON_M, "kg", "build", str(corpus), "-o", str(tmp_path / "local"), "--workers", "1", "-q"])
    out = tmp_path / "cluster"
    build = start([*PYTHON_M, "kg", "build", str(corpus), "-o", str(out), "--scheduler", address, "-q"],
                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        done = wait_for(lambda: len(list((out / "store" / "docs").glob("*.json"))), 240, "the first results")
        stop(workers[0], 9)  # SIGKILL: the worker and its nanny, gone without a word
        _, errors = build.communicate(timeout=300)
        assert build.returncode == 0, errors.decode()
        assert b"Traceback" not in errors, errors.decode()
        assert local.wait(timeout=300) == 0
    finally:
        stop(build)
        stop(local)
    assert 0 < done < 40
    assert same_output(out, tmp_path / "local")
    survivor = loads(client)
    assert list(survivor.values()) and all(c["loads"] == 1 for c in survivor.values()), survivor


def test_an_unreachable_scheduler_is_one_line_and_a_failure(seeds_dir, tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    built = kg("build", str(seeds_dir), "-o", str(tmp_path / "out"), "--scheduler", address, timeout=60)
    elapsed = time.monotonic() - started
    lines = [line for line in built.stderr.splitlines() if line.strip()]
    assert built.returncode != 0
    assert len(lines) == 1 and address in lines[0] and "Traceback" not in built.stderr, built.stderr
    assert elapsed < 10


class Flaky:
    """A pipeline that fails on any text with BOOM in it, and is the real one otherwise."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def get_pipe_config(self, name: str) -> dict:
        return self.nlp.get_pipe_config(name)

    def pipe(self, pairs, **kwargs):
        for text, context in pairs:
            if "BOOM" in text:
                raise RuntimeError("boom")
            yield from self.nlp.pipe([(text, context)], **kwargs)


def test_a_document_failing_on_a_worker_is_reported_and_the_rest_processed(nlp, settings):
    plugin = PipelinePlugin(settings, "0" * 64)
    plugin._tools = Flaky(nlp), load_layout(settings.path("layout.yaml"))  # what setup() loads on a worker
    plugin._lock = threading.Lock()
    docs = [SourceDoc(name, text, (f"corpus/{name}",), "utf-8", f"sha256:{name}")
            for name, text in (("a.txt", "Iran backs Hezbollah."), ("b.txt", "BOOM went the bomb."),
                               ("c.txt", "Russia supports the Syrian government."))]
    out = plugin.analyse(docs)
    assert [type(item) for item in out] == [DocResult, Problem, DocResult]
    assert out[1].path == "corpus/b.txt" and "RuntimeError: boom" in out[1].reason
