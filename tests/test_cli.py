"""One test per `kg` command, through typer's CliRunner: what a user types, what they see, the exit code."""
from __future__ import annotations

import json
import shutil

import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import PROV
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
AKG = "https://w3id.org/actorkg/ontology#"


def kg(*args: str):
    return runner.invoke(app, list(args))


def test_help_lists_every_command_with_an_example():
    result = kg("--help")
    assert result.exit_code == 0
    for command in ("build", "query", "export", "viz", "validate", "stats"):
        assert command in result.output
        sub = kg(command, "--help")
        assert sub.exit_code == 0 and "Example" in sub.output


def test_build_writes_the_three_files_and_a_summary(seeds_output):
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (seeds_output / name).stat().st_size > 0
    graph = Graph().parse(seeds_output / "graph.ttl")
    assert len(graph) > 1000
    dataset = Dataset()
    dataset.parse(seeds_output / "graph.trig", format="trig")
    assert len(list(dataset.contexts())) >= 6  # five documents and the shared graph


def test_build_summary_counts_documents_and_claims(tmp_path, seeds_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seeds_dir / "001_944f0d64b90c9dcf.txt", corpus)
    result = kg("build", str(corpus), "-o", str(tmp_path / "out"), "--workers", "1", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 documents, ")
    assert "claims (" in result.output and "0 files skipped" in result.output


def test_build_of_a_missing_path_is_one_clear_line(tmp_path):
    result = kg("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_query_prints_rows_in_each_format(seeds_output, fmt):
    sparql = f"SELECT ?s WHERE {{ ?s a <{AKG}State> ; <{AKG}mentionCount> ?n }} ORDER BY ?s LIMIT 3"
    result = kg("query", sparql, "-o", str(seeds_output), "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.output)
        assert data["head"]["vars"] == ["s"] and len(data["results"]["bindings"]) == 3
    elif fmt == "table":
        assert result.output.splitlines()[0].strip() == "s" and "(3 rows)" in result.output
    else:
        assert len(result.output.strip().splitlines()) == 4


def test_query_from_a_file_and_from_stdin(seeds_output, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text(f"ASK {{ ?c a <{AKG}Claim> }}")
    assert "true" in kg("query", str(rq), "-o", str(seeds_output)).output.lower()
    result = runner.invoke(app, ["query", "-", "-o", str(seeds_output)], input=f"ASK {{ ?c a <{AKG}Claim> }}")
    assert result.exit_code == 0 and "true" in result.output.lower()


@pytest.mark.parametrize("update", ["INSERT DATA { <a:b> <a:c> <a:d> }", "DELETE WHERE { ?s ?p ?o }",
                                    "LOAD <http://example.org/x>", "CLEAR ALL", "DROP GRAPH <a:b>"])
def test_query_refuses_updates(seeds_output, update):
    result = kg("query", update, "-o", str(seeds_output))
    assert result.exit_code == 2
    assert "update" in result.output.lower() and "Traceback" not in result.output


def test_query_syntax_error_gives_the_position(seeds_output):
    result = kg("query", "SELECT ?s WHERE { ?s ?p }", "-o", str(seeds_output))
    assert result.exit_code == 2
    assert "syntax error" in result.output.lower() and "line" in result.output


def test_query_list_and_a_named_query(seeds_output):
    listing = kg("query", "--list", "-o", str(seeds_output))
    assert listing.exit_code == 0 and "supporters-of" in listing.output and "--actor" in listing.output
    result = kg("query", "actor-profile", "--actor", "Staffan de Mistura", "-o", str(seeds_output), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "memberOf,United Nations" in result.output


def test_named_query_without_its_parameter_says_which(seeds_output):
    result = kg("query", "supporters-of", "-o", str(seeds_output))
    assert result.exit_code == 2 and "--actor" in result.output


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nq", "jsonld"])
def test_export_writes_each_format(seeds_output, tmp_path, fmt):
    target = tmp_path / f"graph.{fmt}"
    result = kg("export", "--format", fmt, "-o", str(seeds_output), "--to", str(target))
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 1000


def test_viz_regenerates_the_page(seeds_output, tmp_path):
    target = tmp_path / "page.html"
    result = kg("viz", "-o", str(seeds_output), "--to", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html") or "<html" in \
        target.read_text(encoding="utf-8")[:500].lower()


def test_validate_passes_on_the_seeds(seeds_output):
    result = kg("validate", str(seeds_output))
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_validate_names_a_claim_without_its_sentence(seeds_output, tmp_path):
    graph = Graph().parse(seeds_output / "graph.ttl")
    claim = sorted(graph.subjects(RDF.type, URIRef(AKG + "Claim")))[0]
    graph.remove((claim, PROV.wasDerivedFrom, None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    result = kg("validate", str(broken))
    assert result.exit_code == 1
    assert str(claim) in result.output and "nif:Sentence" in result.output


def test_stats_counts_actors_by_type_and_claims_by_relation(seeds_output):
    result = kg("stats", "-o", str(seeds_output))
    assert result.exit_code == 0, result.output
    assert "actors:" in result.output and "claims:" in result.output
    assert "State" in result.output and "memberOf" in result.output


def test_commands_on_a_missing_graph_say_to_build_first(tmp_path):
    for command in (["query", "ASK {}"], ["export"], ["stats"], ["viz"]):
        result = kg(*command, "-o", str(tmp_path / "none"))
        assert result.exit_code == 2 and "kg build" in result.output, command
