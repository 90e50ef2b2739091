"""TokenFilter: the tokens a component looks at, found without visiting the others."""
import pytest
from spacy.attrs import LEMMA, LOWER, POS

from kg.nlp.tokens import TokenFilter


@pytest.mark.parametrize("text, tests, expected", [
    ("Russia said Assad supports the rebels in Aleppo.", {POS: "PROPN".__eq__}, ["Russia", "Assad", "Aleppo"]),
    ("Iran backed Hezbollah; it backs them still.", {LEMMA: {"back"}.__contains__}, ["backed", "backs"]),
    ("He said THEY were Supporters.", {LOWER: {"they", "he"}.__contains__, LEMMA: {"supporter"}.__contains__},
     ["He", "THEY", "Supporters"]),
    ("Nothing here.", {LOWER: {"absent"}.__contains__}, []),
])
def test_tokens_in_document_order(nlp, text, tests, expected):
    doc = nlp(text)
    assert [doc[i].text for i in TokenFilter(tests)(doc)] == expected


def test_answers_kept_across_documents_stay_right(nlp):
    """A word tested in one document is not re-tested in the next, and is still found there."""
    asked = []

    def test(word: str) -> bool:
        asked.append(word)
        return word == "envoy"

    find = TokenFilter({LOWER: test})
    first, second = nlp("The envoy met the minister."), nlp("The minister thanked the envoy.")
    assert [first[i].text for i in find(first)] == ["envoy"]
    assert [second[i].text for i in find(second)] == ["envoy"]
    assert sorted(asked) == sorted({"the", "envoy", "met", "minister", ".", "thanked"})
