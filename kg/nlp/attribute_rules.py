"""spaCy's attribute_ruler, indexed: the same rules, the same annotations, in a fraction of the time.

The stock `attribute_ruler` (the tag map and its exceptions: 179 rules in en_core_web_sm) runs
a `Matcher` that tries every pattern on every token, makes a Span per match and sets the
attributes token by token: about a tenth of the stock pipeline's time. Its patterns are short
fixed sequences of tokens, each token tested for equality, set membership or a regular
expression on TAG, LOWER, DEP or IS_SPACE. What a token matches, and what the one-token rules
then set on it, depend only on those four values: that is worked out once per distinct
combination of them and kept, so a document costs two arrays and a dictionary lookup per token.

The semantics are the stock component's: rules apply in the order they were added, a later
rule's value wins, a pattern sets the token at its `index`. A rule that uses anything else (an
operator, another attribute) stays with a stock `Matcher` that holds only such rules (none in
en_core_web_sm); a ruler whose rules set extension attributes is left as it is.
tests/nlp/test_attribute_rules.py compares every token annotation with the stock component's.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
ATTRIBUTES = [TAG, LOWER, DEP, IS_SPACE]
RULER = "attribute_ruler"
CACHE = 200_000  # distinct token values kept (a few MB); the cache starts again beyond that

Values = tuple[int, ...]  # a token's TAG, LOWER, DEP (string hashes) and IS_SPACE (0 or 1)


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


@dataclass(frozen=True)
class Pattern:
    rule: int
    tokens: tuple[int, ...]  # a token test (an index into IndexedAttributeRuler._tests) per token


@dataclass(frozen=True)
class Passed:
    """What a token with given values matches, and what its one-token rules set on it."""

    rules: tuple[int, ...]  # the one-token rules it matches, in order
    sets: tuple[tuple[int, int], ...]  # (column, value): what those rules leave, the last one winning
    tests: frozenset[int]  # the token tests it passes
    starts: tuple[Pattern, ...]  # the longer patterns whose first token it matches


class IndexedAttributeRuler:
    """A pipeline component (`doc -> doc`) that annotates as `ruler` does."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.stock = ruler
        self._attrs: list[dict[int, int]] = ruler.attrs
        self._indices: list[int] = ruler.indices
        self._set = sorted({attr for attrs in self._attrs for attr in attrs})  # the attributes rules set
        self._rest = Matcher(ruler.vocab)
        self._rule_of: dict[int, int] = {}  # match id in _rest -> rule
        self._tests: list[TokenTest] = []
        patterns: list[Pattern] = []
        for rule in range(len(self._attrs)):
            key = get_string_id(str(rule))  # the ruler names its rules "0", "1", ...
            _, alternatives = ruler.matcher.get(key)
            tokens = [self._token_tests(alternative) for alternative in alternatives]
            if any(t is None for t in tokens):
                self._rest.add(key, alternatives)
                self._rule_of[key] = rule
            else:
                patterns.extend(Pattern(rule, t) for t in tokens if t is not None)
        self._single = [p for p in patterns if len(p.tokens) == 1]
        self._longer = [p for p in patterns if len(p.tokens) > 1]
        self._guarded: dict[tuple[int, int], list[int]] = {}  # (column, value) -> the tests that need it
        self._unguarded: list[int] = []
        for number, test in enumerate(self._tests):
            guard = test.guard()
            if guard is None:
                self._unguarded.append(number)
            for value in guard.members if guard else ():
                self._guarded.setdefault((guard.column, value), []).append(number)
        self._forget()

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self._set:
            return doc
        if len(self._passed) > CACHE:
            self._forget()
        distinct, inverse = np.unique(doc.to_array(ATTRIBUTES).reshape(len(doc), len(ATTRIBUTES)), axis=0,
                                      return_inverse=True)
        ids = np.array([self._known(tuple(row), doc.vocab.strings) for row in distinct.tolist()],
                       dtype=np.int64)[inverse.reshape(-1)]
        table = doc.to_array(self._set).reshape(len(doc), len(self._set))
        table = np.where(self._mask[ids], self._value[ids], table)
        for token, rules in self._longer_matches(doc, ids).items():
            for column, value in self._merge(sorted(self._registry[ids[token]].rules + tuple(rules))):
                table[token, column] = value
        doc.from_array(self._set, table)
        return doc

    def _known(self, values: Values, strings: StringStore) -> int:
        """The number of what a token with `values` matches (see _registry), worked out the first time."""
        number = self._passed.get(values)
        if number is None:
            passed = self._evaluate(values, strings)
            number = self._passed[values] = len(self._registry)
            self._registry.append(passed)
            if number == len(self._value):
                self._value = np.concatenate([self._value, np.zeros_like(self._value)])
                self._mask = np.concatenate([self._mask, np.zeros_like(self._mask)])
                self._starts = np.concatenate([self._starts, np.zeros_like(self._starts)])
            self._starts[number] = bool(passed.starts)
            for column, value in passed.sets:
                self._value[number, column], self._mask[number, column] = value, True
        return number

    def _forget(self) -> None:
        self._passed: dict[Values, int] = {}
        self._registry: list[Passed] = []
        self._value = np.zeros((1024, len(self._set)), dtype=np.uint64)  # row i: what registry[i] sets
        self._mask = np.zeros((1024, len(self._set)), dtype=bool)
        self._starts = np.zeros(1024, dtype=bool)  # whether registry[i] starts a pattern of several tokens

    def _longer_matches(self, doc: Doc, ids: np.ndarray) -> dict[int, list[int]]:
        """The rules that patterns of several tokens (and the rules in _rest) apply, by the token they set."""
        matches = []
        for start in np.flatnonzero(self._starts[ids]).tolist():
            for pattern in self._registry[ids[start]].starts:
                end = start + len(pattern.tokens)
                if end <= len(doc) and all(test in self._registry[ids[start + offset]].tests
                                           for offset, test in enumerate(pattern.tokens[1:], 1)):
                    matches.append((pattern.rule, start, end))
        if len(self._rest):
            matches.extend((self._rule_of[key], start, end) for key, start, end in self._rest(doc, allow_missing=True))
        more: dict[int, list[int]] = {}
        for rule, start, end in matches:
            index = self._indices[rule]
            target = start + index if index >= 0 else end + index
            if not start <= target < end:
                raise ValueError(f"attribute_ruler rule {rule}: index {index} is outside its match "
                                 f"({doc[start:end].text!r})")
            more.setdefault(target, []).append(rule)
        return more

    def _evaluate(self, values: Values, strings: StringStore) -> Passed:
        candidates = set(self._unguarded).union(*(self._guarded.get(item, ()) for item in enumerate(values)))
        tests = frozenset(i for i in candidates if self._tests[i].holds(values, strings))
        rules = tuple(dict.fromkeys(p.rule for p in self._single if p.tokens[0] in tests))
        return Passed(rules, self._merge(rules), tests, tuple(p for p in self._longer if p.tokens[0] in tests))

    def _merge(self, rules: Iterable[int]) -> tuple[tuple[int, int], ...]:
        """What `rules`, applied in this order, leave set: (column in _set, value)."""
        sets: dict[int, int] = {}
        for rule in rules:
            for attr, value in self._attrs[rule].items():
                sets[self._set.index(attr)] = value
        return tuple(sets.items())

    def _token_tests(self, alternative: list[dict[str, Any]]) -> tuple[int, ...] | None:
        tokens = []
        for spec in alternative:
            test = _token_test(spec)
            if test is None:
                return None
            tokens.append(len(self._tests))
            self._tests.append(test)
        return tuple(tokens)


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


@Language.factory("akg_attribute_rules", default_config={"patterns": []})
def make_attribute_rules(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> IndexedAttributeRuler | AttributeRuler:
    """`patterns` as AttributeRuler.patterns gives them; a ruler that sets extension attributes stays stock."""
    ruler = AttributeRuler(nlp.vocab, name)
    ruler.add_patterns(patterns)
    return ruler if any("_" in attrs for attrs in ruler.attrs) else IndexedAttributeRuler(ruler)


def index_attribute_ruler(nlp: Language) -> None:
    """Put the indexed ruler, with the same rules, in the place of the pipeline's attribute_ruler."""
    if RULER in nlp.pipe_names:
        nlp.replace_pipe(RULER, "akg_attribute_rules", config={"patterns": nlp.get_pipe(RULER).patterns})
