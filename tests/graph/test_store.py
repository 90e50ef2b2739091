"""The Oxigraph store behind `kg build`, `kg query`, `kg export`: union semantics, deterministic
bytes, datatypes, and that it gives what the rdflib path gave before it."""
from __future__ import annotations

import io
import random
import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg import api
from kg.errors import QueryError
from kg.graph.iris import SHARED_GRAPH
from kg.outputs.htmlgraph.model import PREDICATES
from kg.outputs.serialize import PREFIXES
from kg.outputs.viz import render_html
from kg.settings import Settings
from kg.store import GraphStore

EX = "http://example.org/"
S, P, Q = URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "q")


def written(store: GraphStore, syntax: str) -> bytes:
    buffer = io.BytesIO()
    store.write(buffer, syntax)
    return buffer.getvalue()


def small_store() -> GraphStore:
    store = GraphStore.memory(PREFIXES)
    store.replace_graph(EX + "g1", [(S, P, Literal("one")), (S, Q, Literal(3, datatype=XSD.nonNegativeInteger))])
    store.replace_graph(EX + "g2", [(S, P, Literal("one")), (S, P, Literal("two"))])
    return store


def test_union_holds_every_distinct_triple_once():
    store = small_store()
    lines = written(store, "nt").decode("utf-8").splitlines()
    assert len(lines) == len(set(lines)) == 3
    assert len(Graph().parse(data=written(store, "turtle"), format="turtle")) == 3
    assert len(written(store, "nq").decode("utf-8").splitlines()) == 4


def test_queries_see_the_union_as_a_set():
    store = small_store()
    columns, rows = store.select(f"SELECT ?o WHERE {{ <{S}> <{P}> ?o }} ORDER BY ?o")
    assert columns == ["o"] and rows == [[Literal("one")], [Literal("two")]]
    _, rows = store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{S}> <{P}> \"one\" }} }} ORDER BY ?g")
    assert rows == [[URIRef(EX + "g1")], [URIRef(EX + "g2")]]


def test_replacing_and_dropping_graphs_keep_the_union_right():
    store = small_store()
    store.drop_graph(EX + "g1")
    assert store.select(f'ASK {{ <{S}> <{P}> "one" }}')[1] == [[True]]
    assert store.select(f"ASK {{ <{S}> <{Q}> ?o }}")[1] == [[False]]
    store.replace_graph(EX + "g2", [(S, P, Literal("three"))])
    _, rows = store.select(f"SELECT ?o WHERE {{ <{S}> <{P}> ?o }}")
    assert rows == [[Literal("three")]]
    assert store.graph_names() == {EX + "g2"}


def test_graphs_written_in_the_background_are_read_back_whole(tmp_path: Path, monkeypatch):
    """Graphs go to the store in batches written by another thread; what a reader gets after is
    the whole of them, also with blank nodes (which the bulk loader would rename) and strings that
    need escaping."""
    monkeypatch.setattr("kg.store.PENDING", 4)  # a background write every two triples
    store = GraphStore.open(tmp_path / "store", PREFIXES)
    text = 'a "quoted"\nline\\ with a tab\t and ü'
    for i in range(10):
        store.replace_graph(f"{EX}g{i}", [(S, P, Literal(i)), (URIRef(f"{EX}x{i}"), Q, Literal(text))])
    store.replace_graph(EX + "b", [(BNode("b1"), P, Literal("blank"))])
    store.replace_graph(EX + "g3", [(S, P, Literal("three"))])
    store.compact(background=True)
    assert store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")[1] == [[Literal(20)]]
    assert store.select(f"ASK {{ <{EX}x3> ?p ?o }}")[1] == [[False]]
    assert store.select(f"SELECT ?o WHERE {{ <{EX}x5> <{Q}> ?o }}")[1] == [[Literal(text)]]
    assert store.select(f'SELECT ?s WHERE {{ ?s <{P}> "blank" }}')[1] == [[BNode("b1")]]
    store.close()


def test_the_same_content_gives_the_same_bytes_in_any_order(tmp_path: Path):
    triples = [(URIRef(f"{EX}s{i % 7}"), URIRef(f"{EX}p{i % 3}"), Literal(i)) for i in range(60)]
    stores = [GraphStore.memory(PREFIXES), GraphStore.open(tmp_path / "disk", PREFIXES)]
    for seed, store in enumerate(stores):
        first, second = triples[:40], triples[20:]
        random.Random(seed).shuffle(first)
        random.Random(seed).shuffle(second)
        store.replace_graph(EX + "g2", first)
        store.replace_graph(EX + "g1", second)
    for syntax in ("turtle", "trig", "nt", "nq"):
        assert written(stores[0], syntax) == written(stores[1], syntax)


def test_derived_integer_types_survive_the_store(tmp_path: Path):
    store = GraphStore.open(tmp_path, PREFIXES)
    store.replace_graph(EX + "g", [(S, Q, Literal(3, datatype=XSD.nonNegativeInteger)),
                                   (S, P, Literal("0.90", datatype=XSD.decimal))])
    store.close()
    again = GraphStore.open_read_only(tmp_path, PREFIXES)
    assert f'"3"^^<{XSD.nonNegativeInteger}>' in written(again, "nt").decode("utf-8")
    values = {o for _s, _p, o in again.to_dataset().graph(URIRef(EX + "g"))}
    assert Literal(3, datatype=XSD.nonNegativeInteger) in values
    assert {o.toPython() for o in values} == {3, Decimal("0.9")}


