"""A deterministic layout computed before the page is written.

The largest connected component gets a force layout with the forces of vis.js's Barnes-Hut
solver (repulsion G/d² between nodes of mass 1, a spring k·(L - d) per edge, a constant pull to
the centre), summed
exactly here instead of through a quadtree: the browser's physics starts at (nearly) its own
equilibrium, so a 2,000-node graph settles in a few dozen iterations instead of thousands.
Smaller components are laid out on their own and set in rows under it; the page keeps
them still (under vis's central gravity they would drift far out and shrink the main one when
the view is fitted).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
PAIR_BUDGET = 1.5e8  # node pairs summed over all iterations: about 1 s for 2,000 nodes
BLOCK_CELLS = 4_000_000  # node pairs held in memory at once (16 MB a float32 array)
MIN_ITERATIONS, MAX_ITERATIONS = 40, 300
GAP = 60.0  # around each component set beside the main one, in layout units
RESCALE_EVERY = 10  # iterations
HUB_STRETCH = 0.35


@dataclass(frozen=True)
class Forces:
    """vis.js `physics.barnesHut` options: the layout and the page use the same values."""

    gravitationalConstant: float = -2500.0
    centralGravity: float = 0.25
    springLength: float = 120.0
    springConstant: float = 0.04
    damping: float = 0.4
    avoidOverlap: float = 0.0
    # vis's quadtree accuracy; only the browser uses it. 1.0 instead of 0.5 makes an iteration on
    # 2,000 nodes about twice as fast, and the browser only polishes a layout summed exactly here.
    theta: float = 1.0

    def as_options(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Layout:
    positions: np.ndarray  # count × 2
    moving: np.ndarray  # count booleans: True for the nodes the browser's physics may move
    lengths: np.ndarray  # each edge's spring length (vis.js edge option `length`)


def layout(count: int, edges: Sequence[tuple[int, int]], forces: Forces = Forces()) -> Layout:
    """Positions for nodes 0..count-1 joined by `edges` (each edge is one spring)."""
    positions = np.zeros((count, 2))
    moving = np.zeros(count, dtype=bool)
    lengths = spring_lengths(count, edges, forces)
    components = connected_components(count, edges)
    if not components:
        return Layout(positions, moving, lengths)
    member = {node: index for index, component in enumerate(components) for node in component}
    inside: list[list[int]] = [[] for _ in components]
    for number, (a, b) in enumerate(edges):
        if a != b:
            inside[member[a]].append(number)
    placed: list[np.ndarray] = []
    for component, numbers in zip(components, inside):
        local = {node: k for k, node in enumerate(component)}
        links = [(local[edges[n][0]], local[edges[n][1]]) for n in numbers]
        placed.append(force_layout(len(component), links, lengths[numbers], forces))
    main = components[0]
    positions[main] = placed[0]
    moving[main] = len(main) > 1
    # Joined components in rows under the main one, then lone nodes (actors with no claim, hidden
    # at first) in rows under those: what shows at first stays compact.
    joined = [k for k in range(1, len(components)) if len(components[k]) > 1]
    alone = [k for k in range(1, len(components)) if len(components[k]) == 1]
    low, high = positions[main].min(axis=0), positions[main].max(axis=0)
    width = max(float(high[0] - low[0]), 6 * GAP)
    top = float(high[1]) + GAP
    for group in (joined, alone):
        centres, top = shelves([placed[k] for k in group], width, top)
        for k, centre in zip(group, centres):
            positions[components[k]] = placed[k] + centre
    return Layout(positions, moving, lengths)


def spring_lengths(count: int, edges: Sequence[tuple[int, int]], forces: Forces) -> np.ndarray:
    """Longer springs between two well-connected actors: hubs stand apart with their own
    neighbours around them instead of piling up in the middle; an edge to a leaf keeps L."""
    degree = np.zeros(count)
    for a, b in edges:
        if a != b:
            degree[a] += 1
            degree[b] += 1
    ends = np.array(edges, dtype=np.intp).reshape(-1, 2)
    least = np.minimum(degree[ends[:, 0]], degree[ends[:, 1]])
    return forces.springLength * (1.0 + HUB_STRETCH * np.sqrt(np.maximum(least - 1.0, 0.0)))


def force_layout(count: int, edges: Sequence[tuple[int, int]], lengths: np.ndarray, forces: Forces) -> np.ndarray:
    """Positions of one connected component, centred on the origin. Its nodes come numbered in
    breadth-first order, so that neighbours start near each other on the spiral."""
    pos = spiral(count, forces.springLength)
    if count == 1:
        return np.zeros((1, 2))
    src = np.array([a for a, _ in edges], dtype=np.intp)
    dst = np.array([b for _, b in edges], dtype=np.intp)
    degree = np.bincount(src, minlength=count) + np.bincount(dst, minlength=count)
    step = 0.5 / (forces.springConstant * np.maximum(degree, 1))
    # Past a few thousand nodes the budget wins over the minimum: a rougher layout, not a build
    # that takes minutes (a graph that big is read through the search box and the filters).
    iterations = int(min(MAX_ITERATIONS, max(MIN_ITERATIONS if count <= 3000 else 5, PAIR_BUDGET / count**2)))
    for number, limit in enumerate(np.geomspace(forces.springLength, 0.5, iterations)):
        repulsion = _repulsion(pos, forces)
        if number % RESCALE_EVERY == 0:
            scale = balanced_scale(pos, repulsion, src, dst, lengths, forces)
            pos *= scale
            repulsion /= scale * scale
        force = repulsion + _springs(pos, src, dst, lengths, forces) + _centre(pos, forces)
        move = force * step[:, None]
        length = np.hypot(move[:, 0], move[:, 1])
        move *= (np.minimum(length, limit) / np.maximum(length, 1e-9))[:, None]
        pos += move
        if length.max() < 0.2:
            break
    return pos - pos.mean(axis=0)


def balanced_scale(pos: np.ndarray, repulsion: np.ndarray, src: np.ndarray, dst: np.ndarray,
                   lengths: np.ndarray, forces: Forces) -> float:
    """The factor s for which the forces on `pos` scaled by s balance as a whole (their virial
    Σ x·F is zero): repulsion pushes out as A/s, springs and the centre pull in. Moving straight
    there skips the slow breathing of a force layout that starts too wide or too narrow."""
    push = float((pos * repulsion).sum())
    edge = np.hypot(*(pos[src] - pos[dst]).T)
    square = forces.springConstant * float((lengths * edge).sum()) - forces.centralGravity * float(
        np.hypot(pos[:, 0], pos[:, 1]).sum())
    cube = forces.springConstant * float((edge * edge).sum())

    def virial(scale: float) -> float:  # the virial at pos × scale, times scale
        return push + square * scale**2 - cube * scale**3

    low, high = 1e-3, 1.0
    while virial(high) > 0 and high < 1e6:
        low, high = high, high * 2
    for _ in range(50):
        mid = (low + high) / 2
        low, high = (mid, high) if virial(mid) > 0 else (low, mid)
    return (low + high) / 2


def _repulsion(pos: np.ndarray, forces: Forces) -> np.ndarray:
    """Σ_j -G·(x_i - x_j)/d³, in float32 and in blocks of rows that keep memory near
    BLOCK_CELLS: this n × n sum is the layout's whole cost."""
    x = pos[:, 0].astype(np.float32)
    y = pos[:, 1].astype(np.float32)
    out = np.zeros_like(pos)
    rows = max(1, BLOCK_CELLS // len(pos))
    for first in range(0, len(pos), rows):
        last = min(first + rows, len(pos))
        dx = x[first:last, None] - x[None, :]
        dy = y[first:last, None] - y[None, :]
        d2 = dx * dx
        d2 += dy * dy
        np.maximum(d2, np.float32(1.0), out=d2)
        scale = np.sqrt(d2)
        scale *= d2
        np.divide(np.float32(-forces.gravitationalConstant), scale, out=scale)
        scale[np.arange(last - first), np.arange(first, last)] = 0.0
        dx *= scale
        dy *= scale
        out[first:last, 0] = dx.sum(axis=1, dtype=np.float64)
        out[first:last, 1] = dy.sum(axis=1, dtype=np.float64)
    return out


def _springs(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, lengths: np.ndarray, forces: Forces) -> np.ndarray:
    out = np.zeros_like(pos)
    if len(src) == 0:
        return out
    vec = pos[src] - pos[dst]
    dist = np.maximum(np.hypot(vec[:, 0], vec[:, 1]), 0.01)
    pull = vec * (forces.springConstant * (lengths - dist) / dist)[:, None]
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


def spiral(count: int, spacing: float) -> np.ndarray:
    """A sunflower spiral of `count` points about `spacing` apart, the first ones in the middle."""
    k = np.arange(count)
    radius = spacing * np.sqrt(k + 0.5)
    return np.stack((radius * np.cos(k * GOLDEN_ANGLE), radius * np.sin(k * GOLDEN_ANGLE)), axis=1)


def shelves(shapes: Sequence[np.ndarray], width: float, top: float) -> tuple[list[np.ndarray], float]:
    """Offsets that put shapes in rows of about `width`, centred on x = 0, from y = `top` down;
    and the y where the next rows may start."""
    rows: list[list[int]] = [[]]
    row_width = 0.0
    boxes = [(shape.min(axis=0) - GAP / 2, shape.max(axis=0) + GAP / 2) for shape in shapes]
    for k, (low, high) in enumerate(boxes):
        size = float(high[0] - low[0])
        if rows[-1] and row_width + size > width:
            rows.append([])
            row_width = 0.0
        rows[-1].append(k)
        row_width += size
    offsets: list[np.ndarray] = [np.zeros(2)] * len(shapes)
    for row in rows:
        if not row:
            continue
        x = -sum(float(boxes[k][1][0] - boxes[k][0][0]) for k in row) / 2
        height = max(float(boxes[k][1][1] - boxes[k][0][1]) for k in row)
        for k in row:
            low, high = boxes[k]
            offsets[k] = np.array([x - low[0], top + height / 2 - (low[1] + high[1]) / 2])
            x += float(high[0] - low[0])
        top += height
    return offsets, top
