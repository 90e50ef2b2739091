"""The cue lexicon (ontology/cues.yaml) as frozen sets and maps, checked at load."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .datafiles import check_keys, load_yaml, line_of
from .errors import OntologyError
from .types import ACTOR_TYPES, RELATIONS

LISTS = (
    "leader_titles", "member_titles", "title_fillers", "honorifics", "state_nouns", "proxy_nouns", "weapon_nouns",
    "locative_prepositions", "non_actor_labels", "non_actor_names", "population_nouns", "negations",
    "ending_adverbs", "negative_verbs", "recipient_verbs", "light_verbs", "intent_verbs", "allegation_verbs",
    "head_of_state_titles", "modal_verbs", "place_parts", "falsity_words", "reporting_verbs", "reporting_nouns", "violent_lemmas",
    "descriptors", "naming_verbs", "count_nouns", "event_counts", "certainty_nouns", "group_nouns", "member_nouns",
    "unit_nouns", "force_nouns", "stance_participles", "stance_prefixes", "owner_verbs", "quantifiers", "request_verbs",
    "ending_verbs", "subordinate_modifiers", "event_name_words", "gerund_verbs", "rank_titles",
    "leading_modifiers", "first_person_plural", "view_nouns", "leading_verbs",
    "companion_words", "enabling_verbs", "counterpart_words", "adjunct_prepositions",
)
MAPS = ("pronouns", "descriptions", "title_abbreviations", "org_type_cues", "hedges", "lemma_fixes")
COMPARISON_MAPS = ("counted_nouns", "figure_prefixes", "figure_suffixes", "number_words", "number_scales",
                   "place_words", "incompatible_relations")
FIGURE_BOUNDS = ("around", "atLeast", "atMost")


@dataclass(frozen=True)
class Pronoun:
    types: frozenset[str]
    gender: str | None = None
    plural: bool = False


@dataclass(frozen=True)
class ComparisonCues:
    """The maps of the source comparison (kg/compare): `counted` is lemma -> group, the figure
    maps are phrase -> bound (around, atLeast, atMost), `incompatible` relation -> relations."""

    counted: dict[str, str] = field(default_factory=dict)
    figure_prefixes: dict[str, str] = field(default_factory=dict)
    figure_suffixes: dict[str, str] = field(default_factory=dict)
    number_words: dict[str, float] = field(default_factory=dict)
    number_scales: dict[str, float] = field(default_factory=dict)
    place_words: dict[str, str] = field(default_factory=dict)
    incompatible: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Cues:
    pronouns: dict[str, Pronoun]
    descriptions: dict[str, frozenset[str]]
    description_order: dict[str, tuple[str, ...]]  # the types a description prefers, first first
    title_abbreviations: dict[str, str]
    org_type_cues: dict[str, tuple[str, ...]]
    hedges: dict[str, float]
    lists: dict[str, frozenset[str]]
    lemma_fixes: dict[str, str] = field(default_factory=dict)  # word form -> its lemma
    comparison: ComparisonCues = field(default_factory=ComparisonCues)

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.__dict__["lists"][name]
        except KeyError:
            raise AttributeError(name) from None


@lru_cache(maxsize=4)
def load_cues(path: Path) -> Cues:
    data = load_yaml(path)
    check_keys(path, data, "cues", {"schema", *LISTS, *MAPS, *COMPARISON_MAPS}, set())
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
    for form, lemma in data["lemma_fixes"].items():
        if not isinstance(form, str) or not isinstance(lemma, str) or not lemma:
            raise OntologyError(str(path), line_of(path, f"{form}:"), f"lemma_fixes {form!r}: expected a word")
    return Cues(
        pronouns=pronouns,
        descriptions={w: types_of(w, t) for w, t in data["descriptions"].items()},
        description_order={w: tuple(t) for w, t in data["descriptions"].items()},
        title_abbreviations={k: str(v) for k, v in data["title_abbreviations"].items()},
        org_type_cues={t: tuple(w.lower() for w in words) for t, words in data["org_type_cues"].items()},
        hedges=hedges,
        lists={key: frozenset(w.lower() for w in data[key]) for key in LISTS},
        lemma_fixes={form.lower(): lemma.lower() for form, lemma in data["lemma_fixes"].items()},
        comparison=_comparison(path, data),
    )


def _comparison(path: Path, data: dict[str, Any]) -> ComparisonCues:
    def mapping(key: str, check: Callable[[Any], bool], what: str) -> dict[str, Any]:
        rows = data[key]
        if not isinstance(rows, dict):
            raise OntologyError(str(path), line_of(path, f"{key}:"), f"{key}: expected a mapping")
        for word, value in rows.items():
            if not check(value):
                raise OntologyError(str(path), line_of(path, f"{word}:"), f"{key} {word!r}: expected {what}")
        return {str(word).lower(): value for word, value in rows.items()}

    def words(value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(w, str) for w in value)

    def number(value: Any) -> bool:
        return isinstance(value, (int, float)) and value > 0

    def relations(value: Any) -> bool:
        return words(value) and all(r in RELATIONS for r in value)

    def bound(value: Any) -> bool:
        return value in FIGURE_BOUNDS

    counted = mapping("counted_nouns", words, "a list of lemmas")
    mapping("incompatible_relations", relations, "a list of the 12 relations")
    unknown = [r for r in data["incompatible_relations"] if r not in RELATIONS]
    if unknown:
        raise OntologyError(str(path), line_of(path, "incompatible_relations:"), f"unknown relations {unknown}")
    return ComparisonCues(
        counted={lemma.lower(): group for group, lemmas in counted.items() for lemma in [group, *lemmas]},
        figure_prefixes=mapping("figure_prefixes", bound, f"one of {', '.join(FIGURE_BOUNDS)}"),
        figure_suffixes=mapping("figure_suffixes", bound, f"one of {', '.join(FIGURE_BOUNDS)}"),
        number_words={w: float(v) for w, v in mapping("number_words", number, "a positive number").items()},
        number_scales={w: float(v) for w, v in mapping("number_scales", number, "a positive number").items()},
        place_words=mapping("place_words", lambda value: isinstance(value, str), "a word"),
        incompatible={r: frozenset(v) for r, v in data["incompatible_relations"].items()},
    )
