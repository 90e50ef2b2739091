"""The indexed attribute ruler annotates every token as the stock AttributeRuler with the same rules."""
from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from kg.nlp.attribute_rules import IndexedAttributeRuler

EDGE_CASES = [
    "",
    "  \n\n ",
    "I gotta go, y'all gonna see it. Ain't nothin' but it.",
    "Let's c'm on: there's it, there are they, and he's got it, she gets it.",
    "But the envoy, but not the minister, said it would not. You saw I saw it.",
]
ANNOTATIONS = [TAG, POS, DEP, HEAD, LEMMA, MORPH]


def annotations(doc):
    return doc.to_array(ANNOTATIONS).tolist(), [str(token.morph) for token in doc]


def parsed(nlp, texts):
    with nlp.select_pipes(enable=["tok2vec", "tagger", "akg_line_breaks", "parser"]):
        return list(nlp.pipe(texts))


def compare(nlp, indexed, stock, texts):
    changed = False
    for doc in parsed(nlp, texts):
        mine, theirs = indexed(doc.copy()), stock(doc.copy())
        assert annotations(mine) == annotations(theirs)
        changed = changed or annotations(theirs) != annotations(doc)
    assert changed  # the rules did set something


def test_same_annotations_as_the_stock_ruler_on_the_seeds_and_edge_cases(nlp, seeds_dir):
    indexed = nlp.get_pipe("attribute_ruler")
    assert isinstance(indexed, IndexedAttributeRuler)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(seeds_dir).glob("*.txt"))] + EDGE_CASES
    compare(nlp, indexed, indexed.stock, texts)


def test_rules_it_cannot_index_are_applied_by_the_stock_matcher_in_their_turn(nlp):
    stock = AttributeRuler(nlp.vocab)
    stock.add([[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], {"LEMMA": "intense"}, index=-1)
    stock.add([[{"TAG": "JJ", "LOWER": {"REGEX": "^b"}}], [{"LOWER": "envoy"}]], {"LEMMA": "b-word", "POS": "X"})
    stock.add([[{"LENGTH": 5}]], {"POS": "INTJ"})
    stock.add([[{"LOWER": "the"}, {"TAG": "JJ"}]], {"MORPH": "Degree=Pos"}, index=1)
    compare(nlp, IndexedAttributeRuler(stock), stock, ["The very very big envoy met a brave envoy.",
                                                       "The brave and the bold."])


def test_an_index_outside_the_match_is_an_error(nlp):
    stock = AttributeRuler(nlp.vocab)
    stock.add([[{"LOWER": "the"}, {"TAG": "JJ"}]], {"LEMMA": "x"}, index=2)
    with pytest.raises(ValueError, match="index 2"):
        IndexedAttributeRuler(stock)(parsed(nlp, ["The brave envoy."])[0])
