"""Gazetteer recognition: the `akg_actor_ruler` component, placed before spaCy's statistical NER.

Doc in -> doc.ents holding gazetteer names (label AKG_ACTOR, AKG_DEMONYM, AKG_SEAT or
AKG_PLACE, `ent_id_` = the key); the NER then labels what is left around them.
Matching is on lower case, except acronyms ("US", "IS"), which must match exactly.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import Gazetteer
from .names import is_acronym, variants

ACTOR, DEMONYM, SEAT, PLACE = "AKG_ACTOR", "AKG_DEMONYM", "AKG_SEAT", "AKG_PLACE"


def _names(gazetteer: Gazetteer, group_nouns: frozenset[str]) -> Iterator[tuple[str, str, str]]:
    """(label, key, surface form) for every name the gazetteer knows, and a group's name with
    its head noun swapped for another of `group_nouns` where no other actor has that name."""
    taken = {form.lower() for entry in gazetteer.actors.values() for name in (entry.label, *entry.aliases)
             for form in variants(name)}
    for entry in gazetteer.actors.values():
        for name in (entry.label, *entry.aliases):
            for form in variants(name):
                yield ACTOR, entry.key, form
                stem, _, head = form.rpartition(" ")
                if stem and head.lower() in group_nouns:
                    for other in sorted(group_nouns - {head.lower()}):
                        if f"{stem} {other}".lower() not in taken:
                            yield ACTOR, entry.key, f"{stem} {other}"
        for name in entry.demonyms:
            yield DEMONYM, entry.key, name
        for name in entry.seats:
            for form in variants(name):
                yield SEAT, entry.key, form
    for place in gazetteer.places.values():
        for name in (place.label, *place.aliases):
            for form in variants(name):
                yield PLACE, place.key, form


class ActorRuler:
    def __init__(self, nlp: Language, gazetteer: Gazetteer, group_nouns: frozenset[str] = frozenset()) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.ids: dict[str, tuple[str, str]] = {}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        seen: set[tuple[str, str, str]] = set()
        for label, key, form in sorted(_names(gazetteer, group_nouns)):
            match_id = f"{label}|{key}"
            self.ids[match_id] = (label, key)
            exact_match = is_acronym(form) or label == DEMONYM
            if (match_id, form if exact_match else form.lower(), str(exact_match)) in seen:
                continue
            seen.add((match_id, form if exact_match else form.lower(), str(exact_match)))
            target = exact if exact_match else folded
            target.setdefault(match_id, []).append(nlp.make_doc(form))
        for match_id, docs in exact.items():
            self.exact.add(match_id, docs)
        for match_id, docs in folded.items():
            self.folded.add(match_id, docs)

    def match(self, doc: Doc) -> list[Span]:
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                label, key = self.ids[doc.vocab.strings[match_id]]
                spans.append(Span(doc, start, end, label=label, span_id=key))
        # the longest match wins; a gazetteer name always beats a shorter demonym inside it
        return filter_spans(spans)

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = self.match(doc)
        return doc
