"""Deterministic IRIs: the same input always names the same nodes."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import URIRef

from .namespaces import ACTOR, BASE, DOC, GRAPH, PLACE

SHARED_GRAPH = GRAPH["shared"]
POPULATION = BASE + "population/"


def _safe(text: str) -> str:
    return quote(text, safe="._-~")


def doc_iri(doc_id: str) -> URIRef:
    return DOC[_safe(doc_id)]


def doc_graph(doc_id: str) -> URIRef:
    return GRAPH[_safe(doc_id)]


def graph_document(graph: str) -> str | None:
    """The document IRI that a document's graph IRI stands for (doc_graph's inverse); None for others."""
    if graph == str(SHARED_GRAPH) or not graph.startswith(str(GRAPH)):
        return None
    return str(DOC) + graph[len(str(GRAPH)):]


def context_iri(doc_id: str) -> URIRef:
    return URIRef(f"{doc_iri(doc_id)}#context")


def sentence_iri(doc_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{doc_iri(doc_id)}#char={start},{end}")


def commenter_iri(doc_id: str, index: int) -> URIRef:
    return URIRef(f"{doc_iri(doc_id)}#commenter-{index}")


def digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def claim_iri(doc_id: str, *parts: object) -> URIRef:
    return URIRef(f"{doc_iri(doc_id)}#claim-{digest(*parts)}")


def statement_iri(subject: str, relation: str, obj: str) -> URIRef:
    """The node every claim of the same subject, relation and object points to, in any document."""
    return URIRef(f"{BASE}statement/{digest(subject, relation, obj)}")


def node_iri(doc_id: str, kind: str, *parts: object) -> URIRef:
    return URIRef(f"{doc_iri(doc_id)}#{kind}-{digest(*parts)}")


def entity_iri(key: str) -> URIRef:
    """Actors are `actor/<key>`; targets `place/<key>` and `population/<key>`."""
    if key.startswith("place:"):
        return PLACE[_safe(key[len("place:"):])]
    if key.startswith("population:"):
        return URIRef(POPULATION + _safe(key[len("population:"):]))
    return ACTOR[_safe(key)]
