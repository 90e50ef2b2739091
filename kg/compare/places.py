"""One name for one place when claims are compared: "east Aleppo", "eastern Aleppo", "East-Aleppo"."""
from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+", re.UNICODE)


def place_key(label: str, place_words: dict[str, str]) -> str:
    """Lower case, hyphens and underscores as spaces, "the" and a "place:" key prefix dropped, direction
    adjectives as their nouns ("eastern" -> "east", from cues.yaml `place_words`)."""
    text = label.split(":", 1)[1] if label.startswith("place:") else label
    words = [place_words.get(w, w) for w in WORD.findall(text.lower())]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
