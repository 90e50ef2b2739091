"""What a rebuild can reuse: per-document results kept beside the store, keyed by content.

    output/store/
      rdf/              the Oxigraph store (kg/store.py): one named graph per document + the shared graph
      docs/<key>.json   one document's DocResult, as JSON
      docs/<key>.trig   its named graph serialised (.ttl, .nt: its parts of the union; see GraphText)
      shared.*          the same for the shared graph
      index.json        the pipeline fingerprint; per document: content hash, files, key, counts

A document's result is reused when its content hash and the pipeline fingerprint are those it
was made with. The fingerprint covers everything that can change a result or its triples: the
spaCy model and its version, every file of the ontology, and the source of the kg package (so
that an edited rule or relation lexicon, or edited code, re-analyses everything, and nothing
else does). index.json is written last: after a crash, the next build re-does what the crashed
one had not recorded, and the store's union is made again (.building marks a build under way).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from .ingest.read import Entry
from .outputs.serialize import atomic_open
from .settings import Settings
from .store import GraphText
from .types import DocResult

INDEX_FILE = "index.json"
DOCS_FOLDER = "docs"
BUILDING_FILE = ".building"  # from when a build starts changing the store until its output files are written
INDEX_FORMAT = 2
SHARED_KEY = "shared"
TEXT_SUFFIXES = (".trig", ".ttl", ".nt")  # GraphText's trig, own, shared


def pipeline_fingerprint(settings: Settings) -> str:
    digest = hashlib.sha256()
    digest.update(_model_id(settings.model).encode("utf-8"))
    digest.update(_version("actor-kg").encode("utf-8"))
    package = Path(__file__).resolve().parent
    for root, pattern in ((settings.ontology, "*"), (package, "*.py")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _model_id(model: str) -> str:
    meta = Path(model) / "meta.json"
    if meta.is_file():
        return meta.read_text(encoding="utf-8")
    return f"{model}=={_version(model)}"


def _version(distribution: str) -> str:
    for name in (distribution, distribution.replace("_", "-")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


@dataclass
class Plan:
    """The documents of a build, by what they need. `changed`: the shared graph and the output
    files must be made again."""

    fresh: list[Entry] = field(default_factory=list)  # through the NLP pipeline
    regraph: list[Entry] = field(default_factory=list)  # result reusable, its named graph must be rewritten
    reused: list[Entry] = field(default_factory=list)  # nothing to do
    removed: list[str] = field(default_factory=list)  # doc ids of the last build that are gone
    changed: bool = False


class ResultCache:
    """The per-document results of the last build in a store folder."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        index = _read_json(folder / INDEX_FILE) or {}
        self.valid = index.get("format") == INDEX_FORMAT and index.get("fingerprint") == fingerprint
        self.records: dict[str, dict[str, Any]] = dict(index.get("documents", {})) if self.valid else {}
        self.actors: int = int(index.get("actors", 0)) if self.valid else 0

    def plan(self, entries: Iterable[Entry], has_graph: Any) -> Plan:
        """Sort `entries` by the work they need; `has_graph(doc_id)` tells whether the store holds its graph."""
        plan = Plan(changed=not self.valid)
        wanted = set()
        for entry in entries:
            wanted.add(entry.doc_id)
            record = self.records.get(entry.doc_id)
            if record is None or record["hash"] != entry.content_hash or not self._path(record["key"], ".json").is_file():
                plan.fresh.append(entry)
            elif record["sources"] != [str(p) for p in entry.paths] or record["encoding"] != entry.encoding:
                plan.regraph.append(entry)
            elif not has_graph(entry.doc_id) or not all(self._path(record["key"], x).is_file() for x in TEXT_SUFFIXES):
                plan.regraph.append(entry)
            else:
                plan.reused.append(entry)
        plan.removed = sorted(set(self.records) - wanted)
        plan.changed = plan.changed or bool(plan.fresh or plan.regraph or plan.removed)
        return plan

    def load(self, entry: Entry) -> DocResult:
        """The stored result of `entry`, with the files and encoding it has now."""
        record = self.records[entry.doc_id]
        result = DocResult.from_json(json.loads(self._path(record["key"], ".json").read_text(encoding="utf-8")))
        sources = tuple(str(p) for p in entry.paths)
        if result.doc.sources != sources or result.doc.encoding != entry.encoding:
            result = replace(result, doc=replace(result.doc, sources=sources, encoding=entry.encoding))
        return result

    def put(self, result: DocResult, text: GraphText) -> None:
        """Keep a document's result and its serialised graph."""
        doc = result.doc
        key = hashlib.sha1(doc.doc_id.encode("utf-8")).hexdigest()[:20]
        _write(self._path(key, ".json"), json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":")))
        self._put_text(key, text)
        claims: dict[str, int] = {}
        for claim in result.claims:
            claims[claim.relation] = claims.get(claim.relation, 0) + 1
        self.records[doc.doc_id] = {
            "hash": doc.content_hash, "sources": list(doc.sources), "encoding": doc.encoding, "key": key,
            "sentences": len(result.sentences), "tokens": result.tokens, "claims": claims,
        }

    def put_shared(self, text: GraphText) -> None:
        self._put_text(SHARED_KEY, text)

    def text(self, doc_id: str | None) -> GraphText:
        """The serialised graph of a document (None: the shared graph)."""
        key = SHARED_KEY if doc_id is None else self.records[doc_id]["key"]
        return GraphText(*(self._path(key, suffix).read_bytes() for suffix in TEXT_SUFFIXES))

    def has_shared_text(self) -> bool:
        return all(self._path(SHARED_KEY, suffix).is_file() for suffix in TEXT_SUFFIXES)

    def _put_text(self, key: str, text: GraphText) -> None:
        for suffix, data in zip(TEXT_SUFFIXES, (text.trig, text.own, text.shared)):
            _write_bytes(self._path(key, suffix), data)

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / (key + suffix) if key == SHARED_KEY else self.folder / DOCS_FOLDER / (key + suffix)

    def forget(self, doc_id: str) -> None:
        record = self.records.pop(doc_id, None)
        if record is not None:
            for suffix in (".json", *TEXT_SUFFIXES):
                self._path(record["key"], suffix).unlink(missing_ok=True)

    def begin(self) -> bool:
        """Mark the store as being changed; whether the last build that changed it did not finish."""
        marker = self.folder / BUILDING_FILE
        unfinished = marker.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        marker.touch()
        return unfinished

    def commit(self, actors: int) -> None:
        """Record the build: index.json, then remove result files that no document refers to."""
        self.actors = actors
        index = {"format": INDEX_FORMAT, "fingerprint": self.fingerprint, "actors": actors,
                 "documents": dict(sorted(self.records.items()))}
        _write(self.folder / INDEX_FILE, json.dumps(index, ensure_ascii=False, indent=1))
        self.valid = True
        kept = {record["key"] for record in self.records.values()}
        folder = self.folder / DOCS_FOLDER
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name.split(".", 1)[0] not in kept:
                    path.unlink(missing_ok=True)

    def unfinished(self) -> bool:
        """Whether the last build that changed the store stopped before its output files were written."""
        return (self.folder / BUILDING_FILE).exists()

    def finish(self) -> None:
        """The output files are those of the store: the build is over."""
        (self.folder / BUILDING_FILE).unlink(missing_ok=True)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(path: Path, text: str) -> None:
    _write_bytes(path, text.encode("utf-8"))


def _write_bytes(path: Path, data: bytes) -> None:
    """A crash leaves the old file or the new one. Not fsynced: these files are a cache, and a
    lost one only costs re-analysing its document."""
    with atomic_open(path, durable=False) as handle:
        handle.write(data)
