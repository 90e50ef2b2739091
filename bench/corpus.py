"""The benchmark corpora: the seeds replicated N times.

Every copy is renamed and gets its own first line ("Copy 17 of the sample corpus."), so that
duplicate detection (files with equal texts are one document) keeps the copies apart.
"""
from __future__ import annotations

from pathlib import Path


def make_corpus(seeds: Path, copies: int, target: Path) -> dict[str, int]:
    """Write `copies` copies of every file in `seeds` into `target`; return documents and bytes."""
    target.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    documents = size = 0
    for number in range(1, copies + 1):
        for source in sources:
            text = source.read_text(encoding="utf-8")
            newline = "\r\n" if "\r\n" in text else "\n"
            data = f"Copy {number} of the sample corpus.{newline}{text}".encode("utf-8")
            (target / f"{source.stem}-copy{number:03d}{source.suffix}").write_bytes(data)
            documents += 1
            size += len(data)
    return {"documents": documents, "bytes": size}


def texts(corpus: Path) -> list[Path]:
    """The files of a benchmark corpus, in the order the build reads them."""
    return sorted(p for p in corpus.iterdir() if p.is_file())
