"""The Python API: the whole flow in one place. The CLI is a thin layer over these functions.

    files -> ingest (SourceDoc) -> nlp + actors + relations (DocResult) -> graph -> outputs

`kg build` (build_to) streams each document's triples into the persistent store in
output/store/ as its result arrives, reuses the results of unchanged documents, then makes the
shared graph from the stored per-document results and writes the files from the store.
`build` gives the same graphs as an rdflib Dataset, in memory.
"""
from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .actors.gazetteer import load_gazetteer
from .datafiles import load_turtle
from .errors import GraphMissingError, InputError
from .graph.actors import ActorTally, shared_triples
from .graph.iris import SHARED_GRAPH, doc_graph, doc_iri, graph_document
from .graph.namespaces import AKG
from .graph.triples import doc_triples
from .ingest.read import Corpus, Entry, scan
from .incremental import Plan, ResultCache, pipeline_fingerprint
from .outputs import query as sparql
from .outputs.htmlgraph.model import ACTOR_CLASSES, PREDICATES as HTML_PREDICATES
from .outputs.serialize import FORMATS, PREFIXES, atomic_open, bind_prefixes, staged, union, write_atomic, write_graph
from .outputs.validate import Violation, validate_graph
from .outputs.viz import render_html
from .settings import Settings
from .store import GraphStore, GraphText, write_graphs, write_union
from .types import BuildReport, DocResult, Problem

DEFAULT_CORPUS = Path("seeds")
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.html")
STORE_FOLDER = "store"
Progress = Callable[[int, int], None]


def process(entries: list[Entry], settings: Settings,
            on_document: Progress | None = None) -> Iterator[DocResult | Problem]:
    """Per-document work, in one process or a pool of `settings.workers`; results come in corpus order.
    On a Dask cluster (`settings.scheduler`) they come in the order they are done."""
    if settings.scheduler:
        from .cluster.runner import run_cluster as run
    else:
        from .nlp.parallel import run_local as run

    yield from run(entries, settings, on_document)


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
    for triple in shared_graph(tally, settings):
        shared.add(triple)
    if report is not None:
        report.actors = actor_count(tally)
    return dataset


def shared_graph(tally: ActorTally, settings: Settings) -> Iterator[tuple]:
    """The cross-document step: actors over the whole corpus, and the ontology."""
    return shared_triples(tally, load_gazetteer(settings.ontology), load_turtle(settings.path("akg.ttl")))


def actor_count(tally: ActorTally) -> int:
    return sum(1 for key in tally.types if not key.startswith(("place:", "population:")))


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
    """graph.ttl (the union), graph.trig (named graphs) and graph.html, written as one set: all three
    go to a staging folder first and are renamed into `output` together, so a build killed at any
    moment leaves the previous set whole (never graph.ttl of one build beside graph.trig of another)."""
    store = GraphStore.memory(PREFIXES)
    graphs: dict[str, list[tuple]] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = str(g.identifier if isinstance(g, Graph) else g)
        graphs.setdefault(str(SHARED_GRAPH) if name == str(DATASET_DEFAULT_GRAPH_ID) else name, []).append((s, p, o))
    texts = {name: store.replace_graph(name, triples, graph_document(name)) for name, triples in graphs.items()}
    write_files(store, lambda: (texts[name] for name in sorted(texts)), output)


def write_files(store: GraphStore, texts: Callable[[], Iterable[GraphText]], output: Path) -> None:
    """graph.ttl and graph.trig from the serialised graphs that `texts()` gives (in graph order;
    called once a file, so that they are read as they are written, never all kept), graph.html
    from `store`; written as one set (see write_outputs)."""
    with staged(output) as stage:
        with atomic_open(stage / "graph.ttl") as handle:
            write_union(handle, texts(), PREFIXES)
        with atomic_open(stage / "graph.trig") as handle:
            write_graphs(handle, texts(), PREFIXES)
        write_atomic(stage / "graph.html", render_html(html_view(store)).encode("utf-8"))


def html_view(store: GraphStore) -> list[tuple]:
    """What graph.html reads (kg/outputs/htmlgraph/model.py): from claims and actors, through the
    predicates it declares. tests/graph/test_store.py checks that the page is the same as from
    the whole graph."""
    return store.view([AKG.Claim, *sorted(ACTOR_CLASSES)], HTML_PREDICATES)


