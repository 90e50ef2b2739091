"""Colours, shapes and names of what the page draws: actor types and relation families."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str  # the akg class
    label: str
    colour: str
    shape: str  # a vis.js node shape


@dataclass(frozen=True)
class Family:
    name: str
    label: str
    colour: str
    relations: tuple[str, ...]


KINDS: tuple[Kind, ...] = (
    Kind("Person", "Person", "#4e79a7", "dot"),
    Kind("ArmedGroup", "Armed group", "#e15759", "dot"),
    Kind("State", "State", "#59a14f", "dot"),
    Kind("InternationalOrganization", "International organisation", "#b07aa1", "dot"),
    Kind("Organization", "Organisation", "#f28e2b", "dot"),
    Kind("Place", "Place (target)", "#9c755f", "diamond"),
    Kind("Population", "Population (target)", "#bab0ac", "triangle"),
    Kind("Other", "Other", "#d0d0d0", "dot"),
)

FAMILIES: tuple[Family, ...] = (
    Family("alliance", "Allegiance, affiliation, alliance, support", "#2ca02c",
           ("allegianceTo", "affiliatedWith", "alliedWith", "supports")),
    Family("hostility", "Opposition, attacks, accusations, rejections", "#d62728",
           ("opposes", "attacks", "accuses", "rejects")),
    Family("contact", "Meetings and requests", "#1f77b4", ("meetsWith", "requests")),
    Family("structure", "Structure: leader of, member of", "#7f7f7f", ("leaderOf", "memberOf")),
    Family("other", "Other relations", "#bcbd22", ()),
)
FAMILY_OF = {relation: family for family in FAMILIES for relation in family.relations}
RELATION_ORDER = tuple(relation for family in FAMILIES for relation in family.relations)
SYMMETRIC = frozenset({"alliedWith", "meetsWith"})
RELATION_LABELS = {
    "allegianceTo": "allegiance to", "affiliatedWith": "affiliated with", "alliedWith": "allied with",
    "supports": "supports", "opposes": "opposes", "attacks": "attacks", "accuses": "accuses",
    "rejects": "rejects", "meetsWith": "meets with", "requests": "requests", "leaderOf": "leader of",
    "memberOf": "member of",
}


def family_of(relation: str) -> Family:
    return FAMILY_OF.get(relation, FAMILIES[-1])


def relation_label(relation: str) -> str:
    return RELATION_LABELS.get(relation, relation)
