"""Every named query, run on the seeds graph: the rows a user would look for are there."""
from __future__ import annotations

import pytest

import kg
from kg.errors import QueryError
from kg.graph.profiles import PAGE_ROWS
from kg.outputs.query import format_table

PARAMS = {"actor": "Russia", "relation": "alliedWith"}
EXPECT = {  # query -> (parameters, text that must appear in its CSV output)
    "actor-profile": ({"actor": "Staffan de Mistura"}, "memberOf,United Nations"),
    "claims-by-source": ({}, "001_944f0d64b90c9dcf.txt,meetsWith"),
    "claims-of": ({"actor": "Russia", "relation": "alliedWith"}, "Syrian government,positive"),
    "comment-vs-body": ({}, "memberOf,"),
    "contested": ({}, "attacks,East Aleppo"),
    "contested-of": ({"actor": "russia"}, "attacks,East Aleppo,000_ce65785b4139d4fa.txt"),
    "framing-of": ({"actor": "Jabhat al-Nusra"}, "jihadist"),
    "framing": ({}, "Nour al-Din al-Zenki Movement"),
    "negated-claims": ({}, "dissociate itself from al-Qaeda"),
    "quantities-of": ({"actor": "Nusra Front"}, "nearly 1,000"),
    "quantities": ({}, "about 900"),
    "sources": ({}, "Juan Cole,Informed Comment"),
    "supporters-of": ({"actor": "Free Syrian Army"}, "Central Intelligence Agency"),
    "who-asserts": ({"actor": "Jabhat al-Nusra"}, "Staffan de Mistura"),
}


def test_every_named_query_has_a_case_here():
    assert set(kg.named_queries()) == set(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_named_query_on_the_seeds(seeds_output, name):
    query = kg.named_queries()[name]
    params, needle = EXPECT[name]
    table = kg.query(seeds_output, query.bind(params))
    assert table.rows, f"{name} returned no rows"
    assert needle in format_table(table, "csv")


PROFILE_COUNTED = """PREFIX akg: <https://w3id.org/actorkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?role ?p ?other ?polarity (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  ?a akg:mentionCount ?n .
  { ?claim rdf:subject ?a ; rdf:predicate ?p ; rdf:object ?other ; akg:polarity ?polarity . BIND("subject" AS ?role) }
  UNION { ?claim rdf:object ?a ; rdf:predicate ?p ; rdf:subject ?other ; akg:polarity ?polarity . BIND("object" AS ?role) }
  ?other skos:prefLabel ?label .
} GROUP BY ?a ?role ?p ?other ?polarity"""
PROFILE_STORED = """PREFIX akg: <https://w3id.org/actorkg/ontology#>
SELECT ?a ?role ?p ?other ?polarity ?claims WHERE {
  ?a akg:profilePage/akg:row ?row .
  ?row akg:side ?role ; akg:relation ?p ; akg:counterpart ?other ; akg:claimPolarity ?polarity ; akg:claimCount ?claims }"""


def test_the_stored_profiles_count_what_the_claims_say(seeds_output):
    counted = kg.query(seeds_output, PROFILE_COUNTED).rows
    assert len(counted) > 100
    assert sorted(map(str, kg.query(seeds_output, PROFILE_STORED).rows)) == sorted(map(str, counted))


@pytest.fixture(scope="module")
def big_actor(tmp_path_factory):
    """A generated store (bench/sparql.py) where Actor 1 has several pages of answers to each query."""
    from bench.sparql import generate

    output = tmp_path_factory.mktemp("generated")
    generate(output / "store", 12000)
    return output


@pytest.mark.parametrize("name, params", [("claims-of", {"relation": "memberOf"}), ("actor-profile", {}),
                                          ("contested-of", {})])
def test_pages_split_the_whole_answer(big_actor, name, params):
    query = kg.named_queries()[name]
    values = {"actor": "actor 1", **params}
    whole = sorted(map(str, kg.query(big_actor, query.bind(values, None)).rows))
    pages = [kg.query(big_actor, query.bind(values, page)).rows for page in range(1, len(whole) // PAGE_ROWS + 3)]
    assert len(whole) > PAGE_ROWS and len(pages[0]) == PAGE_ROWS and pages[-1] == []
    assert sorted(str(row) for page in pages for row in page) == whole


def test_a_page_number_below_one_is_refused():
    with pytest.raises(QueryError, match="numbered from 1"):
        kg.named_queries()["actor-profile"].bind({"actor": "Russia"}, 0)


def test_the_cli_says_how_to_read_the_next_page(big_actor):
    from typer.testing import CliRunner

    from kg.cli import app

    first = CliRunner().invoke(app, ["query", "actor-profile", "--actor", "Actor 1", "-o", str(big_actor)])
    assert first.exit_code == 0 and "--page 2 for the next" in first.output
    every = CliRunner().invoke(app, ["query", "actor-profile", "--actor", "Actor 1", "-o", str(big_actor), "--all"])
    assert every.exit_code == 0 and "--page 2" not in every.output
    assert every.output.count("\n") > first.output.count("\n") + PAGE_ROWS


def test_page_options_on_a_query_without_pages_say_which_have_them(seeds_output):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["query", "sources", "--page", "2", "-o", str(seeds_output)])
    assert result.exit_code == 2 and "claims-of" in result.output and "Traceback" not in result.output
