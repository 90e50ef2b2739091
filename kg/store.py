"""The RDF store: Oxigraph (through pyoxigraph), persistent in output/store/ or in memory.

This is the only module that imports pyoxigraph. Everything outside it speaks rdflib terms,
the convention of the API (`kg.build` returns an rdflib Dataset); inside, the heavy work
(writing millions of quads, SPARQL over them, serialising them) runs in Oxigraph's Rust code:
on this graph's shape it answers cross-document SPARQL in milliseconds where rdflib's
in-memory engine takes minutes, and serialises an order of magnitude faster.

The data are the named graphs (one per document, one shared). The store's default graph holds
their union, kept up to date as graphs are replaced or dropped: SPARQL without GRAPH reads it,
and sees every distinct triple once, as rdflib's union did (Oxigraph's own "default graph as
union" option repeats a triple once per graph that holds it). Outputs never include it.

Two habits of Oxigraph are undone so that the files written look as the graph was built:

* Oxigraph stores literals of the XSD types derived from xsd:integer (xsd:nonNegativeInteger,
  xsd:int, ...) as xsd:integer (oxigraph/oxigraph#526). The store remembers which predicate
  carried which derived type (store/datatypes.json) and gives it back on the way out.
* Its iteration order depends on the storage back end. Output is written graph by graph (by
  IRI), each graph's triples sorted by their N-Triples text, so the same content gives the
  same bytes whatever the order of insertion or the back end.

Reading a graph back out of RocksDB costs several microseconds a quad, so the build does not:
`replace_graph` returns the graph already serialised (GraphText), the build keeps that beside
the document's result, and graph.ttl and graph.trig are put together from those pieces
(`write_union`, `write_graphs`): an unchanged document costs a file copy, not a serialisation.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import IO, Union

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from .errors import KgError

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"
INTEGER_SUBTYPES = frozenset(XSD + name for name in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int", "short",
    "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
SYNTAXES = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
            "nq": ox.RdfFormat.N_QUADS}
UNION_SYNTAXES = frozenset({"turtle", "nt"})
SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
            ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD}
RDF_FOLDER = "rdf"  # RocksDB's files, inside the store folder
DATATYPES_FILE = "datatypes.json"
BATCH = 20_000
PENDING = 100_000  # quads replace_graph keeps back before a bulk write
FLUSH_EVERY = 150_000  # quads: RocksDB's memory tables would otherwise grow to ~1 GB over a big build
UNION = ox.DefaultGraph()
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal]
OxGraphName = Union[ox.NamedNode, ox.BlankNode]
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class GraphText:
    """One named graph, serialised for the output files: its TriG block; as Turtle, its triples
    about its own nodes (which no other graph describes); as sorted N-Triples lines, its other
    triples, which the union merges with every other graph's."""

    trig: bytes
    own: bytes
    shared: bytes


class StoreError(KgError):
    """The store cannot be opened: locked by another build, or damaged."""


