"""Files and folders -> SourceDocs, with one Problem per file that cannot be used.

Reading is in two passes so that memory stays flat on big corpora: `scan` decodes each
file once to hash its text and group identical copies (keeping only names and hashes),
then `load` reads one document again when the pipeline asks for it.

What is skipped, and why, is a Problem (path, reason), never an exception: broken links,
link loops, folders that cannot be listed, files that are not regular files (named pipes,
devices), that are too big, cannot be read, or are not text. Only a path the user named
that does not exist at all stops the build (InputError).
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..types import Problem, SourceDoc
from .decode import NotText, decode
from .html import html_to_text, looks_like_html

SUFFIXES = {".txt", ".md", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
FILE_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
              stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder"}


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
    """Every candidate file under `paths` (hidden files and folders left out), each once, in a stable order.

    A file named on the command line is read whatever its suffix; in folders only .txt, .md, .html, .htm.
    """
    seen: set[str] = set()
    for root in paths:
        for item in _iter_root(Path(root)):
            if isinstance(item, Path):
                key = os.path.abspath(item)
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _iter_root(root: Path) -> Iterator[Path | Problem]:
    if root.is_symlink() and not root.exists():
        yield Problem(str(root), _link_problem(root))
        return
    if not root.exists():
        raise InputError(f"{root}: no such file or folder")
    if not root.is_dir():
        yield root
        return
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, followlinks=True, onerror=errors.append):
        yield from (Problem(str(err.filename), f"cannot list the folder: {err.strerror}") for err in errors)
        errors.clear()
        if _seen_above(Path(folder), root):
            yield Problem(folder, "symbolic link loop (a link to a folder that contains it); folder skipped")
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() not in SUFFIXES or name.startswith("."):
                continue
            if path.is_symlink() and not path.exists():
                yield Problem(str(path), _link_problem(path))
                continue
            yield path
    yield from (Problem(str(err.filename), f"cannot list the folder: {err.strerror}") for err in errors)


def _seen_above(folder: Path, root: Path) -> bool:
    """Whether `folder` is the same folder as one of its ancestors up to `root` (reached through a link)."""
    if folder == root:
        return False
    try:
        here = folder.stat()
        above = [parent.stat() for parent in folder.parents[:len(folder.parents) - len(root.parents)]]
    except OSError:
        return False
    return any((up.st_dev, up.st_ino) == (here.st_dev, here.st_ino) for up in above)


def _link_problem(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
    return f"broken symbolic link (to {os.readlink(path)})"


def read_text(path: Path, max_bytes: int) -> tuple[str, str, str]:
    """(text, encoding, media type) of one file; raises NotText or OSError with the reason.

    The file is opened without blocking (a named pipe must not hang the build) and its kind and size
    are checked before anything is read, so a huge file costs no memory."""
    data = _read_bytes(path, max_bytes)
    if not data:
        raise NotText("empty file")
    text, encoding = decode(data)
    if not text.strip():
        raise NotText("no text (only whitespace)")
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text = html_to_text(text)
        if not text.strip():
            raise NotText("no text outside the markup")
        return text, encoding, "text/html"
    return text, encoding, "text/plain"


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        kind = FILE_KINDS.get(stat.S_IFMT(info.st_mode))
        if kind:
            raise NotText(f"not a regular file ({kind})")
        if info.st_size > max_bytes:
            raise NotText(f"{info.st_size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise NotText(f"over the limit of {max_bytes:,} bytes (raise it with --max-bytes)")
    return data


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
    entries.sort(key=lambda entry: (entry.doc_id, str(entry.paths[0]), entry.content_hash))
    _disambiguate(entries)
    return Corpus(entries, problems)


def _disambiguate(entries: list[Entry]) -> None:
    """Two different texts under the same file name (in different folders) get distinct ids:
    the first by path keeps the name, the next get "~2", "~3"."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        count = seen.get(entry.doc_id, 0)
        seen[entry.doc_id] = count + 1
        if count:
            entries[index] = Entry(f"{entry.doc_id}~{count + 1}", entry.paths, entry.content_hash, entry.encoding)


def load(entry: Entry, max_bytes: int) -> SourceDoc:
    """The document of `entry`, read again from the first of its files that still holds the scanned text.

    Raises NotText or OSError (the last file's reason) when none does: files deleted or changed mid-build."""
    failure: Exception = NotText("no file")
    for path in entry.paths:
        try:
            text, encoding, media = read_text(path, max_bytes)
        except (NotText, OSError) as err:
            failure = err
            continue
        if content_hash(text) != entry.content_hash:
            failure = NotText("changed since the build started")
            continue
        return SourceDoc(entry.doc_id, text, tuple(str(p) for p in entry.paths), encoding, entry.content_hash, media)
    raise failure


def load_all(entries: Iterable[Entry], max_bytes: int) -> tuple[list[SourceDoc], list[Problem]]:
    """The documents of `entries`, and a Problem for each file that cannot be read any more
    (changed or gone since the scan)."""
    docs, problems = [], []
    for entry in entries:
        try:
            docs.append(load(entry, max_bytes))
        except (OSError, ValueError) as err:
            problems.append(Problem(str(entry.paths[0]), f"cannot read any more: {err}"))
    return docs, problems
