"""Descriptors a document attaches to its actors (framing) -> Description records.

A descriptor is a word of the `descriptors` list of ontology/cues.yaml ("terrorist",
"rebel", "moderate", "regime", "head chopper") that the syntax ties to an actor mention:

  apposition        "JFS, the jihadist group"; "the powerful jihadist group Jabhat Fateh al-Sham"
  predicate         "X are terrorists", "X is considered a terrorist group", "they call X rebels"
  head noun         "Jabhat al-Nusra militants", "the al Zinki gang", "the infamous «White Helmets»"
  "of" noun         "the jihadists of Jabhat Fatah al-Sham"
  examples          "terrorist groups such as X", "X and other jihadists"
  own modifiers     "the moderate Free Syrian Army"; a description resolved to an actor,
                    "the regime", "the jihadist group", is described by its own words
  own name          a lower-case word heading a name: "the Assad regime", "the Syrian government"

Capitalised words of a name ("Syrian Opposition Coalition") are the name, not descriptors, and a
negated predicate ("they are not terrorists") describes nothing.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..cues import Cues
from ..relations.extract import sentence_bounds
from ..types import Description
from .mentions import Mentions, speaker

NP_MODIFIERS = frozenset({"amod", "compound", "nmod"})
HEAD_DEPS = frozenset({"compound", "nmod", "amod"})
COPULAS = frozenset({"be", "become", "remain"})
EXAMPLE_PREPOSITIONS = frozenset({"like", "as", "including"})  # "groups like X", "such as X", "including X"


def find_descriptions(doc: Doc, cues: Cues, mentions: Mentions | None = None) -> list[Description]:
    mentions = Mentions(doc) if mentions is None else mentions
    vocabulary = frozenset(w.replace("-", " ") for w in cues.descriptors)
    seen: dict[tuple[str, int], Description] = {}
    for span in mentions.spans():
        inside = _inside(span)
        outside = [t for t in _describing(span, mentions, cues, vocabulary) if not span.start <= t.i < span.end]
        for token in inside + outside:
            if (span.id_, token.i) in seen:
                continue
            descriptor = _descriptor(token, vocabulary)
            if descriptor is None:
                continue
            start, end = sentence_bounds(token.sent)
            first = min([token.i] + [c.i for c in token.children if c.dep_ == "compound"])
            seen[span.id_, token.i] = Description(
                key=span.id_,
                descriptor=descriptor,
                sentence_start=start,
                sentence_end=end,
                start=doc[first].idx,
                end=token.idx + len(token),
                asserted_by=speaker(token, mentions, cues),
            )
    return sorted(seen.values(), key=lambda d: (d.start, d.key))


def _inside(span: Span) -> list[Token]:
    """Lower-case words of a name that describe ("the Assad regime", "the Syrian government", "regime
    forces"); not a word after a prefix ("pro-regime", "anti-government") or the name's first word."""
    if span.label_ != "name":
        return []
    doc = span.doc
    return [t for t in span if t.is_lower and t.i > span.start and doc[t.i - 1].text != "-"
            and (t.i == span.root.i or t.head.i == span.root.i)]


def _descriptor(token: Token, vocabulary: frozenset[str]) -> str | None:
    """The vocabulary entry a token stands for: its lemma, its plural-less form, or with its compound
    ("head choppers", "freedom fighters", "head-choppers")."""
    lemma, lower = token.lemma_.lower(), token.lower_
    forms = [lemma, lower, lower[:-1] if lower.endswith("s") else lower]
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i:
            forms = [f"{child.lower_} {form}" for form in forms[:2]] + forms
    return next((form for form in forms if form in vocabulary), None)


def _phrase(head: Token) -> list[Token]:
    """A noun phrase's head and the words that modify it before it ("the moderate rebels")."""
    words = [head]
    for child in head.children:
        if child.dep_ in NP_MODIFIERS and child.i < head.i and child.tag_ not in ("NNS", "NNPS"):  # not "rebels supporters"
            words.append(child)
            words.extend(c for c in child.children if c.dep_ == "conj")  # "moderate and secular"
    return words


def _foreign(token: Token, span: Span, mentions: Mentions) -> bool:
    """The token is part of another actor's mention: what describes it is that actor's."""
    key = mentions.key_at(token)
    return key is not None and key != span.id_


def _edges(span: Span) -> list[Token]:
    """The tokens of a mention that hang outside it (one, unless the parser split the name)."""
    return [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]


def _describing(span: Span, mentions: Mentions, cues: Cues, vocabulary: frozenset[str]) -> Iterator[Token]:
    """The words that may describe the actor mentioned by `span`."""
    doc = span.doc
    hyphenated = span.end < len(doc) and doc[span.end].text == "-"  # "al-Qaeda-linked": not al-Qaeda itself
    for root in _edges(span):
        if span.label_ == "description" or root.i == span.root.i:
            yield from _phrase(root)
        for child in root.children:
            if child.dep_ == "appos" and not _foreign(child, span, mentions):
                yield from _phrase(child)
        head = root.head
        if root.dep_ == "appos" and not _foreign(head, span, mentions):
            yield from _phrase(head)
        if root.dep_ in HEAD_DEPS and not head.is_alpha and head.pos_ == "NOUN":
            yield from _phrase(head)  # "the infamous «White Helmets»": the parser heads the name with a quote mark
        if (root.dep_ in HEAD_DEPS and not hyphenated and _descriptor(head, vocabulary)
                and not _foreign(head, span, mentions)
                and (span.label_ != "demonym" or head.lemma_.lower() in cues.descriptions)):
            yield from _phrase(head)  # "the al Zinki gang"; a demonym only with "regime", "government"
            yield from _predicate(head, cues)  # "Jabhat al-Nusra militants are terrorists"
        if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            owner = head.head  # "the jihadists of Jabhat Fatah al-Sham"
            if _descriptor(owner, vocabulary) and not _foreign(owner, span, mentions):
                yield from _phrase(owner)
        yield from _examples(root)
        yield from _predicate(root, cues)


def _examples(root: Token) -> Iterator[Token]:
    """"terrorist groups such as X", "jihadists like X", "militias including X and Y", "X and other militants"."""
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    head = first.head
    if first.dep_ == "pobj" and head.lower_ in EXAMPLE_PREPOSITIONS and head.head.pos_ == "NOUN":
        yield from _phrase(head.head)
    for other in root.conjuncts:
        if any(c.lower_ == "other" for c in other.children):
            yield from _phrase(other)


def _predicate(root: Token, cues: Cues) -> Iterator[Token]:
    """"X are terrorists", "X is considered a terrorist group", "they call X rebels", "the US considers X a
    terrorist organisation"; nothing when the predicate is negated."""
    verb = root.head
    if any(c.dep_ == "neg" for c in verb.children):
        return
    lemma = verb.lemma_.lower()
    if root.dep_ in ("nsubj", "nsubjpass") and lemma in COPULAS:
        for child in verb.children:
            if child.dep_ in ("attr", "acomp") and not any(c.dep_ == "neg" for c in child.children):
                yield from _phrase(child)
    if root.dep_ == "nsubj" and verb.pos_ == "NOUN" and verb.head.lemma_.lower() in cues.naming_verbs:
        yield from _phrase(verb)  # a small clause
    if root.dep_ in ("nsubjpass", "dobj", "nsubj") and lemma in cues.naming_verbs:
        for child in verb.children:
            if child.dep_ in ("oprd", "xcomp", "attr"):
                yield from _phrase(child)
            if child.dep_ == "prep" and child.lower_ == "as":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield from _phrase(pobj)