def build_to(output: Path, paths: Iterable[Path | str] | None = None, settings: Settings | None = None,
             on_document: Progress | None = None) -> BuildReport:
    """Build the documents under `paths` into `output/store/` and write the output files.

    Incremental: only new and changed documents go through the NLP pipeline (an unchanged corpus
    does not even load spaCy); a changed document's named graph is replaced, a removed one's
    dropped; the shared graph is made again from every document's stored result."""
    settings = settings or Settings()
    report = BuildReport()
    started = time.perf_counter()
    corpus = scan_corpus([Path(p) for p in paths] if paths else None, settings)
    report.problems.extend(corpus.problems)
    cache = ResultCache(output / STORE_FOLDER, pipeline_fingerprint(settings))
    store = GraphStore.open(output / STORE_FOLDER, PREFIXES)
    try:
        plan = update_store(store, cache, corpus.entries, settings, on_document, report)
        if plan.changed:
            store.compact(background=True)  # while the files are written
        if plan.changed or not all((output / name).is_file() for name in OUTPUT_FILES):
            graphs: dict[str, str | None] = {str(doc_graph(e.doc_id)): e.doc_id for e in corpus.entries
                                             if e.doc_id in cache.records}
            graphs[str(SHARED_GRAPH)] = None
            write_files(store, lambda: (cache.text(graphs[name]) for name in sorted(graphs)), output)
        cache.finish()
    finally:
        store.close()
    for entry in corpus.entries:
        record = cache.records.get(entry.doc_id)
        if record is not None:
            report.documents += 1
            report.sentences += record["sentences"]
            report.tokens += record["tokens"]
            for relation, count in record["claims"].items():
                report.claims[relation] = report.claims.get(relation, 0) + count
    report.actors = cache.actors
    report.reused = len(plan.reused) + len(plan.regraph)
    report.seconds = time.perf_counter() - started
    return report


def update_store(store: GraphStore, cache: ResultCache, entries: list[Entry], settings: Settings,
                 on_document: Progress | None, report: BuildReport) -> Plan:
    """Bring the store and the result cache in line with `entries`, streaming each new result
    into its own named graph as it arrives; then make the shared graph again if anything changed."""
    plan = cache.plan(entries, lambda doc_id: store.has_graph(str(doc_graph(doc_id))))
    wanted = {str(doc_graph(entry.doc_id)) for entry in entries} | {str(SHARED_GRAPH)}
    stale = sorted(store.graph_names() - wanted)
    plan.changed = (plan.changed or bool(stale) or not store.has_graph(str(SHARED_GRAPH)) or not cache.has_shared_text()
                    or cache.unfinished())
    if not plan.changed:
        return plan
    unfinished = cache.begin()
    for name in stale:
        store.drop_graph(name)
    for doc_id in plan.removed:
        cache.forget(doc_id)
    for entry in plan.regraph:
        _put(store, cache, cache.load(entry))
    by_path = {str(entry.paths[0]): entry for entry in plan.fresh}
    for item in process(plan.fresh, settings, on_document):
        if isinstance(item, Problem):
            report.problems.append(item)
            failed = by_path.get(item.path)
            if failed is not None:
                cache.forget(failed.doc_id)
                store.drop_graph(str(doc_graph(failed.doc_id)))
            continue
        _put(store, cache, item)
    if unfinished:
        store.rebuild_union()
    tally = ActorTally()
    for entry in entries:  # in corpus order, as a build from scratch adds them
        if entry.doc_id in cache.records:
            tally.add(cache.load(entry))
    cache.put_shared(store.replace_graph(str(SHARED_GRAPH), shared_graph(tally, settings)))
    cache.commit(actor_count(tally))
    return plan


def _put(store: GraphStore, cache: ResultCache, result: DocResult) -> None:
    doc_id = result.doc.doc_id
    cache.put(result, store.replace_graph(str(doc_graph(doc_id)), doc_triples(result), str(doc_iri(doc_id))))


def open_graph(output: Path) -> GraphStore:
    """The built graph in `output`: its store (output/store/), else output/graph.trig; or an RDF
    file given directly (.trig, .nq, .ttl, .nt, .jsonld), read into a store in memory."""
    if output.is_dir() and GraphStore.exists(output / STORE_FOLDER):
        return GraphStore.open_read_only(output / STORE_FOLDER, PREFIXES)
    path = output / "graph.trig" if output.is_dir() else output
    if not path.exists():
        raise GraphMissingError(f"no built graph at {path}: run `kg build` first")
    return GraphStore.from_file(path, str(SHARED_GRAPH), PREFIXES)


def load(output: Path) -> Dataset:
    """A built graph as an rdflib Dataset (see open_graph for where it is read from)."""
    return bind_prefixes(open_graph(output).to_dataset())


def query(output: Path, text: str) -> sparql.Table:
    """Run a read-only SPARQL query; the default graph is the union of all graphs."""
    sparql.check_read_only(text)
    try:
        columns, rows = open_graph(output).select(text)
    except SyntaxError as err:
        raise sparql.syntax_error(err) from err
    return sparql.Table(columns, rows)


def named_queries(settings: Settings | None = None) -> dict[str, sparql.NamedQuery]:
    return sparql.load_named_queries((settings or Settings()).path("queries"))


def export(output: Path, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    buffer = io.BytesIO()
    write_graph(open_graph(output), buffer, fmt)
    return buffer.getvalue()


def validate(output: Path, settings: Settings | None = None) -> list[Violation]:
    settings = settings or Settings()
    return validate_graph(union(load(output)), settings.path("shapes.ttl"))


def visualise(output: Path, target: Path | None = None) -> Path:
    store = open_graph(output)
    target = target or (output / "graph.html" if output.is_dir() else output.with_suffix(".html"))
    write_atomic(target, render_html(html_view(store)).encode("utf-8"))
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
