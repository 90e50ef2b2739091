"""One document's result -> the triples of its named graph.

Documents, their NIF context and sentences (with offsets and section), the reified claims
(with polarity, confidence, asserter, rule and trigger), renamings, descriptions and figures.
Actors themselves (types, labels, counts) are written once for the corpus by actors.py.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from ..actors.names import slug
from ..types import Claim, DocResult, Description, Quantity
from .iris import claim_iri, commenter_iri, context_iri, doc_iri, entity_iri, node_iri, sentence_iri, statement_iri
from .namespaces import AKG, NIF, PROV

Triple = tuple[URIRef, URIRef, object]


def author_key(name: str) -> str:
    return slug(name)


def document_voice(result: DocResult) -> URIRef:
    """Who speaks when a document states something itself: its author, else its outlet, else the document."""
    if result.meta.author:
        return entity_iri(author_key(result.meta.author))
    if result.meta.outlet:
        return entity_iri(author_key(result.meta.outlet))
    return doc_iri(result.doc.doc_id)


def doc_triples(result: DocResult) -> Iterator[Triple]:
    doc, meta = result.doc, result.meta
    d, ctx = doc_iri(doc.doc_id), context_iri(doc.doc_id)
    yield d, RDF.type, AKG.Document
    yield d, DCTERMS.identifier, Literal(doc.doc_id)
    yield d, AKG.contentHash, Literal(doc.content_hash)
    yield d, AKG.encoding, Literal(doc.encoding)
    yield d, DCTERMS["format"], Literal(doc.media_type)
    for source in doc.sources:
        yield d, AKG.sourceFile, Literal(source)
    if meta.title:
        yield d, DCTERMS.title, Literal(meta.title)
    if meta.author:
        yield d, DCTERMS.creator, entity_iri(author_key(meta.author))
    if meta.outlet:
        yield d, DCTERMS.publisher, entity_iri(author_key(meta.outlet))
    yield ctx, RDF.type, NIF.Context
    yield ctx, NIF.isString, Literal(doc.text)
    yield ctx, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)
    yield ctx, NIF.endIndex, Literal(len(doc.text), datatype=XSD.nonNegativeInteger)
    yield ctx, AKG.document, d

    commenters = {s.index: s for s in result.sections if s.kind == "comment"}
    for index, section in sorted(commenters.items()):
        c = commenter_iri(doc.doc_id, index)
        yield c, RDF.type, AKG.Commenter
        yield c, SKOS.prefLabel, Literal(section.commenter or f"commenter {index} on {doc.doc_id}")
        yield c, AKG.mentionCount, Literal(1)
    for sentence in result.sentences:
        s = sentence_iri(doc.doc_id, sentence.start, sentence.end)
        yield s, RDF.type, NIF.Sentence
        yield s, NIF.anchorOf, Literal(doc.text[sentence.start:sentence.end])
        yield s, NIF.beginIndex, Literal(sentence.start, datatype=XSD.nonNegativeInteger)
        yield s, NIF.endIndex, Literal(sentence.end, datatype=XSD.nonNegativeInteger)
        yield s, NIF.referenceContext, ctx
        yield s, AKG.section, Literal(sentence.section)
        if sentence.section == "comment" and sentence.comment in commenters:
            yield s, AKG.comment, commenter_iri(doc.doc_id, sentence.comment)

    voice = document_voice(result)
    comment_of = {(s.start, s.end): s.comment for s in result.sentences if s.section == "comment"}
    for claim in result.claims:
        yield from claim_triples(result, claim, voice, comment_of)
    for renaming in result.renamings:
        r = node_iri(doc.doc_id, "renaming", renaming.key, renaming.former, renaming.sentence_start)
        actor = entity_iri(renaming.key)
        yield r, RDF.type, AKG.Renaming
        yield r, AKG.actor, actor
        yield r, AKG.formerName, Literal(renaming.former)
        yield r, AKG.newName, Literal(renaming.new)
        yield r, PROV.wasDerivedFrom, sentence_iri(doc.doc_id, renaming.sentence_start, renaming.sentence_end)
        if renaming.former != renaming.new:
            yield actor, AKG.formerName, Literal(renaming.former)
    for description in result.descriptions:
        yield from description_triples(result, description, voice, comment_of)
    for quantity in result.quantities:
        yield from quantity_triples(result, quantity, voice, comment_of)


def claim_triples(result: DocResult, claim: Claim, voice: URIRef, comment_of: dict) -> Iterator[Triple]:
    doc_id = result.doc.doc_id
    c = claim_iri(doc_id, claim.sentence_start, claim.sentence_end, claim.subject, claim.relation, claim.object,
                  claim.polarity)
    subject, obj, predicate = entity_iri(claim.subject), entity_iri(claim.object), AKG[claim.relation]
    asserter = speaker_iri(doc_id, claim.sentence_start, claim.sentence_end, claim.asserted_by, voice, comment_of)
    yield c, RDF.type, AKG.Claim
    yield c, RDF.subject, subject
    yield c, RDF.predicate, predicate
    yield c, RDF.object, obj
    yield c, AKG.statement, statement_iri(claim.subject, claim.relation, claim.object)
    yield c, AKG.polarity, Literal(claim.polarity)
    yield c, AKG.confidence, Literal(f"{claim.confidence:.2f}", datatype=XSD.decimal)
    yield c, AKG.assertedBy, asserter
    yield c, PROV.wasDerivedFrom, sentence_iri(doc_id, claim.sentence_start, claim.sentence_end)
    yield c, AKG.rule, Literal(claim.rule)
    yield c, AKG.trigger, Literal(result.doc.text[claim.trigger_start:claim.trigger_end])
    yield c, AKG.triggerBegin, Literal(claim.trigger_start, datatype=XSD.nonNegativeInteger)
    yield c, AKG.triggerEnd, Literal(claim.trigger_end, datatype=XSD.nonNegativeInteger)
    if claim.polarity == "positive":
        yield subject, predicate, obj


def speaker_iri(doc_id: str, sentence_start: int, sentence_end: int, asserted_by: str | None, voice: URIRef,
                comment_of: dict) -> URIRef:
    """Who says what a sentence says: its commenter in a comment, else a quoted speaker, else the document's voice."""
    comment = comment_of.get((sentence_start, sentence_end))
    if comment is not None:
        return commenter_iri(doc_id, comment)
    return entity_iri(asserted_by) if asserted_by else voice


