"""The relation lexicon (ontology/relations.yaml) as checked rows.

A row names a relation, a frame (how its trigger takes its arguments) and trigger lemmas;
it also carries the sentences that test it. Unknown keys, relations or frames, or a row
without examples, fail at load with the file, line and row id.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import check_keys, line_of, load_yaml
from ..errors import OntologyError
from ..types import RELATIONS

FRAMES = ("verb", "noun", "adjective", "hyphen", "title", "prep", "coagents", "renaming", "anti", "pair", "of_person",
          "organ", "possessive", "modal", "threat", "classifier", "gerund")
ROW_KEYS = {"id", "relation", "frame", "triggers", "examples"}
OPTIONAL_KEYS = {"preps", "roles", "polarity", "agent_preps", "confidence", "negatives", "light_verbs",
                 "possessed_object", "symmetric_between", "violent", "through_object", "with_clause",
                 "prep_object", "speaker_subject", "goods_only", "particles", "clause_preps",
                 "infinitive_only", "reciprocal", "nouns_only", "no_object_predicate"}
ROLES = ("swap", "modifier_object", "addressee")
RENAMING = "renaming"
TRIGGERLESS = ("possessive",)  # frames that run on every actor name


@dataclass(frozen=True)
class Example:
    text: str
    expect: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Row:
    id: str
    relation: str
    frame: str
    triggers: frozenset[str]
    preps: frozenset[str] = frozenset()
    agent_preps: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    roles: str | None = None
    negative: bool = False
    possessed_object: bool = False
    symmetric_between: bool = False
    violent: bool = False
    through_object: bool = False
    prep_object: bool = False  # verb frame: only the object of `preps` is the object ("lost X to Y": Y)
    speaker_subject: bool = False  # the speaker is the subject, the frame's subject the object
    goods_only: bool = False  # verb frame: sending armed men somewhere is a deployment, not a gift
    particles: frozenset[str] = frozenset()  # verb frame: only with one of these particles ("drove X out")
    infinitive_only: bool = False  # verb frame: only with a "to" clause ("told X to leave", not "told X that")
    reciprocal: bool = False  # verb frame: coordinated subjects without an object act on each other ("X and Y clash")
    nouns_only: bool = False  # coagents frame: the triggers are nouns ("a call"), not verbs ("called on X")
    no_object_predicate: bool = False  # verb frame: not when the verb names its object ("calls X a terrorist army")
    clause_preps: frozenset[str] = frozenset()  # noun, coagents frames: "X flew to Y for talks with Z": X talks
    with_clause: bool = False
    confidence: float = 0.9
    examples: tuple[Example, ...] = ()
    negatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    rows: tuple[Row, ...]

    def by_frame(self, frame: str) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.frame == frame)

    def addressed_by(self) -> dict[str, frozenset[str]]:
        """Trigger -> the prepositions that introduce its object, for the rows that are no violent act:
        after them a capital is the government addressed ("loyal to Damascus", "aid from Tehran"),
        where "the bombing of Damascus" stays a place."""
        out: dict[str, set[str]] = {}
        for row in self.rows:
            if row.frame in ("verb", "noun", "adjective") and not row.violent:
                for word in row.triggers:
                    out.setdefault(word, set()).update(row.preps | row.agent_preps)
        return {word: frozenset(preps) for word, preps in out.items()}

    def light_pairs(self) -> frozenset[tuple[str, str]]:
        """(verb, noun) pairs where the verb is light and the noun carries the relation through a row of its
        own ("struck a deal", "fought a war", "launched an offensive"); not the verbs that answer a request
        ("rejected Kerry's call": the rejection is the verb's own)."""
        return frozenset((verb, noun) for row in self.rows if row.roles != "addressee"
                         for verb in row.light_verbs for noun in row.triggers)

    def titles(self, relation: str) -> frozenset[str]:
        return frozenset(w for row in self.rows if row.frame == "title" and row.relation == relation for w in row.triggers)


def _words(path: Path, row_id: str, key: str, value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not value or not all(isinstance(w, str) for w in value):
        raise OntologyError(str(path), line_of(path, f"id: {row_id}"), f"row {row_id!r}: {key} must be a list of words")
    return frozenset(w.lower() for w in value)


def _row(path: Path, raw: dict[str, Any]) -> Row:
    row_id = str(raw.get("id", "?")) if isinstance(raw, dict) else "?"
    check_keys(path, raw, row_id, ROW_KEYS, OPTIONAL_KEYS)
    where = line_of(path, f"id: {row_id}")

    def fail(problem: str) -> OntologyError:
        return OntologyError(str(path), where, f"row {row_id!r}: {problem}")

    relation, frame = raw["relation"], raw["frame"]
    if relation not in RELATIONS and relation != RENAMING:
        raise fail(f"unknown relation {relation!r}; expected one of {', '.join(RELATIONS)}")
    if frame not in FRAMES:
        raise fail(f"unknown frame {frame!r}; expected one of {', '.join(FRAMES)}")
    if (relation == RENAMING) != (frame == "renaming"):
        raise fail("the renaming frame and the renaming relation go together")
    if raw.get("roles") not in (None, *ROLES):
        raise fail(f"roles must be one of {ROLES}")
    if raw.get("polarity") not in (None, "negative"):
        raise fail("polarity, where given, must be 'negative'")
    confidence = raw.get("confidence", 0.9)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise fail("confidence must be in (0, 1]")
    examples = raw["examples"]
    if not isinstance(examples, list) or not examples:
        raise fail("needs at least one example")
    parsed = []
    for example in examples:
        if not isinstance(example, dict) or set(example) != {"text", "expect"}:
            raise fail("each example has exactly `text` and `expect`")
        expect = tuple(tuple(str(x) for x in claim) for claim in example["expect"])
        for claim in expect:
            if len(claim) not in (4, 5) or claim[1] not in RELATIONS or claim[3] not in ("positive", "negative"):
                raise fail(f"bad expected claim {list(claim)} (subject, relation, object, polarity[, asserted by])")
        parsed.append(Example(str(example["text"]), expect))
    negatives = raw.get("negatives") or []
    if not isinstance(negatives, list) or not all(isinstance(n, str) for n in negatives):
        raise fail("negatives must be a list of sentences")
    if not raw["triggers"] and frame not in TRIGGERLESS:
        raise fail("needs at least one trigger")
    return Row(
        id=row_id,
        relation=relation,
        frame=frame,
        triggers=_words(path, row_id, "triggers", raw["triggers"] or None),
        preps=_words(path, row_id, "preps", raw.get("preps")),
        agent_preps=_words(path, row_id, "agent_preps", raw.get("agent_preps")),
        light_verbs=_words(path, row_id, "light_verbs", raw.get("light_verbs")),
        particles=_words(path, row_id, "particles", raw.get("particles")),
        clause_preps=_words(path, row_id, "clause_preps",
                            raw.get("clause_preps", ["for"] if frame == "noun" else None)),
        roles=raw.get("roles"),
        negative=raw.get("polarity") == "negative",
        possessed_object=bool(raw.get("possessed_object")),
        symmetric_between=bool(raw.get("symmetric_between")),
        violent=bool(raw.get("violent")),
        through_object=bool(raw.get("through_object")),
        prep_object=bool(raw.get("prep_object")),
        speaker_subject=bool(raw.get("speaker_subject")),
        goods_only=bool(raw.get("goods_only")),
        infinitive_only=bool(raw.get("infinitive_only")),
        reciprocal=bool(raw.get("reciprocal")),
        nouns_only=bool(raw.get("nouns_only")),
        no_object_predicate=bool(raw.get("no_object_predicate")),
        with_clause=bool(raw.get("with_clause")),
        confidence=float(confidence),
        examples=tuple(parsed),
        negatives=tuple(negatives),
    )


@lru_cache(maxsize=4)
def load_lexicon(path: Path) -> Lexicon:
    data = load_yaml(path)
    check_keys(path, data, "relations", {"schema", "rows"}, set())
    if not isinstance(data["rows"], list):
        raise OntologyError(str(path), line_of(path, "rows:"), "rows must be a list")
    rows = [_row(path, raw) for raw in data["rows"]]
    seen: set[str] = set()
    for row in rows:
        if row.id in seen:
            raise OntologyError(str(path), line_of(path, f"id: {row.id}"), f"duplicate row id {row.id!r}")
        seen.add(row.id)
    return Lexicon(tuple(rows))
