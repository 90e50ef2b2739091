"""What the page shows, read from the RDF in one pass: actors, claims with their evidence, and
claims aggregated into one edge per (subject, relation, object, polarity).

Symmetric relations (alliedWith, meetsWith) are aggregated regardless of direction. Everything
is ordered by IRI so that the same graph gives the same page, byte for byte.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS
from rdflib.term import Node

from ...graph.namespaces import AKG, NIF, PROV
from .style import RELATION_ORDER, SYMMETRIC

WIKIDATA = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:entity|wiki)/(Q[1-9][0-9]*)$")
AKG_NS = str(AKG._NS)
PREDICATES = frozenset({
    RDF.type, RDF.subject, RDF.predicate, RDF.object, AKG.polarity, AKG.confidence, AKG.assertedBy,
    PROV.wasDerivedFrom, AKG.trigger, AKG.triggerBegin, AKG.triggerEnd, NIF.anchorOf, NIF.beginIndex,
    NIF.referenceContext, AKG.section, AKG.document, DCTERMS.identifier, DCTERMS.title,
    SKOS.prefLabel, SKOS.altLabel, RDFS.label, AKG.mentionCount, OWL.sameAs,
})
KIND_PRIORITY = tuple(AKG[name] for name in ("Person", "ArmedGroup", "State", "InternationalOrganization",
                                            "Organization", "Place", "Population"))
ACTOR_CLASSES = frozenset(KIND_PRIORITY[:5])


@dataclass
class Actor:
    iri: str
    label: str
    kind: str
    aliases: list[str]
    wikidata: str | None
    mentions: int
    claims: int = 0


@dataclass(frozen=True)
class Document:
    identifier: str
    title: str


@dataclass(frozen=True)
class Sentence:
    text: str
    document: int
    section: str


@dataclass(frozen=True)
class Claim:
    subject: int
    object: int
    relation: str
    negative: bool
    confidence: float | None
    asserter: int
    sentence: int
    trigger: tuple[int, int] | None  # code points within the sentence


@dataclass
class Edge:
    source: int
    target: int
    relation: str
    negative: bool
    claims: list[int] = field(default_factory=list)


@dataclass
class Model:
    actors: list[Actor]
    documents: list[Document]
    sentences: list[Sentence]
    asserters: list[str]
    claims: list[Claim]
    edges: list[Edge]


class _Index:
    """Subject -> predicate -> objects (in a fixed order), for the predicates the page uses."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        table: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
        for s, p, o in triples:
            if p in PREDICATES:
                table[s][p].add(o)
        self.table = table

    def values(self, subject: Node | None, predicate: Node) -> list[Node]:
        found = self.table.get(subject, {}).get(predicate, ())
        if len(found) < 2:
            return list(found)
        return sorted(found, key=lambda node: (str(node), node.__class__.__name__))

    def value(self, subject: Node | None, predicate: Node) -> Node | None:
        found = self.values(subject, predicate)
        return found[0] if found else None

    def text(self, subject: Node | None, predicate: Node) -> str | None:
        found = self.value(subject, predicate)
        return None if found is None else str(found)

    def number(self, subject: Node | None, predicate: Node) -> float | None:
        found = self.value(subject, predicate)
        if not isinstance(found, Literal):
            return None
        try:
            return float(found.toPython())
        except (TypeError, ValueError):
            return None

    def typed(self, cls: Node) -> list[Node]:
        return sorted((s for s, props in self.table.items() if cls in props.get(RDF.type, ())), key=str)


def read_model(source: Dataset | Iterable[tuple[Node, Node, Node]]) -> Model:
    """The page's model from a dataset (all its graphs) or from triples (GraphStore.view)."""
    if isinstance(source, Dataset):
        source = (triple for graph in source.graphs() for triple in graph.triples((None, None, None)))
    index = _Index(source)
    claim_nodes = index.typed(AKG.Claim)
    endpoints = {node for claim in claim_nodes for p in (RDF.subject, RDF.object)
                 if (node := index.value(claim, p)) is not None}
    nodes = sorted({s for s, props in index.table.items() if ACTOR_CLASSES & props.get(RDF.type, set())}
                   | endpoints, key=str)
    actors = [_actor(index, node) for node in nodes]
    position = {node: k for k, node in enumerate(nodes)}
    reader = _EvidenceReader(index)
    claims: list[Claim] = []
    for claim in claim_nodes:
        read = reader.claim(claim, position)
        if read is not None:
            claims.append(read)
    claims.sort(key=lambda c: (reader.sort_key[c.sentence], c.relation, c.subject, c.object, c.negative))
    edges = _aggregate(claims, actors)
    return Model(actors, reader.documents, reader.sentences, reader.asserters, claims, edges)


def _actor(index: _Index, node: Node) -> Actor:
    types = set(index.values(node, RDF.type))
    kind = next((str(cls).removeprefix(AKG_NS) for cls in KIND_PRIORITY if cls in types), "Other")
    label = index.text(node, SKOS.prefLabel) or index.text(node, RDFS.label) or _tail(node)
    aliases = sorted({str(a) for a in index.values(node, SKOS.altLabel)} - {label}, key=lambda a: (a.casefold(), a))
    wikidata = next((f"https://www.wikidata.org/wiki/{m.group(1)}" for same in index.values(node, OWL.sameAs)
                     if (m := WIKIDATA.match(str(same)))), None)
    mentions = index.number(node, AKG.mentionCount)
    return Actor(str(node), label, kind, aliases, wikidata, int(mentions or 0))


