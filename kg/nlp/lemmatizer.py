"""spaCy's lemmatizer, asked once per distinct word form, part of speech and morphology.

The stock rule lemmatizer makes a Token object for every token of a document and sets its
lemma string one by one, although its answer depends only on the token's ORTH, POS and MORPH
(its own cache is keyed on them). This component asks the stock one once per distinct
(ORTH, POS, MORPH) that still lacks a lemma, keeps the answer, and writes the document's lemmas
as one array: the same lemmas (tests/nlp/test_lemmatizer.py), about a fifth of the time.
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

LEMMATIZER = "lemmatizer"
CACHE = 500_000  # distinct (ORTH, POS, MORPH) kept; the cache starts again beyond that
KEY = [ORTH, POS, MORPH]


class IndexedLemmatizer:
    """A pipeline component (`doc -> doc`) that lemmatizes as `stock` does."""

    def __init__(self, stock: Lemmatizer) -> None:
        self.stock = stock
        self._lemmas: dict[tuple[int, int, int], int] = {}  # (ORTH, POS, MORPH) -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if len(self._lemmas) > CACHE:
            self._lemmas.clear()
        lemmas = doc.to_array([LEMMA])
        todo = np.arange(len(doc)) if self.stock.overwrite else np.flatnonzero(lemmas == 0)
        if not len(todo):
            return doc
        keys = doc.to_array(KEY)[todo]
        distinct, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        found = [self._lemma(tuple(key), doc, int(todo[i])) for key, i in zip(distinct.tolist(), first.tolist())]
        lemmas[todo] = np.array(found, dtype=np.uint64)[inverse.reshape(-1)]
        doc.from_array([LEMMA], lemmas)
        return doc

    def _lemma(self, key: tuple[int, int, int], doc: Doc, index: int) -> int:
        lemma = self._lemmas.get(key)
        if lemma is None:
            lemma = self._lemmas[key] = doc.vocab.strings.add(self.stock.lemmatize(doc[index])[0])
        return lemma


@Language.factory("akg_lemmatizer", default_config={"mode": "rule", "overwrite": False})
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> IndexedLemmatizer:
    """The language's own lemmatizer inside; its tables are those of the one it replaces (index_lemmatizer)."""
    return IndexedLemmatizer(nlp.create_pipe(LEMMATIZER, name, config={"mode": mode, "overwrite": overwrite}))


def index_lemmatizer(nlp: Language) -> None:
    """Put the indexed lemmatizer, with the same tables, in the place of the pipeline's rule lemmatizer."""
    if LEMMATIZER not in nlp.pipe_names:
        return
    stock = nlp.get_pipe(LEMMATIZER)
    if not isinstance(stock, Lemmatizer) or stock.mode != "rule":
        return
    indexed = nlp.replace_pipe(LEMMATIZER, "akg_lemmatizer", config={"mode": stock.mode, "overwrite": stock.overwrite})
    indexed.stock.lookups = stock.lookups
    indexed.stock._validate_tables()  # as the stock component does before its first document
