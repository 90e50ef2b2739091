"""A faster matcher for spaCy's attribute_ruler, with the same matches.

The stock `attribute_ruler` (the tag map and its exceptions: ~180 patterns in en_core_web_sm)
runs a `Matcher` that tries every pattern on every token: about a tenth of the stock
pipeline's time. Its patterns are short fixed sequences of tokens, each token tested for
equality, set membership or a regular expression on TAG, LOWER, DEP or IS_SPACE. Which tests a
token passes depends only on those four values, so it is worked out once per distinct
combination of them and kept; a document then costs one array and a dictionary lookup per
token. A pattern with anything else (an operator, another attribute) stays with a stock
`Matcher` that holds only such patterns (none in en_core_web_sm). The ruler's own `match` and
`set_annotations` are unchanged, so tokens get the very annotations the stock component gives
(tests/nlp/test_attribute_index.py compares the two matchers on the seeds and on edge cases).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
ATTRIBUTES = [TAG, LOWER, DEP, IS_SPACE]
RULER = "attribute_ruler"
CACHE = 200_000  # distinct token values kept (a few MB); the cache starts again beyond that

Values = tuple[int, ...]  # a token's TAG, LOWER, DEP (string hashes) and IS_SPACE (0 or 1)


@dataclass(frozen=True)
class Pattern:
    key: int  # the ruler's match id
    tokens: tuple[int, ...]  # a token test (an index into IndexedMatcher._tests) per token


@dataclass(frozen=True)
class Passed:
    """What a token with given values matches."""

    keys: tuple[int, ...]  # the one-token patterns (once each, whatever the alternatives)
    tests: frozenset[int]  # the token tests
    starts: tuple[Pattern, ...]  # the longer patterns whose first token it matches


class IndexedMatcher:
    """Called as the ruler calls its Matcher: `matcher(doc, allow_missing=True, as_spans=False)`."""

    def __init__(self, matcher: Matcher, vocab: Any, rules: int) -> None:
        """`rules`: how many rules the ruler holds; rule i has the match id of the string "i"."""
        self._stock = matcher
        self._rest = Matcher(vocab)
        self._tests: list[TokenTest] = []
        self._patterns: list[Pattern] = []
        for rule in range(rules):
            key = get_string_id(str(rule))
            _, alternatives = matcher.get(key)
            tokens = [self._token_tests(alternative) for alternative in alternatives]
            if any(t is None for t in tokens):
                self._rest.add(key, alternatives)
            else:
                self._patterns.extend(Pattern(key, t) for t in tokens if t is not None)
        self._single = [p for p in self._patterns if len(p.tokens) == 1]
        self._longer = [p for p in self._patterns if len(p.tokens) > 1]
        self._passed: dict[Values, Passed] = {}
        self._guarded: dict[tuple[int, int], list[int]] = {}  # (column, value) -> the tests that need it
        self._unguarded: list[int] = []
        for number, test in enumerate(self._tests):
            guard = test.guard()
            if guard is None:
                self._unguarded.append(number)
            for value in guard.members if guard else ():
                self._guarded.setdefault((guard.column, value), []).append(number)

    def __call__(self, doc: Doc, allow_missing: bool = False, as_spans: bool = False) -> list[tuple[int, int, int]]:
        if as_spans:
            raise ValueError("the attribute ruler's matcher gives (match id, start, end) tuples")
        matches = self._rest(doc, allow_missing=allow_missing) if len(self._rest) else []
        if not len(doc):
            return matches
        if len(self._passed) > CACHE:
            self._passed.clear()
        passed: list[Passed] = []
        for start, row in enumerate(doc.to_array(ATTRIBUTES).reshape(len(doc), len(ATTRIBUTES)).tolist()):
            values = tuple(row)
            known = self._passed.get(values)
            if known is None:
                known = self._passed[values] = self._evaluate(values, doc.vocab.strings)
            passed.append(known)
            matches.extend((key, start, start + 1) for key in known.keys)
        for start, known in enumerate(passed):
            for pattern in known.starts:
                end = start + len(pattern.tokens)
                if end <= len(doc) and all(test in passed[start + offset].tests
                                           for offset, test in enumerate(pattern.tokens[1:], 1)):
                    matches.append((pattern.key, start, end))
        return matches

    def _evaluate(self, values: Values, strings: StringStore) -> Passed:
        candidates = set(self._unguarded).union(*(self._guarded.get(item, ()) for item in enumerate(values)))
        tests = frozenset(i for i in candidates if self._tests[i].holds(values, strings))
        return Passed(tuple(dict.fromkeys(p.key for p in self._single if p.tokens[0] in tests)),
                      tests, tuple(p for p in self._longer if p.tokens[0] in tests))

    def _token_tests(self, alternative: list[dict[str, Any]]) -> tuple[int, ...] | None:
        tokens = []
        for spec in alternative:
            test = _token_test(spec)
            if test is None:
                return None
            tokens.append(len(self._tests))
            self._tests.append(test)
        return tuple(tokens)

    @property
    def stock(self) -> Matcher:
        return self._stock

    def add(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("the attribute ruler's patterns are indexed: add them before index_attribute_ruler")

    def __getattr__(self, name: str) -> Any:  # `get` (the ruler's `patterns` reads it) and the rest
        return getattr(self._stock, name)


@dataclass(frozen=True)
class Condition:
    """One condition on one value: membership (negated or not) in string hashes, or a regular
    expression searched in the value's string (as the Matcher's REGEX)."""

    column: int
    members: frozenset[int] = frozenset()
    negated: bool = False
    regex: re.Pattern[str] | None = None

    def holds(self, values: Values, strings: StringStore) -> bool:
        if self.regex is not None:
            return self.regex.search(strings[values[self.column]]) is not None
        return (values[self.column] in self.members) != self.negated


@dataclass(frozen=True)
class TokenTest:
    """All the conditions of one token of a pattern."""

    conditions: tuple[Condition, ...]

    def holds(self, values: Values, strings: StringStore) -> bool:
        return all(condition.holds(values, strings) for condition in self.conditions)

    def guard(self) -> Condition | None:
        """A condition that lists every value the token can have (so that only tokens with one of
        them need the test), if there is one."""
        return next((c for c in self.conditions if c.regex is None and not c.negated), None)


def _token_test(spec: dict[str, Any]) -> TokenTest | None:
    """One token of a pattern as a test of its values, or None when it uses something the stock
    Matcher must do (an operator, another attribute, another predicate)."""
    conditions = []
    for name, value in spec.items():
        if name not in COLUMNS:
            return None
        column = COLUMNS.index(name)
        if not isinstance(value, dict):
            conditions.append(Condition(column, _hashes([value])))
            continue
        if len(value) != 1:
            return None
        (predicate, argument), = value.items()
        if predicate in ("IN", "NOT_IN"):
            conditions.append(Condition(column, _hashes(argument), predicate == "NOT_IN"))
        elif predicate == "REGEX" and name != "IS_SPACE":
            conditions.append(Condition(column, regex=re.compile(argument)))
        else:
            return None
    return TokenTest(tuple(conditions))


def _hashes(values: list[Any]) -> frozenset[int]:
    return frozenset(int(v) if isinstance(v, bool) else get_string_id(v) for v in values)


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute_ruler (if it has one) the indexed matcher."""
    if RULER in nlp.pipe_names:
        ruler = nlp.get_pipe(RULER)
        ruler.matcher = IndexedMatcher(ruler.matcher, nlp.vocab, len(ruler.attrs))
