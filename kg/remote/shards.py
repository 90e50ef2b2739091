"""`kg export --format nq --shards DIR`: the graph as gzip-compressed N-Quads for bulk loaders.

    DIR/part-00000.nq.gz ...  the named graphs, in IRI order, `size` graphs a file (a document's
                              graph is never split; the shared graph is one of them)
    DIR/default.nq.gz         the union of all graphs as triples of the default graph

Bulk loaders (`oxigraph load`, Jena's `tdb2.tdbloader`, QLever's index builder, Virtuoso's
`ld_dir`) take these files as they are, several at once. Load default.nq.gz too into a store
whose default graph is a graph of its own (Oxigraph, Jena TDB2), so that queries without GRAPH
see everything, as they do locally; leave it out where the default graph already is the union
of the named graphs (Virtuoso, QLever, GraphDB, Blazegraph in quads mode).

The same graph gives the same bytes: lines as `kg export --format nq` writes them, gzip
without a file name or time stamp. Files of an earlier export that this one does not write
are removed.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..outputs.serialize import atomic_open, staged, write_graph
from ..store import GraphStore
from .graphs import NamedGraph, each_graph

PART = "part-{:05d}.nq.gz"
PART_GLOB = "part-*.nq.gz"
DEFAULT_FILE = "default.nq.gz"
DEFAULT_SIZE = 1000


@dataclass
class ShardReport:
    folder: Path
    graphs: int = 0
    files: list[str] = field(default_factory=list)


def export_shards(output: Path, fmt: str, folder: Path, size: int = DEFAULT_SIZE) -> ShardReport:
    """`kg export --format nq --shards FOLDER` of the graph built in `output`."""
    from ..api import open_graph

    if fmt != "nq":
        raise InputError(f"--shards writes N-Quads: give --format nq (not {fmt})")
    if size < 1:
        raise InputError("--shard-size is at least 1")
    return write_shards(open_graph(output), folder, size)


def write_shards(store: GraphStore, folder: Path, size: int = DEFAULT_SIZE) -> ShardReport:
    report = ShardReport(folder)
    with staged(folder) as stage:
        writer = _PartWriter(stage, size, report)
        try:
            each_graph(store, writer.add)
        finally:
            writer.close()
        with atomic_open(stage / DEFAULT_FILE) as raw, _gzip(raw) as handle:
            write_graph(store, handle, "nt")
        report.files.append(DEFAULT_FILE)
    for stale in set(p.name for p in folder.glob(PART_GLOB)) - set(report.files):
        (folder / stale).unlink(missing_ok=True)
    return report


class _PartWriter:
    """Graphs into part files, `size` graphs each."""

    def __init__(self, stage: Path, size: int, report: ShardReport) -> None:
        self._stage, self._size, self._report = stage, size, report
        self._raw: IO[bytes] | None = None
        self._handle: gzip.GzipFile | None = None
        self._in_part = 0

    def add(self, graph: NamedGraph) -> None:
        if self._handle is None or self._in_part == self._size:
            self.close()
            name = PART.format(len(self._report.files))
            self._raw = open(self._stage / name, "wb")  # noqa: SIM115 (closed in close())
            self._handle = _gzip(self._raw)
            self._report.files.append(name)
            self._in_part = 0
        self._handle.write(graph.quads)
        self._in_part += 1
        self._report.graphs += 1

    def close(self) -> None:
        if self._handle is not None and self._raw is not None:
            self._handle.close()
            self._raw.close()
        self._handle = self._raw = None


def _gzip(raw: IO[bytes]) -> gzip.GzipFile:
    """Deterministic gzip: no file name, no time stamp."""
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
