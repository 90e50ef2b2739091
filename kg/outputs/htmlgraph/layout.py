"""A deterministic layout computed before the page is written.

The largest connected component gets a force layout with the forces of vis.js's Barnes-Hut
solver (repulsion G·m·m/d², a spring k·(L - d) per edge, a constant pull to the centre), summed
exactly here instead of through a quadtree: the browser's physics starts at (nearly) its own
equilibrium, so a 2,000-node graph settles in a few dozen iterations instead of thousands.
Smaller components are laid out on their own and packed in rings around it; the page keeps
them still (under vis's central gravity they would drift far out and shrink the main one when
the view is fitted).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
PAIR_BUDGET = 1.5e8  # node pairs summed over all iterations: about 1.5 s for 2,000 nodes
GAP = 60.0  # between packed components, in layout units


@dataclass(frozen=True)
class Forces:
    """vis.js `physics.barnesHut` options: the layout and the page use the same values."""

    gravitationalConstant: float = -2500.0
    centralGravity: float = 0.25
    springLength: float = 120.0
    springConstant: float = 0.04
    damping: float = 0.4
    avoidOverlap: float = 0.0

    def as_options(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Layout:
    positions: np.ndarray  # count × 2
    moving: np.ndarray  # count booleans: True for the nodes the browser's physics may move


def layout(count: int, edges: Sequence[tuple[int, int]], masses: Sequence[float],
           forces: Forces = Forces()) -> Layout:
    """Positions for nodes 0..count-1 joined by `edges` (each edge is one spring)."""
    positions = np.zeros((count, 2))
    moving = np.zeros(count, dtype=bool)
    components = connected_components(count, edges)
    if not components:
        return Layout(positions, moving)
    member = {node: index for index, component in enumerate(components) for node in component}
    inside: list[list[tuple[int, int]]] = [[] for _ in components]
    for a, b in edges:
        if a != b:
            inside[member[a]].append((a, b))
    mass = np.asarray(masses, dtype=np.float64)
    placed: list[np.ndarray] = []
    for component, links in zip(components, inside):
        local = {node: k for k, node in enumerate(component)}
        placed.append(force_layout([(local[a], local[b]) for a, b in links], mass[component], forces))
    main = components[0]
    positions[main] = placed[0]
    moving[main] = len(main) > 1
    radius = float(np.hypot(*placed[0].T).max()) if len(main) > 1 else 0.0
    for component, centre, local in zip(components[1:], pack(placed[1:], radius), placed[1:]):
        positions[component] = local + centre
    return Layout(positions, moving)


def force_layout(edges: Sequence[tuple[int, int]], mass: np.ndarray, forces: Forces) -> np.ndarray:
    """Positions of one connected component (node k = row k), centred on the origin."""
    count = len(mass)
    pos = spiral(breadth_first(count, edges), forces.springLength * 0.7)
    if count == 1:
        return pos
    src = np.array([a for a, _ in edges], dtype=np.intp)
    dst = np.array([b for _, b in edges], dtype=np.intp)
    degree = np.bincount(src, minlength=count) + np.bincount(dst, minlength=count)
    step = 0.5 / (forces.springConstant * np.maximum(degree, 1))
    iterations = int(min(300, max(40, PAIR_BUDGET / count**2)))
    for limit in np.geomspace(forces.springLength, 0.5, iterations):
        force = _repulsion(pos, mass, forces) + _springs(pos, src, dst, forces) + _centre(pos, forces)
        move = force * step[:, None]
        length = np.hypot(move[:, 0], move[:, 1])
        move *= (np.minimum(length, limit) / np.maximum(length, 1e-9))[:, None]
        pos += move
        if length.max() < 0.2:
            break
    return pos - pos.mean(axis=0)


def _repulsion(pos: np.ndarray, mass: np.ndarray, forces: Forces) -> np.ndarray:
    """Σ_j G·m_i·m_j·(x_i - x_j)/d³, in float32: the n × n part is the layout's whole cost."""
    x = pos[:, 0].astype(np.float32)
    y = pos[:, 1].astype(np.float32)
    dx = x[:, None] - x[None, :]
    dy = y[:, None] - y[None, :]
    d2 = dx * dx
    d2 += dy * dy
    np.maximum(d2, np.float32(1.0), out=d2)
    scale = np.sqrt(d2)
    scale *= d2
    np.divide(mass.astype(np.float32)[None, :], scale, out=scale)
    np.fill_diagonal(scale, 0.0)
    dx *= scale
    dy *= scale
    strength = -forces.gravitationalConstant * mass
    return np.stack((dx.sum(axis=1, dtype=np.float64), dy.sum(axis=1, dtype=np.float64)), axis=1) * strength[:, None]


