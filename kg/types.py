"""Plain records that cross from the NLP stages (spaCy) to the graph stages (rdflib).

Everything here is a frozen dataclass of strings and numbers, so a per-document
result can be cached as JSON, sent between processes and compared byte for byte.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACTOR_TYPES = ("Person", "ArmedGroup", "State", "InternationalOrganization", "Organization")
TARGET_TYPES = ("Place", "Population")
RELATIONS = (
    "allegianceTo", "affiliatedWith", "alliedWith", "supports", "opposes", "attacks",
    "requests", "rejects", "accuses", "meetsWith", "leaderOf", "memberOf",
)
SYMMETRIC = frozenset({"alliedWith", "meetsWith"})


@dataclass(frozen=True)
class SourceDoc:
    """One decoded document. `doc_id` is its file name; `sources` every file that held this text."""

    doc_id: str
    text: str
    sources: tuple[str, ...]
    encoding: str
    content_hash: str
    media_type: str = "text/plain"


@dataclass(frozen=True)
class Section:
    """A stretch of the text: the article body, or one reader comment."""

    start: int
    end: int
    kind: str  # "body" | "comment"
    index: int = 0  # comment number within the document (0 for the body)
    commenter: str | None = None  # the name a comment gives, if any


@dataclass(frozen=True)
class DocMeta:
    title: str | None = None
    author: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    section: str
    comment: int = 0


@dataclass(frozen=True)
class Entity:
    """An actor or a target as one document knows it: key, class, the name it is given there."""

    key: str
    type: str  # one of ACTOR_TYPES or TARGET_TYPES
    label: str
    wikidata: str | None = None


@dataclass(frozen=True)
class Mention:
    key: str
    start: int
    end: int
    text: str
    kind: str  # name | pronoun | description | metonym | demonym


@dataclass(frozen=True)
class Claim:
    subject: str
    relation: str
    object: str
    polarity: str  # positive | negative
    confidence: float
    asserted_by: str | None  # actor key of a quoted speaker; None: the document's own voice
    sentence_start: int
    sentence_end: int
    rule: str
    trigger_start: int
    trigger_end: int


@dataclass(frozen=True)
class Renaming:
    key: str
    former: str
    new: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Description:
    """A descriptor a document attaches to an actor ("terrorists", "moderate rebels").

    `start`/`end`: the descriptor's words in the text; `asserted_by`: the actor key of a
    quoted speaker who uses it (None: the document's own voice)."""

    key: str
    descriptor: str
    sentence_start: int
    sentence_end: int
    start: int = 0
    end: int = 0
    asserted_by: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A figure a document gives: `value` as written, what is `counted` (a lemma), about whom.

    `about` is the actor key of the group counted, or None when no actor is named with it;
    `low`/`high` bound the figure (None: open, as in "at least 4,000"); `start`/`end` are the
    figure's offsets; `asserted_by` the actor key of a quoted speaker (None: the document's voice);
    `place` the key of the place the figure is given for ("place:east_aleppo"), if its sentence names one."""

    about: str | None
    counted: str
    value: str
    low: float | None
    high: float | None
    sentence_start: int
    sentence_end: int
    start: int = 0
    end: int = 0
    asserted_by: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class DocResult:
    """Everything one document contributes to the graph, as plain data."""

    doc: SourceDoc
    meta: DocMeta
    sections: tuple[Section, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    renamings: tuple[Renaming, ...] = ()
    descriptions: tuple[Description, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    tokens: int = 0

    def to_json(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocResult:
        def many(kind: type, rows: list[dict[str, Any]]) -> tuple:
            return tuple(kind(**row) for row in rows)

        doc = dict(data["doc"])
        doc["sources"] = tuple(doc["sources"])
        return cls(
            doc=SourceDoc(**doc),
            meta=DocMeta(**data["meta"]),
            sections=many(Section, data["sections"]),
            sentences=many(Sentence, data["sentences"]),
            entities=many(Entity, data["entities"]),
            mentions=many(Mention, data["mentions"]),
            claims=many(Claim, data["claims"]),
            renamings=many(Renaming, data.get("renamings", [])),
            descriptions=many(Description, data.get("descriptions", [])),
            quantities=many(Quantity, data.get("quantities", [])),
            tokens=data.get("tokens", 0),
        )


@dataclass(frozen=True)
class Problem:
    """A file that could not be used, and why, in one line a user can act on."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class BuildReport:
    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    actors: int = 0
    claims: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reused: int = 0
    seconds: float = 0.0


def _plain(value: Any) -> Any:
    """Dataclasses, tuples and dicts as JSON-ready dicts and lists (what dataclasses.asdict gives,
    several times faster: no deep copies; the result cache writes one per document)."""
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(item) for name, item in vars(value).items()}
    return value
