"""The Python API: the whole flow in one place. The CLI is a thin layer over these functions.

    files -> ingest (SourceDoc) -> nlp + actors + relations (DocResult) -> graph (Dataset) -> outputs
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Dataset

from .actors.gazetteer import load_gazetteer
from .datafiles import load_turtle
from .errors import GraphMissingError, InputError
from .graph.actors import ActorTally, shared_triples
from .graph.iris import SHARED_GRAPH, doc_graph
from .graph.triples import doc_triples
from .ingest.read import Corpus, Entry, scan
from .outputs import query as sparql
from .outputs.serialize import FORMATS, bind_prefixes, serialize, write_atomic
from .outputs.validate import Violation, validate_graph
from .outputs.viz import render_html
from .settings import Settings
from .outputs.serialize import union
from .types import BuildReport, DocResult, Problem

DEFAULT_CORPUS = Path("seeds")
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.html")
Progress = Callable[[int, int], None]


def process(entries: list[Entry], settings: Settings,
            on_document: Progress | None = None) -> Iterator[DocResult | Problem]:
    """Per-document work, in one process or a pool of `settings.workers`; results come in corpus order."""
    from .nlp.parallel import run_local

    yield from run_local(entries, settings, on_document)


def build_dataset(results: Iterable[DocResult | Problem], settings: Settings,
                  report: BuildReport | None = None) -> Dataset:
    dataset = bind_prefixes(Dataset())
    tally = ActorTally()
    for result in results:
        if isinstance(result, Problem):
            if report is not None:
                report.problems.append(result)
            continue
        graph = dataset.graph(doc_graph(result.doc.doc_id))
        for triple in doc_triples(result):
            graph.add(triple)
        tally.add(result)
        if report is not None:
            report.documents += 1
            report.sentences += len(result.sentences)
            report.tokens += result.tokens
            for claim in result.claims:
                report.claims[claim.relation] = report.claims.get(claim.relation, 0) + 1
    shared = dataset.graph(SHARED_GRAPH)
    ontology = load_turtle(settings.path("akg.ttl"))
    for triple in shared_triples(tally, load_gazetteer(settings.ontology), ontology):
        shared.add(triple)
    if report is not None:
        report.actors = sum(1 for key, types in tally.types.items() if not key.startswith(("place:", "population:")))
    return dataset


def scan_corpus(paths: Iterable[Path] | None, settings: Settings) -> Corpus:
    corpus = scan(list(paths) if paths else [DEFAULT_CORPUS], settings.max_bytes)
    if not corpus.entries:
        detail = "; ".join(str(p) for p in corpus.problems[:5])
        raise InputError("no usable documents (.txt, .md, .html) found" + (f": {detail}" if detail else ""))
    return corpus


def build(paths: Iterable[Path | str] | None = None, settings: Settings | None = None,
          on_document: Progress | None = None, report: BuildReport | None = None) -> Dataset:
    """Build the graph of the documents under `paths` (default: seeds/) and return it as an
    rdflib Dataset with one named graph per document and one shared graph."""
    settings = settings or Settings()
    corpus = scan_corpus([Path(p) for p in paths] if paths else None, settings)
    if report is not None:
        report.problems.extend(corpus.problems)
    return build_dataset(process(corpus.entries, settings, on_document), settings, report)


def write_outputs(dataset: Dataset, output: Path) -> None:
    """graph.ttl (the union), graph.trig (named graphs) and graph.html, each written atomically."""
    output.mkdir(parents=True, exist_ok=True)
    write_atomic(output / "graph.ttl", serialize(dataset, "turtle"))
    write_atomic(output / "graph.trig", serialize(dataset, "trig"))
    write_atomic(output / "graph.html", render_html(dataset).encode("utf-8"))


def build_to(output: Path, paths: Iterable[Path | str] | None = None, settings: Settings | None = None,
             on_document: Progress | None = None) -> BuildReport:
    report = BuildReport()
    started = time.perf_counter()
    dataset = build(paths, settings, on_document, report)
    write_outputs(dataset, output)
    report.seconds = time.perf_counter() - started
    return report


def load(output: Path) -> Dataset:
    """A built graph, from `output/graph.trig` (or a Turtle/TriG/N-Quads file given directly)."""
    path = output / "graph.trig" if output.is_dir() else output
    if not path.exists():
        raise GraphMissingError(f"no built graph at {path}: run `kg build` first")
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}.get(path.suffix, "trig")
    dataset = Dataset()
    if fmt in ("turtle", "nt"):
        dataset.graph(SHARED_GRAPH).parse(path, format=fmt)
    else:
        dataset.parse(path, format=fmt)
    return bind_prefixes(dataset)


def query(output: Path, text: str) -> sparql.Table:
    sparql.check_read_only(text)
    dataset = load(output)
    dataset.default_union = True
    result = dataset.query(text)
    if result.type == "ASK":
        return sparql.Table(["ask"], [[result.askAnswer]])
    if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        return sparql.Table(["subject", "predicate", "object"], [list(t) for t in sorted(result.graph)])
    columns = [str(v) for v in result.vars]
    return sparql.Table(columns, [[row.get(v) for v in result.vars] for row in result])


def named_queries(settings: Settings | None = None) -> dict[str, sparql.NamedQuery]:
    return sparql.load_named_queries((settings or Settings()).path("queries"))


def export(output: Path, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return serialize(load(output), fmt)


def validate(output: Path, settings: Settings | None = None) -> list[Violation]:
    settings = settings or Settings()
    dataset = load(output)
    return validate_graph(union(dataset), settings.path("shapes.ttl"))


def visualise(output: Path, target: Path | None = None) -> Path:
    dataset = load(output)
    target = target or (output / "graph.html" if output.is_dir() else output.with_suffix(".html"))
    write_atomic(target, render_html(dataset).encode("utf-8"))
    return target


def stats(output: Path) -> dict[str, dict[str, int]]:
    table = query(output, STATS_QUERY)
    out: dict[str, dict[str, int]] = {"actors": {}, "claims": {}}
    for kind, name, count in table.rows:
        out[str(kind)][str(name).rsplit("#", 1)[-1]] = int(count)
    return out


STATS_QUERY = """
PREFIX akg: <https://w3id.org/actorkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?kind ?name (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a ?name ; akg:mentionCount ?c . BIND("actors" AS ?kind)
    VALUES ?name { akg:Person akg:ArmedGroup akg:State akg:InternationalOrganization akg:Organization } }
  UNION { ?x a akg:Claim ; rdf:predicate ?name . BIND("claims" AS ?kind) }
} GROUP BY ?kind ?name ORDER BY ?kind ?name
"""
