"""Every row of ontology/relations.yaml, tested on its own example and negative sentences:
a sentence in, exactly the listed claims out (subject, relation, object, polarity[, asserter])."""
from __future__ import annotations

import pytest

from kg.relations.lexicon import load_lexicon
from kg.settings import Settings

LEXICON = load_lexicon(Settings().path("relations.yaml"))
CAMEO_LIKE = {"requests", "meetsWith", "supports", "opposes", "attacks", "accuses", "rejects"}


def _examples():
    for row in LEXICON.rows:
        for n, example in enumerate(row.examples):
            yield pytest.param(row, example, id=f"{row.id}-{n}")


def _negatives():
    for row in LEXICON.rows:
        for n, text in enumerate(row.negatives):
            yield pytest.param(row, text, id=f"{row.id}-neg{n}")


def _claims(nlp, text):
    doc = nlp(text)
    return doc, list(doc._.akg_claims)


@pytest.mark.parametrize(("row", "example"), list(_examples()))
def test_row_example_gives_exactly_its_claims(nlp, key_of, row, example):
    _doc, claims = _claims(nlp, example.text)
    got = {(c.subject, c.relation, c.object, c.polarity) for c in claims}
    want = set()
    for claim in example.expect:
        subject, relation, obj, polarity = claim[:4]
        s, o = key_of(subject), key_of(obj)
        if relation in ("alliedWith", "meetsWith") and o < s:
            s, o = o, s
        if relation == "attacks" and not any(c.object == o for c in claims):
            o = "place:" + o.replace(" ", "_").lower()
        want.add((s, relation, o, polarity))
    assert got == want
    for claim, expected in ((c, e) for c in claims for e in example.expect if len(e) == 5):
        if (claim.subject, claim.relation) == (key_of(expected[0]), expected[1]):
            assert claim.asserted_by == key_of(expected[4])


@pytest.mark.parametrize(("row", "text"), list(_negatives()))
def test_row_negative_gives_no_claim_of_its_relation(nlp, row, text):
    _doc, claims = _claims(nlp, text)
    assert [c for c in claims if c.rule == row.id] == []
