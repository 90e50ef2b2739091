"""The built graph one named graph at a time, in the bytes `kg export --format nq` writes.

The store streams N-Quads graph by graph (graphs sorted by IRI, each graph's triples sorted:
kg/store.py); `each_graph` cuts that stream where the graph changes and hands over each
graph as soon as it is complete. So a shard file or an HTTP request gets exactly the lines of
the export, one graph is in memory at a time, and the same graph always gives the same bytes
(and digest), whatever the build that made it.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from ..outputs.serialize import write_graph
from ..store import GraphStore

TERMINATOR = b" .\n"


@dataclass(frozen=True)
class NamedGraph:
    iri: str
    lines: tuple[bytes, ...]  # N-Quads lines, each ending in " <graph> .\n"

    @property
    def quads(self) -> bytes:
        return b"".join(self.lines)

    @property
    def triples(self) -> bytes:
        """The graph as N-Triples: each line without its graph name."""
        return b"".join(line[:-len(TERMINATOR)].rsplit(b" ", 1)[0] + TERMINATOR for line in self.lines)

    @property
    def digest(self) -> str:
        return "sha256:" + hashlib.sha256(self.quads).hexdigest()


def each_graph(store: GraphStore, on_graph: Callable[[NamedGraph], None]) -> None:
    """Call `on_graph` with every named graph of `store`, in IRI order; an error it raises stops the walk."""
    splitter = _Splitter(on_graph)
    write_graph(store, splitter, "nq")  # type: ignore[arg-type]  (a binary file: write and flush)
    splitter.close()


class _Splitter:
    """A binary file that collects N-Quads lines and hands over each graph once the next begins."""

    def __init__(self, on_graph: Callable[[NamedGraph], None]) -> None:
        self._on_graph = on_graph
        self._rest = b""
        self._iri: bytes | None = None
        self._lines: list[bytes] = []
        self._failed = False

    def write(self, data: bytes) -> int:
        if self._failed:  # the serialiser flushes once more after an error: nothing more to do
            return len(data)
        *lines, self._rest = (self._rest + bytes(data)).split(b"\n")
        for line in lines:
            if line:
                self._add(line + b"\n")
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: graphs are handed over whole."""

    def close(self) -> None:
        if self._rest:
            self._add(self._rest + b"\n")
            self._rest = b""
        self._emit()

    def _add(self, line: bytes) -> None:
        iri = line[:-len(TERMINATOR)].rsplit(b" ", 1)[1]
        if iri != self._iri:
            self._emit()
            self._iri = iri
        self._lines.append(line)

    def _emit(self) -> None:
        if self._iri is None or not self._lines:
            return
        graph = NamedGraph(self._iri.decode("utf-8").strip("<>"), tuple(self._lines))
        self._lines = []
        try:
            self._on_graph(graph)
        except BaseException:
            self._failed = True
            raise
