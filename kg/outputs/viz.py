"""The HTML graph: actors as nodes, claims aggregated into one edge per pair and relation.

A single self-contained file: pyvis with vis.js inlined and its CDN links removed; all
document text is escaped before it reaches the page.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict

from rdflib import RDF, Dataset
from rdflib.namespace import SKOS

from ..graph.namespaces import AKG, NIF, PROV
from .serialize import union

TYPE_COLOURS = {
    "Person": "#4e79a7", "ArmedGroup": "#e15759", "State": "#59a14f",
    "InternationalOrganization": "#b07aa1", "Organization": "#f28e2b", "Place": "#9c755f", "Population": "#bab0ac",
}
FAMILY_COLOURS = {
    "allegianceTo": "#2ca02c", "affiliatedWith": "#2ca02c", "alliedWith": "#2ca02c", "supports": "#2ca02c",
    "opposes": "#d62728", "attacks": "#d62728", "accuses": "#d62728", "rejects": "#d62728",
    "meetsWith": "#1f77b4", "requests": "#1f77b4", "leaderOf": "#7f7f7f", "memberOf": "#7f7f7f",
}
CDN = re.compile(r'<(link|script)[^>]+(https?:)?//[^>]*>(\s*</script>)?', re.IGNORECASE)


def render_html(dataset: Dataset) -> str:
    from pyvis.network import Network  # imported here so that `kg --help` stays fast

    graph = union(dataset)
    label = {s: str(o) for s, o in graph.subject_objects(SKOS.prefLabel)}
    kinds = {}
    for s, o in graph.subject_objects(RDF.type):
        name = str(o).rsplit("#", 1)[-1]
        if name in TYPE_COLOURS:
            kinds[s] = name
    edges: dict[tuple, list[str]] = defaultdict(list)
    degree: dict = defaultdict(int)
    for claim in graph.subjects(RDF.type, AKG.Claim):
        s, p, o = graph.value(claim, RDF.subject), graph.value(claim, RDF.predicate), graph.value(claim, RDF.object)
        relation = str(p).rsplit("#", 1)[-1]
        sentence = graph.value(graph.value(claim, PROV.wasDerivedFrom), NIF.anchorOf)
        polarity = str(graph.value(claim, AKG.polarity))
        edges[(s, o, relation, polarity)].append(html.escape(str(sentence or "")))
        degree[s] += 1
        degree[o] += 1
    net = Network(height="90vh", width="100%", directed=True, cdn_resources="in_line")
    for node in sorted(degree, key=str):
        kind = kinds.get(node, "Organization")
        net.add_node(str(node), label=html.escape(label.get(node, str(node))), title=html.escape(kind),
                     color=TYPE_COLOURS[kind], size=10 + min(40, 3 * degree[node]))
    for (s, o, relation, polarity), sentences in sorted(edges.items(), key=lambda kv: tuple(map(str, kv[0]))):
        title = f"{relation} ({polarity}, {len(sentences)})\n" + "\n".join(sentences[:5])
        net.add_edge(str(s), str(o), title=title, label=f"{relation} ×{len(sentences)}" if len(sentences) > 1 else relation,
                     color=FAMILY_COLOURS[relation], dashes=polarity == "negative", arrows="to")
    net.toggle_physics(True)
    page = net.generate_html(notebook=False)
    return CDN.sub("", page)