class _EvidenceReader:
    """Claims with their sentences, documents and asserters, each sentence and document once."""

    def __init__(self, index: _Index) -> None:
        self.index = index
        self.documents: list[Document] = []
        self.sentences: list[Sentence] = []
        self.asserters: list[str] = []
        self.sort_key: list[tuple[str, int, str]] = []
        self._documents: dict[Node | None, int] = {}
        self._sentences: dict[Node | None, int] = {}
        self._asserters: dict[tuple[Node | None, int], int] = {}

    def claim(self, claim: Node, position: dict[Node, int]) -> Claim | None:
        index = self.index
        subject, predicate, obj = (index.value(claim, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        if subject not in position or obj not in position or predicate is None:
            return None
        relation = _tail(predicate)
        sentence_node = index.value(claim, PROV.wasDerivedFrom)
        sentence = self._sentence(sentence_node)
        trigger = _trigger_span(self.sentences[sentence].text, index.number(sentence_node, NIF.beginIndex),
                                index.text(claim, AKG.trigger), index.number(claim, AKG.triggerBegin),
                                index.number(claim, AKG.triggerEnd))
        confidence = index.number(claim, AKG.confidence)
        a, b = position[subject], position[obj]
        return Claim(a, b, relation, index.text(claim, AKG.polarity) == "negative",
                     None if confidence is None else round(confidence, 3),
                     self._asserter(index.value(claim, AKG.assertedBy), self.sentences[sentence].document),
                     sentence, trigger)

    def _sentence(self, node: Node | None) -> int:
        if node not in self._sentences:
            index = self.index
            document = self._document(index.value(index.value(node, NIF.referenceContext), AKG.document))
            section = "comment" if index.text(node, AKG.section) == "comment" else "body"
            self._sentences[node] = len(self.sentences)
            self.sentences.append(Sentence(index.text(node, NIF.anchorOf) or "", document, section))
            begin = index.number(node, NIF.beginIndex)
            self.sort_key.append((self.documents[document].identifier, int(begin or 0), str(node)))
        return self._sentences[node]

    def _document(self, node: Node | None) -> int:
        if node not in self._documents:
            identifier = self.index.text(node, DCTERMS.identifier) or (_tail(node) if node else "unknown document")
            self._documents[node] = len(self.documents)
            self.documents.append(Document(identifier, self.index.text(node, DCTERMS.title) or identifier))
        return self._documents[node]

    def _asserter(self, node: Node | None, document: int) -> int:
        key = (node, document)
        if key not in self._asserters:
            self._asserters[key] = len(self.asserters)
            self.asserters.append(self._asserter_label(node, document))
        return self._asserters[key]

    def _asserter_label(self, node: Node | None, document: int) -> str:
        if node is None:
            return "unknown"
        label = self.index.text(node, SKOS.prefLabel) or self.index.text(node, RDFS.label)
        if label:
            return label
        if AKG.Document in self.index.values(node, RDF.type):
            own = self._documents.get(node) == document
            return "the document itself" if own else self.documents[self._document(node)].title
        return _tail(node)


def _aggregate(claims: list[Claim], actors: list[Actor]) -> list[Edge]:
    edges: dict[tuple[int, int, str, bool], Edge] = {}
    for number, claim in enumerate(claims):
        source, target = claim.subject, claim.object
        if claim.relation in SYMMETRIC and actors[target].iri < actors[source].iri:
            source, target = target, source
        key = (source, target, claim.relation, claim.negative)
        edges.setdefault(key, Edge(*key)).claims.append(number)
        actors[claim.subject].claims += 1
        if claim.object != claim.subject:
            actors[claim.object].claims += 1
    rank = {relation: k for k, relation in enumerate(RELATION_ORDER)}
    return sorted(edges.values(), key=lambda e: (e.source, e.target, rank.get(e.relation, len(rank)), e.relation,
                                                  e.negative))


def _trigger_span(text: str, sentence_begin: float | None, trigger: str | None, begin: float | None,
                  end: float | None) -> tuple[int, int] | None:
    """Where the trigger words are in the sentence: from the offsets when they agree with the
    text, else the first place the words occur, else nowhere."""
    if sentence_begin is not None and begin is not None and end is not None:
        start, stop = int(begin - sentence_begin), int(end - sentence_begin)
        if 0 <= start < stop <= len(text) and (not trigger or text[start:stop].casefold() == trigger.casefold()):
            return start, stop
    found = re.search(re.escape(trigger), text, re.IGNORECASE) if trigger else None
    return found.span() if found else None


def _tail(node: Node) -> str:
    text = str(node)
    if isinstance(node, URIRef):
        for sep in ("#", "/"):
            if sep in text.rstrip(sep):
                return text.rstrip(sep).rsplit(sep, 1)[-1]
    return text