class GraphStore:
    """A dataset of named graphs in Oxigraph, read and written with rdflib terms."""

    def __init__(self, store: ox.Store, folder: Path | None = None, prefixes: dict[str, str] | None = None,
                 writable: bool = True) -> None:
        self._store = store
        self._folder = folder if writable else None  # where to persist what close() keeps
        self.prefixes = prefixes or {}
        self._datatypes: dict[str, str] = {}
        if folder is not None and (folder / DATATYPES_FILE).is_file():
            self._datatypes = json.loads((folder / DATATYPES_FILE).read_text(encoding="utf-8"))
        self._nodes: dict[str, ox.NamedNode] = {}
        self._unflushed = 0
        self._pending: list[str] = []  # N-Quads lines written by replace_graph, not yet in the store (see _ox)
        self._pending_graphs: set[ox.NamedNode] = set()
        self._writer: ThreadPoolExecutor | None = None  # writes them while the build goes on
        self._writing: Future | None = None
        self._writing_graphs: set[ox.NamedNode] = set()
        self._compacting: Future | None = None

    @staticmethod
    def exists(folder: Path) -> bool:
        return (folder / RDF_FOLDER).is_dir()

    @classmethod
    def open(cls, folder: Path, prefixes: dict[str, str] | None = None) -> GraphStore:
        """The persistent store in `folder` (created if missing), for reading and writing."""
        (folder / RDF_FOLDER).mkdir(parents=True, exist_ok=True)
        try:
            return cls(ox.Store(str(folder / RDF_FOLDER)), folder, prefixes)
        except OSError as err:
            raise StoreError(f"cannot open the store in {folder}: {err} (is another kg build writing it?)") from err

    @classmethod
    def open_read_only(cls, folder: Path, prefixes: dict[str, str] | None = None) -> GraphStore:
        """The persistent store in `folder`, readable while a build holds it open for writing."""
        try:
            return cls(ox.Store.read_only(str(folder / RDF_FOLDER)), folder, prefixes, writable=False)
        except OSError as err:
            raise StoreError(f"cannot read the store in {folder}: {err}") from err

    @classmethod
    def memory(cls, prefixes: dict[str, str] | None = None) -> GraphStore:
        return cls(ox.Store(), None, prefixes)

    @classmethod
    def from_file(cls, path: Path, default: str, prefixes: dict[str, str] | None = None) -> GraphStore:
        """A file in a syntax of SUFFIXES in a store in memory; triples outside named graphs go to `default`."""
        store = cls.memory(prefixes)
        target = store._named(default)
        quads = ox.parse(path=str(path), format=SUFFIXES.get(path.suffix, ox.RdfFormat.TRIG))
        store._add(q if not isinstance(q.graph_name, ox.DefaultGraph) else ox.Quad(*q.triple, target) for q in quads)
        store.rebuild_union()
        return store

    # -- writing ------------------------------------------------------------------------------

    def replace_graph(self, name: str, triples: Iterable[Triple], own: str | None = None) -> GraphText:
        """Make the named graph `name` hold exactly `triples`, and the union follow; return the
        graph serialised. `own`: the IRI of the node the graph is about (a document): it and the
        IRIs under it (`own#...`) are described in this graph only."""
        graph = self._named(name)
        lines = sorted((str(t), t) for t in dict.fromkeys(
            ox.Triple(self._term(s), self._term(p), self._term(o)) for s, p, o in triples))
        unique = [triple for _, triple in lines]
        old = set()
        if graph in self._pending_graphs or graph in self._writing_graphs or self._store.contains_named_graph(graph):
            store = self._ox  # an older version: written out first, then taken out
            old = {quad.triple for quad in store.quads_for_pattern(None, None, None, graph)}
            store.remove_graph(graph)
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in unique):
            self._add(ox.Quad(*t, g) for t in unique for g in (graph, UNION))  # the bulk loader renames them
        else:
            for triple in unique:
                obj = triple.object
                if isinstance(obj, ox.Literal) and obj.datatype.value in INTEGER_SUBTYPES:
                    self._datatypes[triple.predicate.value] = obj.datatype.value
            self._pending.extend(f"{text} {graph} .\n{text} .\n" for text, _ in lines)
            self._pending_graphs.add(graph)
        if old:
            self._unshare(old.difference(unique))
        if len(self._pending) >= PENDING // 2:  # lines of two quads
            self._write_pending()
        return self._text(graph, lines, own)

    @property
    def _ox(self) -> ox.Store:
        """The Oxigraph store, once the quads that replace_graph keeps back are in it. It keeps
        them back to write many graphs at once with Oxigraph's bulk loader: it writes sorted files
        straight to disk, ~3x faster than a transaction per graph, and leaves no memory tables to
        grow. The loader reads N-Quads text in a thread of its own, without holding the GIL, so
        the build goes on meanwhile. Not atomic, which a build does not need: index.json, written
        last, is what says a document is in the store, and a build that did not finish is mended
        by the next one."""
        if self._pending:
            self._write_pending()
        self._wait()
        return self._store

    def _write_pending(self) -> None:
        data = "".join(self._pending).encode("utf-8")
        self._wait()
        self._writing = self._thread().submit(self._store.bulk_load, data, format=ox.RdfFormat.N_QUADS)
        self._writing_graphs = self._pending_graphs
        self._pending = []
        self._pending_graphs = set()

    def _thread(self) -> ThreadPoolExecutor:
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1)
        return self._writer

    def _wait(self) -> None:
        """Until the write under way (if any) is done; its error, if it failed, is raised here."""
        if self._writing is not None:
            writing, self._writing, self._writing_graphs = self._writing, None, set()
            writing.result()

    def _text(self, graph: ox.NamedNode, lines: list[tuple[str, ox.Triple]], own: str | None) -> GraphText:
        """`lines`: the graph's triples with their N-Triples text, in order."""
        inside = own + "#" if own else None
        mine, others = [], []
        for text, triple in lines:
            subject = triple.subject.value
            if own and (subject == own or subject.startswith(inside)):
                mine.append(triple)
            else:
                others.append(text)
        trig = ox.serialize((ox.Quad(*t, graph) for _, t in lines), format=ox.RdfFormat.TRIG, prefixes=self.prefixes)
        turtle = ox.serialize(mine, format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)
        shared = "".join(f"{text} .\n" for text in others).encode("utf-8")
        return GraphText(_body(trig), _body(turtle), shared)

    def drop_graph(self, name: str) -> None:
        graph = self._named(name)
        old = {quad.triple for quad in self._ox.quads_for_pattern(None, None, None, graph)}
        self._ox.remove_graph(graph)
        self._unshare(old)

    def rebuild_union(self) -> None:
        """Make the union again from the named graphs (after a build that did not finish)."""
        self._ox.clear_graph(UNION)
        for graph in self._graphs():
            triples = [quad.triple for quad in self._ox.quads_for_pattern(None, None, None, graph)]
            for start in range(0, len(triples), BATCH):
                self._ox.extend(ox.Quad(*t, UNION) for t in triples[start:start + BATCH])
                self._written(min(BATCH, len(triples) - start))

    def bulk_load(self, path: Path) -> None:
        """Load a big N-Quads file, its union included, fast (no transaction: for generated data)."""
        self._ox.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)

    def compact(self, background: bool = False) -> None:
        """Merge RocksDB's files (each bulk write adds some): a lookup then reads one file, not
        several; on a million claims that halves the time of the named queries. `background`:
        return at once and compact in the writer's thread (Oxigraph does it without the GIL)
        while this one goes on, reading the store if it likes; close() waits for it."""
        store = self._ox
        if background:
            self._compacting = self._thread().submit(store.optimize)
        else:
            store.optimize()

    def close(self) -> None:
        """Persist what must outlive this process: the datatypes to give back, RocksDB's buffers."""
        store = self._ox
        if self._compacting is not None:
            compacting, self._compacting = self._compacting, None
            compacting.result()
        if self._writer is not None:
            self._writer.shutdown()
            self._writer = None
        if self._folder is None:
            return
        store.flush()
        path = self._folder / DATATYPES_FILE
        data = json.dumps(self._datatypes, indent=1, sort_keys=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != data:
            path.write_text(data, encoding="utf-8")

    def _written(self, quads: int) -> None:
        """Write RocksDB's memory tables out now and then, so that memory stays flat."""
        self._unflushed += quads
        if self._unflushed >= FLUSH_EVERY and self._folder is not None:
            self._ox.flush()
            self._unflushed = 0

    def _add(self, quads: Iterable[ox.Quad]) -> None:
        batch = []
        for quad in quads:
            obj = quad.object
            if isinstance(obj, ox.Literal) and obj.datatype.value in INTEGER_SUBTYPES:
                self._datatypes[quad.predicate.value] = obj.datatype.value
            batch.append(quad)
            if len(batch) >= BATCH:
                self._ox.extend(batch)
                batch = []
        self._ox.extend(batch)

    def _unshare(self, triples: Iterable[ox.Triple]) -> None:
        """Take out of the union the `triples` that no named graph holds any more."""
        for triple in triples:
            if not any(not isinstance(q.graph_name, ox.DefaultGraph) for q in self._ox.quads_for_pattern(*triple)):
                self._ox.remove(ox.Quad(*triple, UNION))

    def _named(self, iri: str) -> ox.NamedNode:
        node = self._nodes.get(iri)
        if node is None:
            node = self._nodes[iri] = ox.NamedNode(iri)
        return node

    def _term(self, term: Node) -> OxTerm:
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=self._named(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        return ox.NamedNode(str(term))

    # -- reading ------------------------------------------------------------------------------

    def graph_names(self) -> set[str]:
        return {g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode)}

    def has_graph(self, name: str) -> bool:
        return self._ox.contains_named_graph(self._named(name))

    def write(self, handle: IO[bytes], syntax: str) -> None:
        """Serialise the store: Turtle and N-Triples get the union (every distinct triple once),
        TriG and N-Quads every named graph; in a fixed order (see the module's docstring)."""
        items: Iterable[ox.Triple | ox.Quad] = self._union() if syntax in UNION_SYNTAXES else self._quads()
        ox.serialize(items, handle, SYNTAXES[syntax], prefixes=self.prefixes)

    def to_dataset(self) -> Dataset:
        """The named graphs as an rdflib Dataset (for pySHACL, JSON-LD and the Python API)."""
        dataset = Dataset()
        for graph in self._graphs():
            target = dataset.graph(_rdflib(graph))
            for quad in self._sorted(graph):
                target.add(_rdflib_triple(self._restore(quad)))
        return dataset

    def view(self, roots: Iterable[Node], predicates: Iterable[Node]) -> list[Triple]:
        """What a reader sees of the union when it starts from the nodes of the classes `roots` and
        follows only `predicates`: their triples about those nodes and every node they lead to.
        (For graph.html: of the sentences, only those that claims come from, a small part of the corpus.)"""
        wanted = {self._term(p) for p in predicates}
        queue = [quad.subject for root in roots
                 for quad in self._ox.quads_for_pattern(None, RDF_TYPE, self._term(root), UNION)]
        seen = set(queue)
        triples = []
        while queue:
            for quad in self._ox.quads_for_pattern(queue.pop(), None, None, UNION):
                if quad.predicate not in wanted:
                    continue
                triples.append(_rdflib_triple(self._restore(quad)))
                if isinstance(quad.object, ox.NamedNode) and quad.object not in seen:
                    seen.add(quad.object)
                    queue.append(quad.object)
        return triples

    def select(self, sparql: str) -> tuple[list[str], list[list[object]]]:
        """Run a SPARQL query (without GRAPH, over the union): columns and rows of rdflib terms
        (None where unbound); ASK gives [[bool]], CONSTRUCT and DESCRIBE their triples, sorted."""
        result = self._ox.query(sparql)
        if isinstance(result, ox.QueryBoolean):
            return ["ask"], [[bool(result)]]
        if isinstance(result, ox.QueryTriples):
            rows = sorted((list(_rdflib_triple(t)) for t in result), key=lambda row: [term.n3() for term in row])
            return ["subject", "predicate", "object"], rows
        columns = [v.value for v in result.variables]
        terms: dict[OxTerm, Node] = {}  # rows repeat their values (a relation, a label): convert each once
        rows = []
        for row in result:
            out: list[object] = []
            for value in row:
                if value is not None and (term := terms.get(value)) is None:
                    term = terms[value] = _rdflib(value)
                out.append(None if value is None else term)
            rows.append(out)
        return columns, rows

    def _graphs(self) -> list[OxGraphName]:
        return sorted(self._ox.named_graphs(), key=lambda g: (isinstance(g, ox.BlankNode), g.value))

    def _sorted(self, graph: OxGraphName) -> list[ox.Quad]:
        return sorted(self._ox.quads_for_pattern(None, None, None, graph), key=lambda q: str(q.triple))

    def _quads(self) -> Iterator[ox.Quad]:
        for graph in self._graphs():
            for quad in self._sorted(graph):
                yield self._restore(quad)

    def _union(self) -> Iterator[ox.Triple]:
        """Every distinct triple once: with the first graph (in output order) that holds it.
        Only subjects found in more than one graph need the per-triple check."""
        order: dict[object, int] = {graph: rank for rank, graph in enumerate(self._graphs())}
        order[UNION] = len(order)
        shared: set[OxTerm] = set()
        for graph, rank in order.items():
            if graph == UNION:
                continue
            for subject, group in groupby(self._sorted(graph), key=lambda q: q.subject):
                if subject in shared or self._elsewhere(subject, graph):
                    shared.add(subject)
                    group = (q for q in group if rank == min(
                        order[o.graph_name] for o in self._ox.quads_for_pattern(*q.triple)))
                for quad in group:
                    yield self._restore(quad).triple

    def _elsewhere(self, subject: OxTerm, graph: OxGraphName) -> bool:
        return any(q.graph_name != graph and q.graph_name != UNION
                   for q in self._ox.quads_for_pattern(subject, None, None))

    def _restore(self, quad: ox.Quad) -> ox.Quad:
        obj = quad.object
        if isinstance(obj, ox.Literal) and obj.datatype.value == XSD_INTEGER:
            datatype = self._datatypes.get(quad.predicate.value)
            if datatype:
                return ox.Quad(quad.subject, quad.predicate, ox.Literal(obj.value, datatype=self._named(datatype)),
                               quad.graph_name)
        return quad


def _rdflib_triple(item: ox.Quad | ox.Triple) -> Triple:
    return _rdflib(item.subject), _rdflib(item.predicate), _rdflib(item.object)


def _rdflib(term: OxTerm | OxGraphName) -> Node:
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return URIRef(term.value)


def write_graphs(handle: IO[bytes], texts: Iterable[GraphText], prefixes: dict[str, str]) -> None:
    """TriG: the prefixes, then each graph's block, in the order given (by graph IRI)."""
    handle.write(_header(prefixes, ox.RdfFormat.TRIG))
    for text in texts:
        handle.write(text.trig)


def write_union(handle: IO[bytes], texts: Iterable[GraphText], prefixes: dict[str, str]) -> None:
    """Turtle, every distinct triple once: each graph's own triples, then the shared ones, merged."""
    handle.write(_header(prefixes, ox.RdfFormat.TURTLE))
    shared: set[bytes] = set()
    for text in texts:
        handle.write(text.own)
        shared.update(text.shared.splitlines(keepends=True))
    triples = ox.parse(b"".join(sorted(shared)), format=ox.RdfFormat.N_TRIPLES)
    handle.write(_body(ox.serialize((quad.triple for quad in triples), format=ox.RdfFormat.TURTLE, prefixes=prefixes)))


def _header(prefixes: dict[str, str], syntax: ox.RdfFormat) -> bytes:
    example = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o"))
    item = example if syntax == ox.RdfFormat.TURTLE else ox.Quad(*example, ox.NamedNode("urn:x:g"))
    data = ox.serialize([item], format=syntax, prefixes=prefixes)
    return data[:len(data) - len(_body(data))]


def _body(data: bytes) -> bytes:
    """Serialised data without its @prefix lines (they come first, all of them)."""
    start = 0
    while data.startswith(b"@prefix ", start):
        start = data.index(b"\n", start) + 1
    return data[start:]

