"""Finding the few tokens of a document that a component looks at, without visiting the others.

A component that asks each token of a long article `token.lemma_ in words` makes a Python
Token object per word and per question (a few microseconds each). A `TokenFilter` reads the
token attributes as one array and gives the indices of the tokens whose strings pass its tests,
in document order: the component then makes objects of those only, and decides as before.
Each distinct string is tested once per process (the answer is kept by the string's hash).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from spacy.tokens import Doc

StringTest = Callable[[str], bool]


class TokenFilter:
    def __init__(self, tests: Mapping[int, StringTest]) -> None:
        """`tests`: a test per attribute (a spacy.attrs id: LOWER, LEMMA, POS, ...)."""
        self.attributes = list(tests)
        self.tests = [tests[attribute] for attribute in self.attributes]
        self.tested = [np.empty(0, dtype=np.uint64) for _ in self.attributes]  # sorted string hashes
        self.passing = [np.empty(0, dtype=np.uint64) for _ in self.attributes]

    def __call__(self, doc: Doc) -> list[int]:
        """Indices of the tokens for which at least one attribute's string passes its test."""
        if not len(doc):
            return []
        values = doc.to_array(self.attributes).reshape(len(doc), len(self.attributes))  # one attribute: 1-D
        keep = np.zeros(len(doc), dtype=bool)
        for column in range(len(self.attributes)):
            distinct = np.unique(values[:, column])
            new = distinct[~np.isin(distinct, self.tested[column], assume_unique=True)]
            if len(new):
                test, strings = self.tests[column], doc.vocab.strings
                passed = np.array([value for value in new.tolist() if test(strings[value])], dtype=np.uint64)
                self.tested[column] = np.union1d(self.tested[column], new)
                self.passing[column] = np.union1d(self.passing[column], passed)
            keep |= np.isin(values[:, column], self.passing[column])
        return np.flatnonzero(keep).tolist()
