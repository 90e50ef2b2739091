"""The cue lexicon (ontology/cues.yaml) as frozen sets and maps, checked at load."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .datafiles import check_keys, load_yaml, line_of
from .errors import OntologyError
from .types import ACTOR_TYPES

LISTS = (
    "leader_titles", "member_titles", "title_fillers", "honorifics", "state_nouns", "proxy_nouns",
    "locative_prepositions", "non_actor_labels", "non_actor_names", "population_nouns", "negations",
    "ending_adverbs", "negative_verbs", "recipient_verbs", "modal_verbs", "reporting_verbs", "reporting_nouns", "violent_lemmas",
)
MAPS = ("pronouns", "descriptions", "title_abbreviations", "org_type_cues", "hedges")


@dataclass(frozen=True)
class Pronoun:
    types: frozenset[str]
    gender: str | None = None
    plural: bool = False


@dataclass(frozen=True)
class Cues:
    pronouns: dict[str, Pronoun]
    descriptions: dict[str, frozenset[str]]
    title_abbreviations: dict[str, str]
    org_type_cues: dict[str, tuple[str, ...]]
    hedges: dict[str, float]
    lists: dict[str, frozenset[str]]

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.__dict__["lists"][name]
        except KeyError:
            raise AttributeError(name) from None


@lru_cache(maxsize=4)
def load_cues(path: Path) -> Cues:
    data = load_yaml(path)
    check_keys(path, data, "cues", {"schema", *LISTS, *MAPS}, set())
    for key in LISTS:
        if not isinstance(data[key], list) or not all(isinstance(w, str) for w in data[key]):
            raise OntologyError(str(path), line_of(path, f"{key}:"), f"{key}: expected a list of words")

    def types_of(where: str, values: Any) -> frozenset[str]:
        bad = [v for v in values if v not in ACTOR_TYPES]
        if bad:
            raise OntologyError(str(path), line_of(path, where), f"{where}: unknown actor types {bad}")
        return frozenset(values)

    pronouns = {}
    for word, spec in data["pronouns"].items():
        check_keys(path, spec, word, {"types"}, {"gender", "plural"})
        pronouns[word] = Pronoun(types_of(word, spec["types"]), spec.get("gender"), bool(spec.get("plural")))
    hedges = {}
    for word, factor in data["hedges"].items():
        if not isinstance(factor, (int, float)) or not 0 < factor <= 1:
            raise OntologyError(str(path), line_of(path, f"{word}:"), f"hedge {word!r}: factor must be in (0, 1]")
        hedges[word] = float(factor)
    types_of("org_type_cues", list(data["org_type_cues"]))
    return Cues(
        pronouns=pronouns,
        descriptions={w: types_of(w, t) for w, t in data["descriptions"].items()},
        title_abbreviations={k: str(v) for k, v in data["title_abbreviations"].items()},
        org_type_cues={t: tuple(w.lower() for w in words) for t, words in data["org_type_cues"].items()},
        hedges=hedges,
        lists={key: frozenset(w.lower() for w in data[key]) for key in LISTS},
    )
