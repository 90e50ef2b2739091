"""RDF syntaxes by name, and atomic file writing.

Turtle and N-Triples hold the union of all graphs (they have no named graphs); TriG,
N-Quads and JSON-LD keep one named graph per document and one shared graph. All but JSON-LD
are written by Oxigraph (kg/store.py), in a fixed order; JSON-LD by rdflib, whose compaction
gives it a readable context.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from rdflib import Dataset, Graph

from ..store import GraphStore

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
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
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


def write_graph(store: GraphStore, handle: IO[bytes], fmt: str) -> None:
    if FORMATS[fmt].name == "jsonld":
        dataset = bind_prefixes(store.to_dataset())
        handle.write(dataset.serialize(format="json-ld", context=JSONLD_CONTEXT, encoding="utf-8"))
    else:
        store.write(handle, fmt)


STAGE_PREFIX = ".staging-"


@contextmanager
def atomic_open(path: Path, mode: str = "wb", durable: bool = True) -> Iterator[IO]:
    """Write to a temporary file beside `path`, then rename it over `path`: readers see the
    old file or the new one, never a half-written one. The file gets the usual permissions
    (0666 less the umask), not the private ones of a temporary file. `durable`: on disk before
    the rename (fsync); a cache that can be made again skips that."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, mode) as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_open(path) as handle:
        handle.write(data)


@contextmanager
def staged(folder: Path) -> Iterator[Path]:
    """A hidden folder inside `folder` to write a set of files into. When the block ends without
    an error, each file is renamed over its namesake in `folder`; until then `folder` keeps the
    previous set whole, and a process killed midway leaves only the hidden folder, which the next
    call removes. The renames follow each other at once, so the sets never mix over a build."""
    folder.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_stages(folder)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=folder))
    try:
        yield stage
        names = sorted(path.name for path in stage.iterdir())
        _fsync(stage)
        for name in names:
            os.replace(stage / name, folder / name)
        _fsync(folder)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _remove_abandoned_stages(folder: Path) -> None:
    """Staging folders of processes that no longer run (killed during a build)."""
    for stage in folder.glob(f"{STAGE_PREFIX}*"):
        pid = stage.name[len(STAGE_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(stage, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    return True


def _fsync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


Writer = Callable[[Path], None]
