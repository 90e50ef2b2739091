"""One document's result -> the triples of its named graph.

Documents, their NIF context and sentences (with offsets and section), the reified claims
(with polarity, confidence, asserter, rule and trigger), renamings, descriptions and figures.
Actors themselves (types, labels, counts) are written once for the corpus by actors.py.
"""
from __future__ import annotations

from collections.abc import Iterator

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from ..actors.names import slug
from ..types import Claim, DocResult
from .iris import claim_iri, commenter_iri, context_iri, doc_iri, entity_iri, node_iri, sentence_iri
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


def claim_triples(result: DocResult, claim: Claim, voice: URIRef, comment_of: dict) -> Iterator[Triple]:
    doc_id = result.doc.doc_id
    c = claim_iri(doc_id, claim.sentence_start, claim.sentence_end, claim.subject, claim.relation, claim.object,
                  claim.polarity)
    subject, obj, predicate = entity_iri(claim.subject), entity_iri(claim.object), AKG[claim.relation]
    comment = comment_of.get((claim.sentence_start, claim.sentence_end))
    if comment is not None:
        asserter = commenter_iri(doc_id, comment)
    elif claim.asserted_by:
        asserter = entity_iri(claim.asserted_by)
    else:
        asserter = voice
    yield c, RDF.type, AKG.Claim
    yield c, RDF.subject, subject
    yield c, RDF.predicate, predicate
    yield c, RDF.object, obj
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
