"""The indexed lemmatizer gives every token the lemma the stock rule lemmatizer gives it."""
from pathlib import Path

from spacy.attrs import LEMMA

from kg.nlp.lemmatizer import IndexedLemmatizer

EDGE_CASES = ["", "\n\n", "The rebels were shelled; they shelled back. Shelling, shells, shelled.",
              "Russia's forces are better, the best; she'd gone, they're going, I am."]


def test_same_lemmas_as_the_stock_lemmatizer(nlp, seeds_dir):
    indexed = nlp.get_pipe("lemmatizer")
    assert isinstance(indexed, IndexedLemmatizer)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(seeds_dir).glob("*.txt"))] + EDGE_CASES
    with nlp.select_pipes(enable=["tok2vec", "tagger", "akg_line_breaks", "parser", "attribute_ruler"]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        mine, theirs = indexed(doc.copy()), indexed.stock(doc.copy())
        assert mine.to_array([LEMMA]).tolist() == theirs.to_array([LEMMA]).tolist()
        assert [t.lemma_ for t in mine] == [t.lemma_ for t in theirs]
    assert [t.lemma_ for t in indexed(docs[-2].copy())][2:5] == ["be", "shell", ";"]


def test_lemmas_set_before_it_are_kept(nlp):
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
        doc = nlp("Let's go.")  # the attribute ruler sets the lemma of 's to "us"
    assert [t.lemma_ for t in nlp.get_pipe("lemmatizer")(doc)] == ["let", "us", "go", "."]
