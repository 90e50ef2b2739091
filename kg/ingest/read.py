"""Files and folders -> SourceDocs, with one Problem per file that cannot be used.

Reading is in two passes so that memory stays flat on big corpora: `scan` decodes each
file once to hash its text and group identical copies (keeping only names and hashes),
then `load` reads one document again when the pipeline asks for it.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..types import Problem, SourceDoc
from .decode import NotText, decode
from .html import html_to_text, looks_like_html

SUFFIXES = {".txt", ".md", ".html", ".htm"}


@dataclass(frozen=True)
class Entry:
    """A document to process: its id (the first file name, sorted), every file holding it, its hash."""

    doc_id: str
    paths: tuple[Path, ...]
    content_hash: str
    encoding: str


@dataclass
class Corpus:
    entries: list[Entry]
    problems: list[Problem]


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Problem]:
    """Every candidate file under `paths`, sorted; broken links and loops become Problems."""
    for root in paths:
        if root.is_symlink() and not root.exists():
            yield Problem(str(root), "broken symbolic link")
            continue
        if not root.exists():
            raise InputError(f"{root}: no such file or folder")
        if root.is_file():
            yield root
            continue
        seen: set[tuple[int, int]] = set()
        for folder, dirs, files in os.walk(root, followlinks=True):
            stat = os.stat(folder)
            if (stat.st_dev, stat.st_ino) in seen:
                yield Problem(folder, "symbolic link loop; folder skipped")
                dirs[:] = []
                continue
            seen.add((stat.st_dev, stat.st_ino))
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                if path.suffix.lower() not in SUFFIXES or name.startswith("."):
                    continue
                if path.is_symlink() and not path.exists():
                    yield Problem(str(path), "broken symbolic link")
                    continue
                yield path


def read_text(path: Path, max_bytes: int) -> tuple[str, str, str]:
    """(text, encoding, media type) of one file; raises NotText or OSError with the reason."""
    size = path.stat().st_size
    if size > max_bytes:
        raise NotText(f"{size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
    with path.open("rb") as handle:
        data = handle.read()
    text, encoding = decode(data)
    media = "text/plain"
    if path.suffix.lower() in {".html", ".htm"} or looks_like_html(text):
        text, media = html_to_text(text), "text/html"
    if not text.strip():
        raise NotText("empty file" if not data else "no text (only whitespace)")
    return text, encoding, media


def content_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def scan(paths: Iterable[Path], max_bytes: int) -> Corpus:
    """Group the files under `paths` into documents; files with the same decoded text are one document."""
    groups: dict[str, list[tuple[Path, str]]] = {}
    problems: list[Problem] = []
    for item in iter_files(paths):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        try:
            text, encoding, _media = read_text(item, max_bytes)
        except NotText as err:
            problems.append(Problem(str(item), str(err)))
            continue
        except OSError as err:
            problems.append(Problem(str(item), f"cannot read: {err.strerror or err}"))
            continue
        groups.setdefault(content_hash(text), []).append((item, encoding))
    entries = []
    for digest, files in groups.items():
        files.sort(key=lambda pair: (pair[0].name, str(pair[0])))
        entries.append(Entry(files[0][0].name, tuple(path for path, _ in files), digest, files[0][1]))
    entries.sort(key=lambda entry: (entry.doc_id, entry.content_hash))
    _disambiguate(entries)
    return Corpus(entries, problems)


def _disambiguate(entries: list[Entry]) -> None:
    """Two different texts under the same file name (in different folders) get distinct ids."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        count = seen.get(entry.doc_id, 0)
        seen[entry.doc_id] = count + 1
        if count:
            entries[index] = Entry(f"{entry.doc_id}~{count + 1}", entry.paths, entry.content_hash, entry.encoding)


def load(entry: Entry, max_bytes: int) -> SourceDoc:
    text, encoding, media = read_text(entry.paths[0], max_bytes)
    return SourceDoc(entry.doc_id, text, tuple(str(p) for p in entry.paths), encoding, content_hash(text), media)
