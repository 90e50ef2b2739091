"""One document through the pipeline: SourceDoc in -> DocResult (plain data) out.

This is the per-document unit of work that a process pool or a Dask worker runs; the
cross-document step (graph/actors.py) needs nothing but its output.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ..compare.descriptors import find_descriptions
from ..compare.mentions import Mentions
from ..compare.quantities import find_quantities
from ..cues import Cues, load_cues
from ..ingest.layout import Layout, read_meta, split_sections
from ..relations.extract import sentence_bounds
from ..types import Claim, DocResult, Entity, Mention, Problem, Renaming, Section, Sentence, SourceDoc

T = TypeVar("T")


def analyse_all(nlp: Language, layout: Layout, docs: Iterable[SourceDoc], batch_size: int = 8) -> Iterator[DocResult]:
    """Stream documents through `nlp.pipe` in small batches (memory stays flat) and yield their results."""
    pairs = ((source.text, source) for source in docs)
    cues = load_cues(Path(nlp.get_pipe_config("akg_relations")["ontology"]) / "cues.yaml")
    for doc, source in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_result(doc, source, layout, cues)


def analyse_safely(nlp: Language, layout: Layout, docs: list[SourceDoc],
                   batch_size: int = 8) -> list[DocResult | Problem]:
    """A batch through the pipeline; if it fails, each document alone, so that one bad document
    is reported as a Problem and the others still give their results."""
    try:
        return list(analyse_all(nlp, layout, docs, batch_size))  # all or none of the batch
    except Exception:  # noqa: BLE001 (one bad document must not sink the batch: retry one by one)
        out: list[DocResult | Problem] = []
        for doc in docs:
            try:
                out.extend(analyse_all(nlp, layout, [doc], 1))
            except Exception as err:  # noqa: BLE001 (reported per file, the build goes on)
                out.append(Problem(doc.sources[0], f"failed in the pipeline: {type(err).__name__}: {err}"))
        return out


def to_result(doc: Doc, source: SourceDoc, layout: Layout, cues: Cues) -> DocResult:
    sections = split_sections(source.text, layout)
    sentences = []
    for sent in doc.sents:
        start, end = sentence_bounds(sent)
        if end <= start:
            continue
        section = _section_at(sections, start)
        sentences.append(Sentence(start, end, section.kind, section.index))
    entities: dict[str, Entity] = doc._.akg_entities or {}
    renamed = {r.key: r for r in doc._.akg_renamings or []}
    mentions = tuple(
        Mention(span.id_, span.start_char, span.end_char, span.text, span.label_)
        for span in doc.spans.get("akg_mentions", [])
    )
    claims: list[Claim] = list(doc._.akg_claims or [])
    actor_spans = Mentions(doc)  # one index of the actor mentions for both
    descriptions = find_descriptions(doc, cues, actor_spans)
    quantities = find_quantities(doc, cues, actor_spans)
    renamings: list[Renaming] = list(renamed.values())
    # a renaming in the text makes the old name's local actor the renamed one
    remap = _renaming_map(renamings, mentions)
    if remap:
        mentions = tuple(Mention(remap.get(m.key, m.key), m.start, m.end, m.text, m.kind) for m in mentions)
        claims = [_remap_claim(c, remap) for c in claims if remap.get(c.subject, c.subject) != remap.get(c.object, c.object)]
        descriptions = [_remap_keys(d, remap, "key", "asserted_by") for d in descriptions]
        quantities = [_remap_keys(q, remap, "about", "asserted_by") for q in quantities]
    used = {m.key for m in mentions} | {c.subject for c in claims} | {c.object for c in claims} | {
        c.asserted_by for c in claims if c.asserted_by} | {d.asserted_by for d in descriptions if d.asserted_by} | {
        q.asserted_by for q in quantities if q.asserted_by}
    return DocResult(
        doc=source,
        meta=read_meta(source.text, layout),
        sections=sections,
        sentences=tuple(sentences),
        entities=tuple(sorted((e for k, e in entities.items() if k in used), key=lambda e: e.key)),
        mentions=mentions,
        claims=tuple(claims),
        renamings=tuple(sorted(renamings, key=lambda r: (r.sentence_start, r.key))),
        descriptions=tuple(descriptions),
        quantities=tuple(quantities),
        tokens=len(doc),
    )


def _section_at(sections: tuple[Section, ...], offset: int) -> Section:
    for section in sections:
        if section.start <= offset < section.end:
            return section
    return sections[-1]


def _renaming_map(renamings: list[Renaming], mentions: tuple[Mention, ...]) -> dict[str, str]:
    remap = {}
    for r in renamings:
        for m in mentions:
            if m.text == r.former and m.key != r.key:
                remap[m.key] = r.key
    return remap


def _remap_claim(claim: Claim, remap: dict[str, str]) -> Claim:
    return replace(
        claim,
        subject=remap.get(claim.subject, claim.subject),
        object=remap.get(claim.object, claim.object),
        asserted_by=remap.get(claim.asserted_by, claim.asserted_by) if claim.asserted_by else None,
    )


def _remap_keys(record: T, remap: dict[str, str], *fields: str) -> T:
    """A description or quantity with its actor keys renamed (None stays None)."""
    return replace(record, **{f: remap.get(getattr(record, f), getattr(record, f)) for f in fields})
