"""RDF syntaxes by name, and atomic file writing.

Turtle and N-Triples hold the union of all graphs (they have no named graphs); TriG,
N-Quads and JSON-LD keep one named graph per document and one shared graph.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from rdflib import Dataset, Graph

PREFIXES = {
    "akg": "https://w3id.org/actorkg/ontology#",
    "actor": "https://w3id.org/actorkg/actor/",
    "place": "https://w3id.org/actorkg/place/",
    "doc": "https://w3id.org/actorkg/doc/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}
JSONLD_CONTEXT = {
    **PREFIXES,
    "label": "skos:prefLabel",
    "altLabel": "skos:altLabel",
    "subject": {"@id": "rdf:subject", "@type": "@id"},
    "predicate": {"@id": "rdf:predicate", "@type": "@id"},
    "object": {"@id": "rdf:object", "@type": "@id"},
    "polarity": "akg:polarity",
    "confidence": "akg:confidence",
    "assertedBy": {"@id": "akg:assertedBy", "@type": "@id"},
    "derivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "text": "nif:anchorOf",
    "begin": "nif:beginIndex",
    "end": "nif:endIndex",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


@dataclass(frozen=True)
class Format:
    name: str
    rdflib_name: str
    suffix: str
    quads: bool
    description: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", "turtle", ".ttl", False, "Turtle: the union of all graphs"),
        Format("trig", "trig", ".trig", True, "TriG: one named graph per document and one shared graph"),
        Format("nt", "nt", ".nt", False, "N-Triples: the union, one triple a line"),
        Format("nq", "nquads", ".nq", True, "N-Quads: one quad a line, named graphs kept"),
        Format("jsonld", "json-ld", ".jsonld", True, "JSON-LD with a readable context, named graphs kept"),
    )
}


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def bind_prefixes(dataset: Dataset) -> Dataset:
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns, replace=True)
    return dataset


def serialize(dataset: Dataset, fmt: str) -> bytes:
    spec = FORMATS[fmt]
    if not spec.quads:
        return union(dataset).serialize(format=spec.rdflib_name, encoding="utf-8")
    bind_prefixes(dataset)
    if spec.name == "jsonld":
        return dataset.serialize(format="json-ld", context=JSONLD_CONTEXT, encoding="utf-8")
    if spec.name == "nq":
        lines = dataset.serialize(format="nquads", encoding="utf-8").splitlines(keepends=True)
        return b"".join(sorted(lines))
    return dataset.serialize(format=spec.rdflib_name, encoding="utf-8")


@contextmanager
def atomic_open(path: Path, mode: str = "wb") -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it over `path`: readers see the
    old file or the new one, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_open(path) as handle:
        handle.write(data)


Writer = Callable[[Path], None]
