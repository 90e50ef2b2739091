"""Figures as written -> bounds, and place names -> one comparison key (no spaCy needed)."""
from __future__ import annotations

import pytest

from kg.compare.numbers import figure_bounds
from kg.compare.places import place_key
from kg.cues import load_cues


@pytest.fixture(scope="module")
def words(settings):
    return load_cues(settings.path("cues.yaml")).comparison


@pytest.mark.parametrize("text, bound, expected", [
    ("900", None, (900, 900)),
    ("8,000", "around", (8000, 8000)),
    ("4 - 5,000", None, (4000, 5000)),
    ("10 - 15,000", None, (10000, 15000)),
    ("3 - 5", None, (3, 5)),
    ("4 to 5 thousand", None, (4000, 5000)),
    ("8 thousand", None, (8000, 8000)),
    ("a thousand", None, (1000, 1000)),
    ("1.5 million", None, (1_500_000, 1_500_000)),
    ("250 000", None, (250_000, 250_000)),
    ("4,000", "atLeast", (4000, None)),
    ("1,000", "atMost", (None, 1000)),
    ("thousands", None, (2000, None)),
    ("tens of thousands", None, (10000, None)),
    ("several thousand", None, (3000, None)),
])
def test_bounds(words, text, bound, expected):
    assert figure_bounds(text.split(), bound, words) == expected


def test_words_that_are_not_numbers(words):
    assert figure_bounds(["many"], None, words) is None


@pytest.mark.parametrize("label", ["east Aleppo", "eastern Aleppo", "East-Aleppo", "the Eastern Aleppo",
                                   "place:east_aleppo", "EAST ALEPPO"])
def test_one_key_for_the_ways_to_write_a_place(words, label):
    assert place_key(label, words.place_words) == "east aleppo"


def test_directions_stay_apart(words):
    assert place_key("western Aleppo", words.place_words) != place_key("eastern Aleppo", words.place_words)
