"""The attribute ruler's indexed matcher gives the very matches of the stock Matcher it replaces."""
from pathlib import Path

import pytest
from spacy.matcher import Matcher
from spacy.strings import get_string_id

from kg.nlp.attribute_index import IndexedMatcher

EDGE_CASES = [
    "",
    "  \n\n ",
    "I gotta go, y'all gonna see it. Ain't nothin' but it.",
    "Let's c'm on: there's it, there are they, and he's got it.",
    "But the envoy, but not the minister, said it would not.",
]


def both(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, IndexedMatcher)
    return ruler.matcher.stock, ruler.matcher


def matches(matcher, doc):
    return sorted(matcher(doc, allow_missing=True, as_spans=False))


def test_same_matches_on_the_seeds_and_edge_cases(nlp, seeds_dir):
    stock, indexed = both(nlp)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(seeds_dir).glob("*.txt"))] + EDGE_CASES
    for doc in nlp.pipe(texts):
        found = matches(indexed, doc)
        assert found == matches(stock, doc)
    assert found  # the last edge case matches tag-map and exception patterns


def test_patterns_it_cannot_index_go_to_the_stock_matcher(nlp):
    stock = Matcher(nlp.vocab)
    stock.add(get_string_id("0"), [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]])
    stock.add(get_string_id("1"), [[{"TAG": "JJ", "LOWER": {"REGEX": "^b"}}], [{"LOWER": "envoy"}]])
    stock.add(get_string_id("2"), [[{"LENGTH": 5}]])
    indexed = IndexedMatcher(stock, nlp.vocab, 3)
    doc = nlp("The very very big envoy met a brave envoy.")
    found = matches(indexed, doc)
    assert found == matches(stock, doc)
    assert {doc[start:end].text for _, start, end in found} >= {"very very big", "very big", "big", "envoy", "brave"}


def test_the_indexed_matcher_gives_no_spans(nlp):
    _, indexed = both(nlp)
    with pytest.raises(ValueError):
        indexed(nlp("Assad met Putin."), as_spans=True)


def test_a_pattern_added_after_indexing_is_refused_not_lost(nlp):
    with pytest.raises(TypeError):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "envoy"}]], {"POS": "NOUN"})
