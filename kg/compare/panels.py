"""Per-actor panel data for the HTML page: plain dicts, so the page code needs nothing from kg/compare.

    panels = actor_panels(dataset, cues)      # {actor IRI: {"label", "contested", "quantities", "framing"}}

Each value holds what the comparison says about that actor: the contested claims it takes part
in, the figure groups about it, and its framing row (source -> descriptor -> times, with the
sentences). Actors the comparison says nothing about have no panel.
"""
from __future__ import annotations

from typing import Any

from rdflib import Dataset, Graph

from ..cues import Cues
from .report import compare, contest_json, framing_json, group_json


def actor_panels(dataset: Dataset | Graph, cues: Cues) -> dict[str, dict[str, Any]]:
    comparison = compare(dataset, cues)
    panels: dict[str, dict[str, Any]] = {}

    def panel(actor: str, label: str) -> dict[str, Any]:
        return panels.setdefault(actor, {"label": label, "contested": [], "quantities": [], "framing": None})

    for contest in comparison.contests:
        claims = (contest.first, contest.second)
        actors = {(c.subject, c.subject_label) for c in claims} | {
            (c.object, c.object_label) for c in claims if c.object_kind == "Actor"}
        for actor, label in sorted(actors):
            panel(actor, label)["contested"].append(contest_json(contest))
    for group in comparison.figures:
        if group.about is not None:
            panel(group.about, group.about_label or group.about)["quantities"].append(group_json(group))
    for framing in comparison.framing:
        panel(framing.actor, framing.actor_label)["framing"] = framing_json(framing)
    return panels
