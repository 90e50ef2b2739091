"""The built graph as plain rows for the comparison: claims, figures, descriptors and sources,
each with its evidence (document, section, sentence, who says it).

Read with rdflib over the union of the Dataset's graphs; no SPARQL engine is needed, so the
comparison of a large graph stays a few linear passes.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from ..graph.namespaces import AKG, NIF, PROV
from ..outputs.serialize import union

TARGET_CLASSES = {AKG.Place: "Place", AKG.Population: "Population"}
FRAGMENT_START = tuple("[(—–-")  # a sentence cut at a citation mark ("[4] (8 thousand) — ...")


@dataclass(frozen=True)
class Source:
    """A document, with its author and outlet where the byline names them."""

    iri: str
    document: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Evidence:
    document: str
    section: str  # body | comment
    sentence: str
    begin: int
    end: int
    said_by: str | None  # a quoted speaker or a commenter; None for the document's own voice (author, outlet)
    context: str = ""  # the sentence before, when this one is a fragment cut at a citation mark


@dataclass(frozen=True)
class ClaimRow:
    iri: str
    subject: str
    subject_label: str
    relation: str
    object: str
    object_label: str
    object_kind: str  # Actor | Place | Population
    polarity: str
    evidence: Evidence


@dataclass(frozen=True)
class FigureRow:
    iri: str
    about: str | None
    about_label: str | None
    counted: str
    value: str
    low: float | None
    high: float | None
    place: str | None
    place_label: str | None
    evidence: Evidence


@dataclass(frozen=True)
class DescriptorRow:
    iri: str
    actor: str
    actor_label: str
    descriptor: str
    evidence: Evidence


@dataclass
class Rows:
    sources: dict[str, Source]  # document identifier -> source
    claims: list[ClaimRow]
    figures: list[FigureRow]
    descriptors: list[DescriptorRow]
    labels: dict[str, set[str]]  # node IRI -> every label (skos:prefLabel, skos:altLabel), for --actor


def label_of(graph: Graph, node: Node) -> str:
    """skos:prefLabel; a target without a name of its own reads as its key ("place:east_aleppo" -> "east aleppo")."""
    label = graph.value(node, SKOS.prefLabel)
    text = str(label) if label is not None else str(node).rstrip("/").rsplit("/", 1)[-1]
    if text.startswith(("place:", "population:")):
        return text.split(":", 1)[1].replace("_", " ")
    return text


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.documents: dict[Node, str] = {d: str(graph.value(d, DCTERMS.identifier) or d)
                                           for d in graph.subjects(RDF.type, AKG.Document)}
        self.voices: dict[Node, set[Node]] = {d: {d, *graph.objects(d, DCTERMS.creator),
                                                  *graph.objects(d, DCTERMS.publisher)} for d in self.documents}
        self.sentences: dict[Node, list[tuple[int, int, str]]] = defaultdict(list)
        for sentence in graph.subjects(RDF.type, NIF.Sentence):
            begin, end = graph.value(sentence, NIF.beginIndex), graph.value(sentence, NIF.endIndex)
            context = graph.value(sentence, NIF.referenceContext)
            if begin is not None and end is not None and context is not None:
                self.sentences[context].append((int(begin), int(end), str(graph.value(sentence, NIF.anchorOf) or "")))
        for rows in self.sentences.values():
            rows.sort()

    def evidence(self, node: Node, speaker_property: URIRef) -> Evidence | None:
        graph = self.graph
        sentence = graph.value(node, PROV.wasDerivedFrom)
        context = graph.value(sentence, NIF.referenceContext) if sentence is not None else None
        document = graph.value(context, AKG.document) if context is not None else None
        if document is None:
            return None
        begin, end = int(graph.value(sentence, NIF.beginIndex)), int(graph.value(sentence, NIF.endIndex))
        text = str(graph.value(sentence, NIF.anchorOf) or "")
        speaker = graph.value(node, speaker_property)
        said_by = label_of(graph, speaker) if speaker is not None and speaker not in self.voices.get(document, ()) else None
        return Evidence(self.documents.get(document, str(document)), str(graph.value(sentence, AKG.section) or "body"),
                        text, begin, end, said_by, self._before(context, begin) if text.startswith(FRAGMENT_START) else "")

    def _before(self, context: Node, begin: int) -> str:
        rows = self.sentences.get(context, [])
        i = bisect_left(rows, (begin,)) - 1
        return rows[i][2] if i >= 0 else ""

    def kind(self, node: Node) -> str:
        for cls, name in TARGET_CLASSES.items():
            if (node, RDF.type, cls) in self.graph:
                return name
        return "Actor"


def read_rows(dataset: Dataset | Graph) -> Rows:
    graph = union(dataset) if isinstance(dataset, Dataset) else dataset
    reader = _Reader(graph)
    sources = {}
    for document, identifier in reader.documents.items():
        author, outlet = graph.value(document, DCTERMS.creator), graph.value(document, DCTERMS.publisher)
        title = graph.value(document, DCTERMS.title)
        sources[identifier] = Source(str(document), identifier, str(title) if title else None,
                                     label_of(graph, author) if author else None,
                                     label_of(graph, outlet) if outlet else None)
    claims = []
    for claim in graph.subjects(RDF.type, AKG.Claim):
        s, p, o = graph.value(claim, RDF.subject), graph.value(claim, RDF.predicate), graph.value(claim, RDF.object)
        evidence = reader.evidence(claim, AKG.assertedBy)
        if s is None or p is None or o is None or evidence is None:
            continue
        claims.append(ClaimRow(str(claim), str(s), label_of(graph, s), str(p).rsplit("#", 1)[-1], str(o),
                               label_of(graph, o), reader.kind(o), str(graph.value(claim, AKG.polarity)), evidence))
    figures = []
    for figure in graph.subjects(RDF.type, AKG.QuantityClaim):
        evidence = reader.evidence(figure, PROV.wasAttributedTo)
        if evidence is None:
            continue
        about, place = graph.value(figure, AKG.about), graph.value(figure, AKG.place)
        low, high = graph.value(figure, AKG.minValue), graph.value(figure, AKG.maxValue)
        figures.append(FigureRow(str(figure), str(about) if about else None, label_of(graph, about) if about else None,
                                 str(graph.value(figure, AKG.counted)), str(graph.value(figure, AKG.value)),
                                 float(low) if low is not None else None, float(high) if high is not None else None,
                                 str(place) if place else None, label_of(graph, place) if place else None,
                                 evidence))
    descriptors = []
    for description in graph.subjects(RDF.type, AKG.Description):
        actor, evidence = graph.value(description, AKG.actor), reader.evidence(description, PROV.wasAttributedTo)
        if actor is None or evidence is None:
            continue
        descriptors.append(DescriptorRow(str(description), str(actor), label_of(graph, actor),
                                         str(graph.value(description, AKG.descriptor)), evidence))
    labels: dict[str, set[str]] = defaultdict(set)
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for node, label in graph.subject_objects(prop):
            labels[str(node)].add(str(label))
    order = (lambda row: (row.evidence.document, row.evidence.begin, row.iri))
    return Rows(sources, sorted(claims, key=order), sorted(figures, key=order), sorted(descriptors, key=order),
                dict(labels))
