"""Every named query, run on the seeds graph: the rows a user would look for are there."""
from __future__ import annotations

import pytest

import kg
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