def _springs(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, forces: Forces) -> np.ndarray:
    out = np.zeros_like(pos)
    if len(src) == 0:
        return out
    vec = pos[src] - pos[dst]
    dist = np.maximum(np.hypot(vec[:, 0], vec[:, 1]), 0.01)
    pull = vec * (forces.springConstant * (forces.springLength - dist) / dist)[:, None]
    for axis in (0, 1):
        out[:, axis] += np.bincount(src, weights=pull[:, axis], minlength=len(pos))
        out[:, axis] -= np.bincount(dst, weights=pull[:, axis], minlength=len(pos))
    return out


def _centre(pos: np.ndarray, forces: Forces) -> np.ndarray:
    dist = np.hypot(pos[:, 0], pos[:, 1])
    return -pos * (forces.centralGravity / np.maximum(dist, 1e-9))[:, None]


def _neighbours(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(count)]
    for a, b in edges:
        if a != b:
            out[a].append(b)
            out[b].append(a)
    return out


def connected_components(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Largest first; each in breadth-first order from its best-connected node."""
    neighbours = _neighbours(count, edges)
    order = sorted(range(count), key=lambda i: (-len(neighbours[i]), i))
    seen = [False] * count
    components: list[list[int]] = []
    for start in order:
        if seen[start]:
            continue
        seen[start] = True
        component, head = [start], 0
        while head < len(component):
            for other in sorted(neighbours[component[head]], key=lambda i: (-len(neighbours[i]), i)):
                if not seen[other]:
                    seen[other] = True
                    component.append(other)
            head += 1
        components.append(component)
    components.sort(key=lambda c: (-len(c), c[0]))
    return components


def breadth_first(count: int, edges: Sequence[tuple[int, int]]) -> list[int]:
    return [node for component in connected_components(count, edges) for node in component]


def spiral(order: Sequence[int], spacing: float) -> np.ndarray:
    """A sunflower spiral: node `order[k]` gets the k-th point; points are about `spacing` apart."""
    pos = np.zeros((len(order), 2))
    for k, node in enumerate(order):
        radius = spacing * math.sqrt(k + 0.5)
        pos[node] = (radius * math.cos(k * GOLDEN_ANGLE), radius * math.sin(k * GOLDEN_ANGLE))
    return pos


def pack(shapes: Sequence[np.ndarray], inner: float) -> list[tuple[float, float]]:
    """Centres for centred shapes (largest first) in rings around a disc of radius `inner`."""
    centres: list[tuple[float, float]] = []
    ring = inner + GAP
    radius = angle = widest = 0.0
    for shape in shapes:
        size = float(np.hypot(*shape.T).max()) + GAP / 2 if len(shape) > 1 else GAP / 2
        if not centres or angle + (2 * size) / radius > 2 * math.pi:
            ring += 2 * widest + (GAP if centres else 0.0)
            radius, angle, widest = ring + size, 0.0, size
        arc = (2 * size) / radius
        centres.append((radius * math.cos(angle + arc / 2), radius * math.sin(angle + arc / 2)))
        angle += arc
        widest = max(widest, size)
    return centres
