"""Two builds of the same corpus give byte-identical graph.ttl and graph.trig, whatever the order the files
are listed in, the number of workers and the hash seed of the Python process: one build in this process
(one worker, files in order), the other at the same time in a subprocess (two workers, files in reverse
order, another hash seed)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import kg
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("001_944f0d64b90c9dcf.txt", "004_f49d51d9539526dd.txt", "003_f78d99faa7d30f5c.txt")
COPIES = 3  # 9 documents: more than one batch (8), so --workers 2 runs a pool of two processes
LENGTH = 4_000  # characters of each article kept (whole lines), to keep the builds short


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    files = []
    for copy in range(1, COPIES + 1):
        for name in SEEDS:
            text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
            text = text[:text.rindex("\n", 0, LENGTH) + 1]
            path = folder / f"copy{copy}-{name}"
            path.write_text(f"Copy {copy} of the sample corpus.\n{text}", encoding="utf-8")
            files.append(path)
    return files


def test_same_corpus_gives_byte_identical_graphs(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "corpus")
    other = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", *map(str, files[::-1]), "-o", str(tmp_path / "b"), "-q", "--workers", "2"],
        cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "2" if os.environ.get("PYTHONHASHSEED") != "2" else "3"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    report = kg.build_to(tmp_path / "a", files, Settings(workers=1))
    stdout, stderr = other.communicate(timeout=300)
    assert other.returncode == 0, stderr
    assert report.documents == len(files) and report.problems == []
    assert stdout.startswith(f"{len(files)} documents, "), stdout
    assert sum(report.claims.values()) > 0
    for output in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "a" / output).read_bytes() == (tmp_path / "b" / output).read_bytes(), output
