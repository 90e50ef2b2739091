"""The cross-document step: one node per actor for the whole corpus.

Per-document results in -> the shared graph's triples out: each actor's class, preferred
label, every spelling seen (skos:altLabel), mention count and Wikidata link; places and
populations that claims aim at; authors, outlets; each actor's profile (kg/graph/profiles.py);
the ontology itself. It needs only the per-document results, never the texts, so it runs after
a local or a distributed build.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from ..actors.gazetteer import Gazetteer
from ..types import ACTOR_TYPES, DocResult
from .iris import entity_iri
from .namespaces import AKG
from .profiles import claim_keys, profile_triples
from .triples import Triple, author_key

NAME_KINDS = ("name", "metonym", "place")


@dataclass
class ActorTally:
    """Everything the corpus says about who its actors are, summed over documents."""

    types: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    names: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    mentions: Counter = field(default_factory=Counter)
    wikidata: dict[str, str] = field(default_factory=dict)
    labels: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    former: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    claims: Counter = field(default_factory=Counter)  # ClaimKey -> claims, for the actors' profiles

    def add(self, result: DocResult) -> None:
        for entity in result.entities:
            self.types[entity.key][entity.type] += 1
            self.labels[entity.key][entity.label] += 1
            if entity.wikidata:
                self.wikidata[entity.key] = entity.wikidata
        for mention in result.mentions:
            self.mentions[mention.key] += 1
            if mention.kind in NAME_KINDS:
                self.names[mention.key][mention.text.strip()] += 1
        for person, kind in ((result.meta.author, "Person"), (result.meta.outlet, "Organization")):
            if person:
                key = author_key(person)
                self.types[key][kind] += 1
                self.names[key][person] += 1
                self.mentions[key] += 1
        for renaming in result.renamings:
            self.names[renaming.key][renaming.former] += 1
            self.former[renaming.key].add(renaming.former)
        self.claims.update(claim_keys(result))


def _type(counts: Counter) -> str:
    order = {t: i for i, t in enumerate((*ACTOR_TYPES, "Place", "Population"))}
    return sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99)))[0][0]


def shared_triples(tally: ActorTally, gazetteer: Gazetteer, ontology: Graph) -> Iterator[Triple]:
    yield from ontology
    present = set(tally.types)
    labels: dict[str, str] = {}
    actors = []
    for key in sorted(present):
        node = entity_iri(key)
        kind = _type(tally.types[key])
        entry = gazetteer.actors.get(key)
        seen = tally.names.get(key, Counter())
        place = gazetteer.places.get(key.split(":", 1)[1]) if key.startswith("place:") else None
        if entry or place:
            label = (entry or place).label
        else:
            named = seen or tally.labels.get(key, Counter())
            label = sorted(named.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0] if named else key
        labels[key] = label
        yield node, RDF.type, AKG[kind]
        yield node, SKOS.prefLabel, Literal(label)
        names = set(seen) | (set(entry.aliases) if entry else set()) | (set(place.aliases) if place else set())
        for name in sorted(names - {label}):
            yield node, SKOS.altLabel, Literal(name)
        if kind not in ("Place", "Population"):
            actors.append(key)
            yield node, AKG.mentionCount, Literal(max(1, tally.mentions.get(key, 0)))
        wikidata = tally.wikidata.get(key) or (entry.wikidata if entry else None)
        if wikidata:
            yield node, OWL.sameAs, URIRef(wikidata)
        if entry:
            for whole in entry.member_of:
                if whole in present:
                    yield node, AKG.memberOf, entity_iri(whole)
    yield from profile_triples(tally.claims, labels, actors)
