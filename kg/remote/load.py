"""`kg load --endpoint URL`: the built graph into a SPARQL 1.1 store, one named graph at a time.

Each named graph (one per document, and the shared graph) goes to the store with the Graph
Store HTTP Protocol, `PUT <graph store>?graph=<IRI>` with the graph as N-Triples, so loading
again replaces it; graphs of documents that left the corpus are deleted (`DELETE ?graph=`).

Incremental: a manifest graph in the store itself (MANIFEST) records the digest of every graph
loaded (sha256 of its N-Quads, kg/remote/graphs.py), so whoever loads next, from wherever,
knows what the store holds. A graph whose digest is the recorded one is not sent again. A
graph's entry is written after the graph: a load that stops (a refused request, Ctrl-C) leaves
each graph either loaded and recorded or recorded with its old digest, and the next run sends
again every graph whose digest differs.

The default graph. Locally, a query without GRAPH sees the union of all graphs. In Virtuoso,
QLever, GraphDB, RDF4J or Blazegraph (quads mode) the default graph already is the union of the
named graphs (`--union store`: only the named graphs are written). In Jena (Fuseki, TDB2) and
Oxigraph it is a graph of its own, which `kg load` keeps equal to the union of the graphs it
loaded (`--union copy`, the default) with SPARQL 1.1 Update: before a graph is replaced or
deleted, the triples of it that no other graph holds leave the default graph; after it is
loaded, `ADD <graph> TO DEFAULT`.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..api import open_graph
from ..errors import InputError
from .client import Http, RemoteError
from .graphs import NamedGraph, each_graph
from .sparql import query

MANIFEST = "https://w3id.org/actorkg/load/manifest"
DIGEST = "https://w3id.org/actorkg/load/digest"
UNION_MODES = ("copy", "store")
IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')

READ_MANIFEST = f"SELECT ?graph ?digest WHERE {{ GRAPH <{MANIFEST}> {{ ?graph <{DIGEST}> ?digest }} }}"


def unshare(graph: str) -> str:
    """Take out of the default graph the triples of `graph` that no other graph holds."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{\n  GRAPH <{graph}> {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }}\n}}")


def forget(graph: str) -> str:
    return f"DELETE WHERE {{ GRAPH <{MANIFEST}> {{ <{graph}> <{DIGEST}> ?digest }} }}"


def record(graph: str, digest: str) -> str:
    return forget(graph) + f' ;\nINSERT DATA {{ GRAPH <{MANIFEST}> {{ <{graph}> <{DIGEST}> "{digest}" }} }}'


@dataclass(frozen=True)
class Target:
    """Where a store answers: its query endpoint, Graph Store Protocol and update endpoints."""

    query: str
    graph_store: str
    update: str
    union: str = "copy"

    @classmethod
    def of(cls, endpoint: str, graph_store: str | None = None, update: str | None = None,
           union: str = "copy") -> Target:
        """Missing URLs derived from the query endpoint as Oxigraph names them (/query, /store, /update)."""
        if union not in UNION_MODES:
            raise InputError(f"--union is one of {', '.join(UNION_MODES)}, not {union!r}")
        base = endpoint[:-len("/query")] if endpoint.endswith("/query") else None
        if graph_store is None and base is None:
            raise InputError(f"give --graph-store: the Graph Store Protocol URL of the store at {endpoint} "
                             "(Fuseki: http://HOST:3030/DATASET/data)")
        if update is None and base is None:
            raise InputError(f"give --update: the SPARQL Update URL of the store at {endpoint}")
        return cls(endpoint, graph_store or f"{base}/store", update or f"{base}/update", union)


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    seconds: float = 0.0


def load(output: Path, target: Target, client: Http) -> LoadReport:
    """Bring the store at `target` in line with the graph built in `output`."""
    started = time.perf_counter()
    store = open_graph(output)
    loader = _Loader(target, client)
    recorded = loader.manifest()
    report = LoadReport()

    def send(graph: NamedGraph) -> None:
        if recorded.get(graph.iri) == graph.digest:
            report.unchanged += 1
            return
        loader.put(graph)
        report.loaded.append(graph.iri)

    each_graph(store, send)
    for iri in sorted(set(recorded) - store.graph_names()):
        loader.delete(iri)
        report.deleted.append(iri)
    report.seconds = time.perf_counter() - started
    return report


class _Loader:
    def __init__(self, target: Target, client: Http) -> None:
        self.target = target
        self.client = client

    def manifest(self) -> dict[str, str]:
        """Graph IRI -> digest of every graph recorded in the store's manifest."""
        table = query(self.target.query, READ_MANIFEST, self.client)
        return {str(graph): str(digest) for graph, digest in table.rows}

    def put(self, graph: NamedGraph) -> None:
        iri = _checked(graph.iri)
        if self.target.union == "copy":
            self._update(unshare(iri), iri)
        url = self._graph_url(iri)
        answer = self.client.request("PUT", url, f"PUT graph <{iri}>", data=graph.triples,
                                     headers={"Content-Type": "application/n-triples"}, accept_status=(404,))
        if answer.status == 404:
            raise RemoteError(f"PUT graph <{iri}>: {url} answered 404: no Graph Store Protocol there; give "
                              "--graph-store (Fuseki: http://HOST:3030/DATASET/data)")
        add = f"ADD <{iri}> TO DEFAULT ;\n" if self.target.union == "copy" else ""
        self._update(add + record(iri, graph.digest), iri)

    def delete(self, iri: str) -> None:
        _checked(iri)
        if self.target.union == "copy":
            self._update(unshare(iri), iri)
        self.client.request("DELETE", self._graph_url(iri), f"DELETE graph <{iri}>", accept_status=(404,))
        self._update(forget(iri), iri)

    def _update(self, text: str, iri: str) -> None:
        answer = self.client.request("POST", self.target.update, f"update for graph <{iri}>",
                                     data=text.encode("utf-8"), headers={"Content-Type": "application/sparql-update"},
                                     accept_status=(404,))
        if answer.status == 404:
            raise RemoteError(f"update for graph <{iri}>: {self.target.update} answered 404: no SPARQL Update there; "
                              "give --update (Fuseki: http://HOST:3030/DATASET/update)")

    def _graph_url(self, iri: str) -> str:
        joiner = "&" if "?" in self.target.graph_store else "?"
        return f"{self.target.graph_store}{joiner}graph={quote(iri, safe='')}"


def _checked(iri: str) -> str:
    """An IRI that can stand between < and > in a SPARQL request as it is."""
    if IRI_UNSAFE.search(iri):
        raise InputError(f"graph name {iri!r} cannot be written in SPARQL without escaping")
    return iri
