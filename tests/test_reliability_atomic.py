"""A build killed at any moment (SIGKILL: no clean-up runs) leaves the previous output complete and valid,
byte for byte; the next build completes and clears what the killed one left behind. The builds that are
killed run `python -m kg build` in a subprocess; the others run in this process, sharing its pipeline."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import kg
from kg.outputs.serialize import STAGE_PREFIX
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("001_944f0d64b90c9dcf.txt", "004_f49d51d9539526dd.txt")
OUTPUTS = ("graph.html", "graph.trig", "graph.ttl")


def _corpus(folder: Path, names: tuple[str, ...]) -> Path:
    """Seed articles with a first line of their own (so none is the document of the earlier build)."""
    folder.mkdir()
    for name in names:
        text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        (folder / name).write_text(f"Copy 1 of the sample corpus.\n{text}", encoding="utf-8")
    return folder


def _files(output: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(output.iterdir()) if path.is_file()}


def _check_valid(output: Path) -> None:
    Graph().parse(output / "graph.ttl", format="turtle")
    Dataset().parse(output / "graph.trig", format="trig")
    assert (output / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An output folder from an earlier complete build (of one article), and the corpus to build over it."""
    root = tmp_path_factory.mktemp("atomic")
    output = root / "output"
    kg.build_to(output, [ROOT / "seeds" / SEEDS[-1]], Settings(workers=1))
    assert sorted(_files(output)) == list(OUTPUTS)
    _check_valid(output)
    return output, _corpus(root / "corpus", SEEDS)


@pytest.fixture
def previous(pristine: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A copy of the pristine output folder (whatever else a build keeps there included), its files' bytes,
    and the corpus: each test starts from the same state."""
    output, corpus = pristine
    copy = tmp_path / "output"
    shutil.copytree(output, copy, symlinks=True)
    return copy, corpus, _files(copy)


def _kill_when(corpus: Path, output: Path, moment: Callable[[Path], bool]) -> None:
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(output), "-q",
                                "--workers", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    try:
        while not moment(output):
            assert process.poll() is None, f"the build ended before the moment to kill it: {process.stderr.read()}"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL


def _after(seconds: float) -> Callable[[Path], bool]:
    started = time.monotonic()
    return lambda _output: time.monotonic() - started >= seconds


def _staging(output: Path) -> list[Path]:
    return [path for path in output.glob(f"{STAGE_PREFIX}*") if path.is_dir()]


def _writing(output: Path) -> bool:
    return bool(_staging(output))


def _first_file_staged(output: Path) -> bool:
    """graph.ttl is in the staging folder, the other two not yet: a kill now would mix builds without staging."""
    return any(path.name in OUTPUTS for stage in _staging(output) for path in stage.iterdir())


def _documents(output: Path) -> int:
    rows = Graph().parse(output / "graph.ttl", format="turtle").query(
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/actorkg/ontology#Document> }")
    return next(int(row[0]) for row in rows)


@pytest.mark.parametrize("moment", [lambda: _after(0.5), lambda: _after(2.0), lambda: _first_file_staged],
                         ids=["after 0.5 s (starting up)", "after 2 s (loading, reading)",
                              "while the outputs are written"])
def test_killed_build_leaves_the_previous_output(previous, moment: Callable[[], Callable[[Path], bool]]) -> None:
    output, corpus, before = previous
    _kill_when(corpus, output, moment())
    assert _files(output) == before
    _check_valid(output)


def test_next_build_completes_and_clears_what_a_killed_build_left(previous) -> None:
    output, corpus, before = previous
    _kill_when(corpus, output, _after(0.5))
    abandoned = output / f"{STAGE_PREFIX}999999999-x"
    abandoned.mkdir()
    (abandoned / "graph.ttl").write_text("half a graph", encoding="utf-8")
    report = kg.build_to(output, [corpus], Settings(workers=1))
    assert report.documents == len(SEEDS)
    after = _files(output)
    assert sorted(after) == list(OUTPUTS) and after != before
    assert not [path.name for path in output.iterdir() if path.name.startswith(".")]
    _check_valid(output)
    assert _documents(output) == len(SEEDS)
    umask = os.umask(0)
    os.umask(umask)
    assert {name: os.stat(output / name).st_mode & 0o777 for name in OUTPUTS} == dict.fromkeys(OUTPUTS, 0o666 & ~umask)


def test_next_build_after_a_kill_while_writing_writes_the_new_graph(previous) -> None:
    output, corpus, _before = previous
    _kill_when(corpus, output, _writing)
    kg.build_to(output, [corpus], Settings(workers=1))
    assert _documents(output) == len(SEEDS)