def description_triples(result: DocResult, description: Description, voice: URIRef,
                        comment_of: dict) -> Iterator[Triple]:
    """`actor akg:describedAs [ a akg:Description ; akg:descriptor "regime" ; prov:wasDerivedFrom sentence ;
    prov:wasAttributedTo who-says-it ]`. Not a claim and not a name (SCHEMA §3)."""
    doc_id = result.doc.doc_id
    d = node_iri(doc_id, "description", description.key, description.descriptor, description.start)
    actor = entity_iri(description.key)
    yield actor, AKG.describedAs, d
    yield d, RDF.type, AKG.Description
    yield d, AKG.actor, actor
    yield d, AKG.descriptor, Literal(description.descriptor)
    yield d, PROV.wasDerivedFrom, sentence_iri(doc_id, description.sentence_start, description.sentence_end)
    yield d, PROV.wasAttributedTo, speaker_iri(doc_id, description.sentence_start, description.sentence_end,
                                               description.asserted_by, voice, comment_of)


def quantity_triples(result: DocResult, quantity: Quantity, voice: URIRef, comment_of: dict) -> Iterator[Triple]:
    """A figure as an akg:QuantityClaim: what it counts, about whom (when an actor is named), where (when its
    sentence names a place), the value as written and its bounds (an open bound is left out), the sentence
    and who says it."""
    doc_id = result.doc.doc_id
    q = node_iri(doc_id, "quantity", quantity.start, quantity.end, quantity.counted)
    yield q, RDF.type, AKG.QuantityClaim
    if quantity.about:
        yield q, AKG.about, entity_iri(quantity.about)
    if quantity.place:
        yield q, AKG.place, entity_iri(quantity.place)
    yield q, AKG.counted, Literal(quantity.counted)
    yield q, AKG.value, Literal(quantity.value)
    if quantity.low is not None:
        yield q, AKG.minValue, _decimal(quantity.low)
    if quantity.high is not None:
        yield q, AKG.maxValue, _decimal(quantity.high)
    yield q, PROV.wasDerivedFrom, sentence_iri(doc_id, quantity.sentence_start, quantity.sentence_end)
    yield q, PROV.wasAttributedTo, speaker_iri(doc_id, quantity.sentence_start, quantity.sentence_end,
                                               quantity.asserted_by, voice, comment_of)


def _decimal(value: float) -> Literal:
    return Literal(format(Decimal(str(value)).normalize(), "f"), datatype=XSD.decimal)
