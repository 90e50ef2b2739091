"""Figures grouped so that disputed numbers for the same thing stand side by side.

A group is what is counted (the group of its lemma in cues.yaml `counted_nouns`: fighters,
people, dead, ...) and whom it is about: an actor ("Nusra Front fighters"), else the place the
figure is given for ("8,000 fighters in eastern Aleppo"), else nothing named. Two figures of
different documents dispute each other when their ranges, widened by TOLERANCE for the
roundness of reported numbers, do not meet: "about 900" and "at least 4,000" do, "275,000" and
"some 270,000" do not. Figures that name neither actor nor place are listed but never disputed:
nothing says they count the same thing; nor are tolls of events (cues.yaml `event_counts`: the
dead, the wounded) that name no actor, as two tolls for one place are usually of two attacks.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..cues import Cues
from .places import place_key
from .records import FigureRow

TOLERANCE = 0.1


@dataclass(frozen=True)
class FigureGroup:
    counted: str  # the counted group ("fighters")
    about: str | None  # actor IRI
    about_label: str | None
    place: str | None  # the normalised place name, for figures about no actor
    figures: tuple[FigureRow, ...]
    disputed: tuple[tuple[FigureRow, FigureRow], ...]

    @property
    def documents(self) -> set[str]:
        return {f.evidence.document for f in self.figures}


def _range(figure: FigureRow) -> tuple[float, float]:
    low = figure.low * (1 - TOLERANCE) if figure.low is not None else float("-inf")
    high = figure.high * (1 + TOLERANCE) if figure.high is not None else float("inf")
    return low, high


def conflict(a: FigureRow, b: FigureRow) -> bool:
    (a_low, a_high), (b_low, b_high) = _range(a), _range(b)
    return a_high < b_low or b_high < a_low


def group_figures(figures: Iterable[FigureRow], cues: Cues) -> list[FigureGroup]:
    words = cues.comparison
    groups: dict[tuple[str, str | None, str | None], list[FigureRow]] = defaultdict(list)
    for figure in figures:
        place = place_key(figure.place_label, words.place_words) if figure.place_label and not figure.about else None
        groups[(words.counted.get(figure.counted, figure.counted), figure.about, place)].append(figure)
    out = []
    for (counted, about, place), rows in groups.items():
        rows.sort(key=lambda f: (f.low if f.low is not None else f.high or 0, f.evidence.document, f.evidence.begin))
        comparable = about or (place and counted not in cues.event_counts)
        disputed = tuple((a, b) for i, a in enumerate(rows) for b in rows[i + 1:]
                         if comparable and a.evidence.document != b.evidence.document and conflict(a, b))
        out.append(FigureGroup(counted, about, rows[0].about_label, place, tuple(rows), disputed))
    return sorted(out, key=lambda g: (g.counted, g.about is not None, g.about_label or "", g.place or ""))
