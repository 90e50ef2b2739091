"""Comparing sources (issue 8): where the documents of a corpus disagree, with the sentences behind it.

Extraction, run per document from kg/nlp/analyse.py:
    quantities.py    figures about actors and groups -> types.Quantity (akg:QuantityClaim)
    descriptors.py   what a document calls an actor -> types.Description (akg:describedAs)

Comparison, over a built graph:
    records.py       the graph as plain rows with their evidence
    contested.py     claims one source asserts and another denies, or contradicts
    figures.py       figures for the same thing side by side, disputed ones flagged
    framing.py       actor -> source -> descriptors
    report.py        all of it, filtered by actor or source; JSON
    render.py        the terminal view of `kg compare`
    panels.py        per-actor panel data for the HTML page
"""
from __future__ import annotations

from .panels import actor_panels
from .render import render_text
from .report import Comparison, compare, compare_output

__all__ = ["Comparison", "actor_panels", "compare", "compare_output", "render_text"]
