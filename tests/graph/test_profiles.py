"""Actor profiles kept by the build: the counts a user reads with `kg query actor-profile`."""
from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Literal

from kg.graph.iris import entity_iri
from kg.graph.namespaces import AKG
from kg.graph.profiles import PAGE_ROWS, profile_triples

LABELS = {"russia": "Russia", "syria": "Syrian government", "hezbollah": "Hezbollah", "place:aleppo": "Aleppo"}
ACTORS = ["russia", "syria", "hezbollah"]

CASES = [  # claims counted by (subject, relation, object, polarity) -> each actor's rows in order
    ({("russia", "supports", "syria", "positive"): 3, ("syria", "attacks", "place:aleppo", "positive"): 1},
     {"russia": [(1, "subject", "supports", "syria", "positive", 3)],
      "syria": [(1, "object", "supports", "russia", "positive", 3), (2, "subject", "attacks", "place:aleppo", "positive", 1)]}),
    # ties: relation, then the counterpart's label, then side and polarity
    ({("russia", "supports", "syria", "positive"): 1, ("russia", "supports", "hezbollah", "negative"): 1,
      ("hezbollah", "alliedWith", "russia", "positive"): 1},
     {"russia": [(1, "object", "alliedWith", "hezbollah", "positive", 1), (2, "subject", "supports", "hezbollah", "negative", 1),
                 (3, "subject", "supports", "syria", "positive", 1)],
      "hezbollah": [(1, "subject", "alliedWith", "russia", "positive", 1), (2, "object", "supports", "russia", "negative", 1)],
      "syria": [(1, "object", "supports", "russia", "positive", 1)]}),
    # a counterpart without a label is left out, as the query's answer leaves it out
    ({("russia", "supports", "unknown", "positive"): 2}, {}),
]


def _rows(triples: list[tuple]) -> dict[str, list[tuple]]:
    values: dict = {}
    for s, p, o in triples:
        values.setdefault(s, {})[p] = o
    out: dict[str, list[tuple]] = {}
    for key in ACTORS:
        pages = [o for s, p, o in triples if s == entity_iri(key) and p == AKG.profilePage]
        rows = [values[o] for page in pages for s, p, o in triples if s == page and p == AKG.row]
        if rows:
            keys = {str(entity_iri(k)): k for k in LABELS}
            out[key] = sorted((r[AKG.rank].toPython(), str(r[AKG.side]), str(r[AKG.relation]).split("#")[1],
                               keys[str(r[AKG.counterpart])], str(r[AKG.claimPolarity]), r[AKG.claimCount].toPython())
                              for r in rows)
    return out


@pytest.mark.parametrize("counts, expected", CASES)
def test_profile_rows(counts, expected):
    assert _rows(list(profile_triples(Counter(counts), LABELS, ACTORS))) == expected


def test_a_profile_is_cut_into_pages_of_page_rows():
    labels = {f"a{n}": f"Actor {n:03d}" for n in range(PAGE_ROWS + 2)}
    counts = Counter({("a0", "supports", f"a{n}", "positive"): 1 for n in range(1, PAGE_ROWS + 2)})
    triples = list(profile_triples(counts, labels, ["a0"]))
    pages = {o.toPython(): s for s, p, o in triples if p == AKG.pageNumber}
    rows = {number: [o for s, p, o in triples if s == page and p == AKG.row] for number, page in pages.items()}
    assert sorted(pages) == [1, 2] and len(rows[1]) == PAGE_ROWS
    (last,) = rows[2]
    assert {(p, o) for s, p, o in triples if s == last} >= {(AKG.rank, Literal(PAGE_ROWS + 1)),
                                                             (AKG.counterpart, entity_iri(f"a{PAGE_ROWS + 1}"))}
