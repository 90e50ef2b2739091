"""The actor gazetteer (ontology/actors.ttl) and place list (ontology/places.ttl) as plain entries.

Turtle in -> `Gazetteer` out. The loader checks what the recogniser relies on (one type,
one preferred label, no alias shared by two actors) and names the offending actor.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import OWL, SKOS

from ..datafiles import load_turtle, line_of
from ..errors import OntologyError
from ..graph.namespaces import ACTOR, AKG, PLACE
from ..types import ACTOR_TYPES, Entity
from .names import normalise


@dataclass(frozen=True)
class Role:
    title: str
    of: str | None
    relation: str  # leaderOf | memberOf


@dataclass(frozen=True)
class ActorEntry:
    key: str
    type: str
    label: str
    aliases: tuple[str, ...]
    wikidata: str | None = None
    demonyms: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    gender: str | None = None
    roles: tuple[Role, ...] = ()
    member_of: tuple[str, ...] = ()

    def entity(self) -> Entity:
        """The actor as a document knows it, under its gazetteer label."""
        return Entity(self.key, self.type, self.label, self.wikidata)


@dataclass(frozen=True)
class PlaceEntry:
    key: str
    label: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    actors: dict[str, ActorEntry]
    places: dict[str, PlaceEntry]

    def by_name(self, demonyms: bool = False) -> dict[str, str]:
        """Every actor name (label and aliases, and demonyms if asked) in its normal form -> the actor's key;
        the first entry wins, and names win over demonyms."""
        out: dict[str, str] = {}
        for entry in self.actors.values():
            for name in (entry.label, *entry.aliases):
                out.setdefault(normalise(name), entry.key)
        for entry in self.actors.values() if demonyms else ():
            for name in entry.demonyms:
                out.setdefault(normalise(name), entry.key)
        return out

    def led(self, person: str, types: frozenset[str] | None = None) -> set[str]:
        """The actors (of these types, if given) the gazetteer says `person` leads."""
        entry = self.actors.get(person)
        return {role.of for role in entry.roles if role.relation == "leaderOf" and role.of in self.actors
                and (types is None or self.actors[role.of].type in types)} if entry else set()

    def commanded(self) -> dict[str, str]:
        """Person -> the actor whose forces are the person's: the one actor the person leads or, of several,
        the one that is part of another ("Assad's forces": the Syrian Arab Army, not the Baath Party)."""
        out = {}
        for key in self.actors:
            led = self.led(key)
            if len(led) > 1:
                led = {org for org in led if set(self.actors[org].member_of) & led}
            if len(led) == 1:
                out[key] = led.pop()
        return out

    def governed(self) -> dict[str, str]:
        """Person -> the one state the person heads ("Erdogan's regime" is Turkey's government)."""
        out = {}
        for key in self.actors:
            led = {state for state in self.led(key, frozenset({"State"})) if not self.actors[state].member_of}
            if len(led) == 1:
                out[key] = led.pop()
        return out

    def posts(self) -> dict[str, tuple[tuple[frozenset[str], Entity, str], ...]]:
        """Person -> each post the person holds: the words of its title, the actor it is of, and
        the relation (leaderOf, memberOf): "President Putin" names the post "President of Russia"."""
        return {entry.key: tuple((frozenset(normalise(role.title).split()), self.actors[role.of].entity(), role.relation)
                                 for role in entry.roles if role.of in self.actors)
                for entry in self.actors.values() if entry.roles}

    def holders_of(self, title_words: frozenset[str], of: str | None) -> list[str]:
        """Actors holding a role whose title contains all `title_words` (and is of `of`, if given)."""
        hits = []
        for entry in self.actors.values():
            for role in entry.roles:
                words = set(normalise(role.title).split())
                if title_words <= words and (of is None or role.of == of):
                    hits.append(entry.key)
                    break
        return hits


def _key(node: URIRef, base: str, path: Path) -> str:
    if not str(node).startswith(base):
        raise OntologyError(str(path), None, f"{node}: actor IRIs must start with {base}")
    return str(node)[len(base):]


def _texts(graph: Graph, node: URIRef, prop: URIRef) -> tuple[str, ...]:
    return tuple(sorted({str(o) for o in graph.objects(node, prop)}))


def _load_actors(path: Path) -> dict[str, ActorEntry]:
    graph = load_turtle(path)
    types = {AKG[t]: t for t in ACTOR_TYPES}
    actors: dict[str, ActorEntry] = {}
    nodes = sorted({s for s, o in graph.subject_objects(RDF.type) if o in types}, key=str)
    for node in nodes:
        key = _key(node, str(ACTOR), path)
        where = line_of(path, f"actor:{key} ")
        kinds = [types[o] for o in graph.objects(node, RDF.type) if o in types]
        labels = _texts(graph, node, SKOS.prefLabel)
        if len(kinds) != 1:
            raise OntologyError(str(path), where, f"actor:{key} has {len(kinds)} actor types, expected one")
        if len(labels) != 1:
            raise OntologyError(str(path), where, f"actor:{key} has {len(labels)} skos:prefLabel, expected one")
        wikidata = [str(o) for o in graph.objects(node, OWL.sameAs) if "wikidata.org" in str(o)]
        roles = []
        for role in graph.objects(node, AKG.role):
            title = graph.value(role, AKG.title)
            relation = graph.value(role, AKG.relation)
            of = graph.value(role, AKG.of)
            if title is None:
                raise OntologyError(str(path), where, f"actor:{key} has a role without akg:title")
            roles.append(Role(str(title), _key(of, str(ACTOR), path) if of else None,
                              str(relation).rsplit("#", 1)[-1] if relation else "memberOf"))
        member_of = [_key(o, str(ACTOR), path) for o in graph.objects(node, AKG.memberOf)]
        actors[key] = ActorEntry(
            key=key,
            type=kinds[0],
            label=labels[0],
            aliases=_texts(graph, node, SKOS.altLabel),
            wikidata=sorted(wikidata)[0] if wikidata else None,
            demonyms=_texts(graph, node, AKG.demonym),
            seats=_texts(graph, node, AKG.seat),
            gender=str(graph.value(node, AKG.gender)) if graph.value(node, AKG.gender) else None,
            roles=tuple(sorted(roles, key=lambda r: (r.title, r.of or ""))),
            member_of=tuple(sorted(member_of)),
        )
    _check_aliases(path, actors)
    return actors


def _check_aliases(path: Path, actors: dict[str, ActorEntry]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in actors.values():
        for name in (entry.label, *entry.aliases, *entry.seats):
            owners[normalise(name)].add(entry.key)
    for name, keys in sorted(owners.items()):
        if len(keys) > 1:
            raise OntologyError(str(path), line_of(path, f"actor:{sorted(keys)[1]} "),
                                f"the name {name!r} belongs to several actors: {sorted(keys)}")


def _load_places(path: Path) -> dict[str, PlaceEntry]:
    if not path.exists():
        return {}
    graph = load_turtle(path)
    places = {}
    for node in sorted(set(graph.subjects(RDF.type, AKG.Place)), key=str):
        key = _key(node, str(PLACE), path)
        labels = _texts(graph, node, SKOS.prefLabel)
        if len(labels) != 1:
            raise OntologyError(str(path), line_of(path, f"place:{key} "), f"place:{key} needs one skos:prefLabel")
        places[key] = PlaceEntry(key, labels[0], _texts(graph, node, SKOS.altLabel))
    return places


@lru_cache(maxsize=4)
def load_gazetteer(ontology: Path) -> Gazetteer:
    return Gazetteer(_load_actors(ontology / "actors.ttl"), _load_places(ontology / "places.ttl"))