def test_a_file_reads_into_a_store(tmp_path: Path):
    path = tmp_path / "g.ttl"
    path.write_bytes(written(small_store(), "turtle"))
    store = GraphStore.from_file(path, EX + "default", PREFIXES)
    assert store.graph_names() == {EX + "default"}
    assert len(store.select("SELECT * WHERE { ?s ?p ?o }")[1]) == 3


@pytest.fixture(scope="module")
def seeds_like(tmp_path_factory, small_corpus) -> tuple[Path, Path]:
    corpus = tmp_path_factory.mktemp("corpus")
    for name, text in small_corpus.items():
        (corpus / name).write_text(text, encoding="utf-8")
    output = tmp_path_factory.mktemp("output")
    api.build_to(output, [corpus], Settings(workers=1))
    return corpus, output


def _normal(term: object) -> object:
    """Oxigraph keeps values, not spellings: "0.90"^^xsd:decimal comes back as "0.9"."""
    if isinstance(term, Literal) and term.datatype is not None:
        value = term.toPython()
        return str(term.datatype), str(value.normalize()) if isinstance(value, Decimal) else str(value)
    return term


# rdflib 7.6 answers these wrongly: in sources.rq, a nested OPTIONAL with a FILTER loses claims
# (b.txt: rdflib counts 1 claim, 0 denied elsewhere; it has 2, and c.txt denies one).
RDFLIB_WRONG = {"sources"}


def _sparql11(query: str) -> str:
    """The query without LATERAL, which rdflib lacks: in the named queries each LATERAL block only
    joins on the variables bound before it, so a plain group gives the same rows (more slowly)."""
    return re.sub(r"\bLATERAL\s*\{", "{", query)


def test_store_queries_give_the_rows_rdflib_gave(seeds_like):
    corpus, output = seeds_like
    dataset = api.build([corpus], Settings(workers=1))
    dataset.default_union = True
    values = {"actor": "Russia", "relation": "supports"}
    for name, query in api.named_queries().items():
        if name in RDFLIB_WRONG:
            continue
        text = query.bind({k: v for k, v in values.items() if k in query.params})
        expected = sorted((tuple(_normal(row.get(v)) for v in row.labels) for row in dataset.query(_sparql11(text))),
                          key=str)
        table = api.query(output, text)
        assert sorted((tuple(_normal(v) for v in row) for row in table.rows), key=str) == expected, name
    assert api.stats(output)["claims"]


def test_kg_build_and_the_python_api_write_the_same_files(seeds_like, tmp_path: Path):
    corpus, output = seeds_like
    api.write_outputs(api.build([corpus], Settings(workers=1)), tmp_path)
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / name).read_bytes() == (output / name).read_bytes(), name


def test_two_workers_write_the_same_bytes(seeds_like, tmp_path: Path):
    corpus, output = seeds_like
    api.build_to(tmp_path, [corpus], Settings(workers=2, batch_size=2))
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / name).read_bytes() == (output / name).read_bytes(), name


def test_graph_ttl_is_the_union_each_triple_once(seeds_like):
    _corpus, output = seeds_like
    statements = [quad.triple for quad in pyoxigraph.parse(path=str(output / "graph.ttl"))]
    assert len(statements) == len(set(statements))
    union = {(s, p, o) for s, p, o, _g in Dataset().parse(output / "graph.trig", format="trig").quads()}
    assert {(s, p, o) for s, p, o in Graph().parse(output / "graph.ttl", format="turtle")} == union


def test_graph_ttl_meets_the_rdf_contract(seeds_like):
    _corpus, output = seeds_like
    graph = Graph().parse(output / "graph.ttl", format="turtle")
    claims = list(graph.query("""
        PREFIX akg: <https://w3id.org/actorkg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?text ?b ?e ?string WHERE {
          ?claim a akg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; akg:polarity ?pol ;
                 akg:assertedBy ?by ; prov:wasDerivedFrom ?sentence .
          ?sentence a nif:Sentence ; nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e ;
                    nif:referenceContext ?context .
          ?context a nif:Context ; akg:document ?doc ; nif:isString ?string .
          ?doc dcterms:identifier ?id .
        }"""))
    assert claims
    for text, begin, end, string in claims:
        assert begin.datatype == XSD.nonNegativeInteger
        assert str(string)[int(begin):int(end)] == str(text)
    assert api.validate(output) == []


def test_the_page_reads_only_what_it_needs(seeds_like):
    _corpus, output = seeds_like
    store = api.open_graph(output)
    view = api.html_view(store)
    assert render_html(view) == render_html(store.to_dataset())
    assert {p for _s, p, _o in view} <= PREDICATES


def test_query_errors_are_one_line(seeds_like):
    _corpus, output = seeds_like
    with pytest.raises(QueryError, match="INSERT is a SPARQL update"):
        api.query(output, "INSERT DATA { <a:b> <a:c> <a:d> }")
    with pytest.raises(QueryError, match=r"syntax error at line 2, column \d+"):
        api.query(output, "SELECT ?s WHERE {\n ?s ?p }")


def test_a_graph_file_can_be_queried_without_a_store(seeds_like, tmp_path: Path):
    _corpus, output = seeds_like
    (tmp_path / "graph.trig").write_bytes((output / "graph.trig").read_bytes())
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/actorkg/ontology#Claim> }"
    assert api.query(tmp_path, text).rows == api.query(output, text).rows
    dataset = api.load(tmp_path / "graph.trig")
    assert isinstance(dataset, Dataset) and URIRef(str(SHARED_GRAPH)) in {g.identifier for g in dataset.graphs()}
