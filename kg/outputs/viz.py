"""The HTML graph: actors as nodes, claims aggregated into one edge per pair, relation and
polarity, and the evidence behind every edge.

One self-contained, offline file: vis.js (from pyvis) inlined, a layout computed here so that
the browser's physics only settles it, and all document text carried as escaped JSON that the
page inserts as text. The parts live in `htmlgraph/`.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from rdflib import Dataset
from rdflib.term import Node

from .htmlgraph.layout import Forces, layout
from .htmlgraph.model import Model, read_model
from .htmlgraph.page import assemble
from .htmlgraph.style import FAMILIES, KINDS, RELATION_ORDER, SYMMETRIC, family_of, relation_label

BIG_EDGES = 1500  # from here on: straight edges, no relation names on edges, edges hidden while dragging
BIG_NODES = 600


def render_html(source: Dataset | Iterable[tuple[Node, Node, Node]]) -> str:
    """The page of a dataset, or of triples (GraphStore.view)."""
    return assemble(page_data(read_model(source)))


def page_data(model: Model) -> dict[str, Any]:
    """Everything the page's script reads, as plain JSON-ready values in a fixed order."""
    links = [(e.source, e.target) for e in model.edges]
    forces = forces_for(sum(1 for a in model.actors if a.claims), len(links))
    placed = layout(len(model.actors), links, forces)
    moving = int(placed.moving.sum())
    relations = sorted({c.relation for c in model.claims},
                       key=lambda r: (RELATION_ORDER.index(r) if r in RELATION_ORDER else len(RELATION_ORDER), r))
    edge_of = {k: number for number, edge in enumerate(model.edges) for k in edge.claims}
    return {
        "big": len(model.edges) > BIG_EDGES or len(model.actors) > BIG_NODES,
        "physics": {"forces": forces.as_options(), "iterations": stabilisation_iterations(moving),
                    "adaptive": moving <= BIG_NODES},
        "kinds": [{"name": k.name, "label": k.label, "colour": k.colour, "shape": k.shape} for k in KINDS],
        "families": [{"name": f.name, "label": f.label, "colour": f.colour} for f in FAMILIES],
        "relations": [{"name": r, "label": relation_label(r), "family": family_of(r).name, "symmetric": r in SYMMETRIC}
                      for r in relations],
        "documents": [{"id": d.identifier, "title": d.title} for d in model.documents],
        "asserters": model.asserters,
        "sentences": [{"x": s.text, "d": s.document, "s": s.section} for s in model.sentences],
        "nodes": [{"label": a.label, "kind": a.kind, "aliases": a.aliases, "wikidata": a.wikidata,
                   "mentions": a.mentions, "claims": a.claims, "size": node_size(a.claims),
                   "x": round(float(x), 1), "y": round(float(y), 1), "fixed": not bool(still_moving)}
                  for a, (x, y), still_moving in zip(model.actors, placed.positions, placed.moving)],
        "edges": [{"f": e.source, "t": e.target, "r": e.relation, "n": e.negative, "claims": e.claims,
                   "l": round(float(length), 1)} for e, length in zip(model.edges, placed.lengths)],
        "claims": [{"s": c.subject, "o": c.object, "r": c.relation, "n": c.negative, "c": c.confidence,
                    "a": c.asserter, "t": c.sentence, "e": edge_of[k],
                    "h": utf16_span(model.sentences[c.sentence].text, c.trigger)}
                   for k, c in enumerate(model.claims)],
    }


def forces_for(nodes: int, edges: int) -> Forces:
    """Denser graphs pull harder through more springs: weaker springs and more repulsion keep
    their actors apart (vis.js's defaults pack a 2,000-actor graph into overlapping dots)."""
    density = max(1.0, edges / max(nodes, 1))
    return Forces(gravitationalConstant=round(-4000.0 * density, 1), springConstant=round(0.04 / density, 5))


def node_size(claims: int) -> float:
    """vis.js dot radius: grows with the square root of the claims, within 6..40."""
    return 6.0 if claims == 0 else round(min(40.0, 8.0 + 4.0 * math.sqrt(claims)), 1)


def stabilisation_iterations(moving: int) -> int:
    """Capped: the layout starts near equilibrium, and each iteration costs O(n log n) in the browser."""
    return 150 if moving <= 300 else max(25, min(150, 45000 // moving))


def utf16_span(text: str, span: tuple[int, int] | None) -> list[int] | None:
    """Code point offsets -> the UTF-16 offsets that JavaScript strings count in."""
    if span is None:
        return None
    start, end = span
    return [_utf16_len(text[:start]), _utf16_len(text[:end])]


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
