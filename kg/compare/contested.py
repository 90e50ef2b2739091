"""Contested claims: where two sources disagree about the same actors.

  opposite polarity   one source asserts what another denies: same subject, relation and object
                      (a place object compared by its normalised name: "east Aleppo" = "eastern Aleppo")
  incompatible        one source asserts one relation and another an incompatible one on the same pair
                      (cues.yaml `incompatible_relations`: supports vs attacks/opposes, alliedWith vs ...)

Only claims of different documents are compared: a document that contradicts itself is not a
dispute between sources.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..cues import ComparisonCues
from ..types import SYMMETRIC
from .places import place_key
from .records import ClaimRow

OPPOSITE, INCOMPATIBLE = "opposite polarity", "incompatible relations"


@dataclass(frozen=True)
class Contest:
    kind: str  # OPPOSITE | INCOMPATIBLE
    first: ClaimRow  # the positive claim (OPPOSITE), or the claim of the relation the cues list first
    second: ClaimRow


def _target(claim: ClaimRow, cues: ComparisonCues) -> str:
    return "place:" + place_key(claim.object_label, cues.place_words) if claim.object_kind == "Place" else claim.object


def _pair(claim: ClaimRow, cues: ComparisonCues, symmetric: bool) -> tuple[str, str]:
    pair = (claim.subject, _target(claim, cues))
    return tuple(sorted(pair)) if symmetric else pair  # type: ignore[return-value]


def find_contests(claims: Iterable[ClaimRow], cues: ComparisonCues) -> list[Contest]:
    claims = list(claims)
    out: dict[tuple[str, str], Contest] = {}
    by_statement: dict[tuple, dict[str, list[ClaimRow]]] = defaultdict(lambda: defaultdict(list))
    for claim in claims:
        key = (claim.relation, *_pair(claim, cues, claim.relation in SYMMETRIC))
        by_statement[key][claim.polarity].append(claim)
    for sides in by_statement.values():
        for yes in sides.get("positive", []):
            for no in sides.get("negative", []):
                if yes.evidence.document != no.evidence.document:
                    out.setdefault((yes.iri, no.iri), Contest(OPPOSITE, yes, no))
    positive = [c for c in claims if c.polarity == "positive" and c.object_kind == "Actor"]
    by_pair: dict[tuple[str, str], list[ClaimRow]] = defaultdict(list)
    for claim in positive:
        by_pair[_pair(claim, cues, True)].append(claim)
    for claim in positive:
        others = cues.incompatible.get(claim.relation, ())
        if others:
            for other in by_pair[_pair(claim, cues, True)]:
                directed = claim.relation in SYMMETRIC or (other.subject, other.object) == (claim.subject, claim.object)
                if other.relation in others and directed and other.evidence.document != claim.evidence.document:
                    out.setdefault((claim.iri, other.iri), Contest(INCOMPATIBLE, claim, other))
    return sorted(out.values(), key=lambda c: (c.first.subject_label, c.first.relation, c.first.object_label,
                                               c.first.evidence.document, c.second.evidence.document,
                                               c.first.evidence.begin, c.second.evidence.begin))
