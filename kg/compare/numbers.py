"""Figures as written -> their bounds.

    "900" -> (900, 900)          "4-5,000" -> (4000, 5000)       "8 thousand" -> (8000, 8000)
    "at least 4,000" -> (4000, None)   "nearly 1,000" -> (None, 1000)   "thousands" -> (2000, None)

The words (number words, scales, qualifiers) come from ontology/cues.yaml; None is an open bound.
"""
from __future__ import annotations

import re

from ..cues import ComparisonCues

RANGE_WORDS = frozenset({"-", "–", "—", "to"})
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")

Bounds = tuple[float | None, float | None]


def is_digits(word: str) -> bool:
    return bool(DIGITS.match(word))


def scale_of(word: str, cues: ComparisonCues) -> float | None:
    """The multiplier of a scale word, singular or plural ("thousand", "thousands")."""
    if word in cues.number_scales:
        return cues.number_scales[word]
    if word.endswith("s") and word[:-1] in cues.number_scales:
        return cues.number_scales[word[:-1]]
    return None


def _part(words: list[str], cues: ComparisonCues) -> tuple[float, bool, float] | None:
    """One side of a range -> (value, vague, scale). Vague: "thousands", "tens of thousands", "several hundred"."""
    total, current, vague, scale, seen = 0.0, 0.0, False, 1.0, False
    digits = ""
    for word in words + [""]:
        if is_digits(word) and digits and len(word) == 3 and "," not in word:
            digits += word  # "250 000": a thousands group written with a space
            continue
        if digits:
            current += float(digits.replace(",", ""))
            digits, seen = "", True
        if not word or word in ("of", "and"):
            continue
        if is_digits(word):
            digits = word
        elif word in cues.number_words:
            current += cues.number_words[word]
            vague = vague or word in ("several", "tens")
            seen = True
        elif (multiplier := scale_of(word, cues)) is not None:
            plural = word not in cues.number_scales
            current = (current or (2.0 if plural else 1.0)) * multiplier
            vague, scale, seen = vague or plural, multiplier, True
            if multiplier >= 1000:
                total, current = total + current, 0.0
        else:
            return None
    return (total + current, vague, scale) if seen else None


def _digit_count(value: float) -> int:
    return len(str(int(value)))


def figure_bounds(words: list[str], bound: str | None, cues: ComparisonCues) -> Bounds | None:
    """The bounds of a figure from its words (lower case, no qualifiers) and its qualifier's kind
    (around, atLeast, atMost, or None). None when the words are not a number."""
    split = next((i for i, w in enumerate(words) if w in RANGE_WORDS and 0 < i < len(words) - 1), None)
    if split is None:
        part = _part(words, cues)
        if part is None:
            return None
        value, vague, _ = part
        low, high = value, (None if vague else value)
    else:
        left, right = _part(words[:split], cues), _part(words[split + 1:], cues)
        if left is None or right is None:
            return None
        (a, _, a_scale), (b, vague, b_scale) = left, right
        if a_scale == 1.0 and b_scale > 1.0:
            a *= b_scale  # "4 to 5 thousand"
        elif "," in words[split + 1] and "," not in words[split - 1] and a * 10 <= b:
            a *= 10 ** (_digit_count(b) - _digit_count(a))  # "4-5,000" is 4,000 to 5,000
        low, high = min(a, b), (None if vague else max(a, b))
    if bound == "atLeast":
        high = None
    elif bound == "atMost":
        low = None
    return low, high
