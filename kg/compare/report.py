"""The comparison of the sources of a built graph: contested claims, figures side by side,
framing, and each source with how many of its claims others contest. Filters by actor and source."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from ..actors.names import normalise
from ..cues import Cues, load_cues
from ..errors import InputError
from ..settings import Settings
from .contested import Contest, find_contests
from .figures import FigureGroup, group_figures
from .framing import Framing, framing_table
from .records import ClaimRow, Evidence, FigureRow, Rows, Source, read_rows


@dataclass(frozen=True)
class SourceSummary:
    source: Source
    claims: int
    contested: int  # claims of this source that a claim of another source contests
    figures: int
    descriptors: int


@dataclass
class Comparison:
    sources: list[SourceSummary]
    contests: list[Contest]
    figures: list[FigureGroup]
    framing: list[Framing]
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def framed_differently(self) -> list[Framing]:
        return [f for f in self.framing if f.differs]

    def to_json(self) -> dict[str, Any]:
        return {
            "filters": self.filters,
            "sources": [{**asdict(s.source), "claims": s.claims, "contested": s.contested, "figures": s.figures,
                         "descriptors": s.descriptors} for s in self.sources],
            "contested": [contest_json(c) for c in self.contests],
            "quantities": [group_json(g) for g in self.figures],
            "framing": [framing_json(f) for f in self.framing],
        }


def compare(dataset: Dataset | Graph, cues: Cues, actor: str | None = None,
            source: str | None = None) -> Comparison:
    """The comparison of a built graph's sources; `actor` keeps what concerns the actor of that name,
    `source` what concerns documents of that file name (or its start), author or outlet."""
    rows = read_rows(dataset)
    contests = find_contests(rows.claims, cues.comparison)
    groups = group_figures(rows.figures, cues)
    framing = framing_table(rows.descriptors)
    sources = _summaries(rows, contests)
    filters = {}
    if actor is not None:
        actors = actors_named(rows, actor)
        contests = [c for c in contests if {c.first.subject, c.first.object, c.second.subject, c.second.object} & actors]
        groups = [g for g in groups if g.about in actors]
        framing = [f for f in framing if f.actor in actors]
        filters["actor"] = actor
    if source is not None:
        documents = documents_of(rows, source)
        contests = [c for c in contests if {c.first.evidence.document, c.second.evidence.document} & documents]
        groups = [g for g in groups if g.documents & documents]
        framing = [f for f in framing if any(e.evidence.document in documents
                                             for rows_ in f.evidence.values() for e in rows_)]
        sources = [s for s in sources if s.source.document in documents]
        filters["source"] = source
    return Comparison(sources, contests, groups, framing, filters)


def compare_output(output: Path, actor: str | None = None, source: str | None = None,
                   settings: Settings | None = None) -> Comparison:
    """`kg compare`: the comparison of the graph built into `output` (a folder or an RDF file)."""
    from ..api import load  # kg.api imports the whole pipeline, which imports this package

    settings = settings or Settings()
    return compare(load(output), load_cues(settings.path("cues.yaml")), actor, source)


def actors_named(rows: Rows, name: str) -> set[str]:
    wanted = normalise(name)
    found = {node for node, labels in rows.labels.items() if any(normalise(label) == wanted for label in labels)}
    if not found:
        raise InputError(f"no actor named {name!r} in the graph")
    return found


def documents_of(rows: Rows, name: str) -> set[str]:
    """Documents whose file name starts with `name`, or whose author or outlet is `name`."""
    wanted = name.strip().lower()
    found = {doc for doc, s in rows.sources.items()
             if doc.lower().startswith(wanted) or wanted in ((s.author or "").lower(), (s.outlet or "").lower())}
    if not found:
        raise InputError(f"no source {name!r}: give a document's file name (or its start), an author or an outlet")
    return found


def _summaries(rows: Rows, contests: list[Contest]) -> list[SourceSummary]:
    claims = Counter(c.evidence.document for c in rows.claims)
    figures = Counter(f.evidence.document for f in rows.figures)
    descriptors = Counter(d.evidence.document for d in rows.descriptors)
    contested: dict[str, set[str]] = {doc: set() for doc in rows.sources}
    for contest in contests:
        for claim in (contest.first, contest.second):
            contested.setdefault(claim.evidence.document, set()).add(claim.iri)
    return [SourceSummary(source, claims[doc], len(contested.get(doc, ())), figures[doc], descriptors[doc])
            for doc, source in sorted(rows.sources.items())]


def evidence_json(evidence: Evidence) -> dict[str, Any]:
    out = asdict(evidence)
    if not out["context"]:
        del out["context"]
    return out


def claim_json(claim: ClaimRow) -> dict[str, Any]:
    return {"subject": claim.subject, "subject_label": claim.subject_label, "relation": claim.relation,
            "object": claim.object, "object_label": claim.object_label, "object_kind": claim.object_kind,
            "polarity": claim.polarity, "evidence": evidence_json(claim.evidence)}


def contest_json(contest: Contest) -> dict[str, Any]:
    return {"kind": contest.kind, "first": claim_json(contest.first), "second": claim_json(contest.second)}


def figure_json(figure: FigureRow) -> dict[str, Any]:
    return {"about": figure.about, "about_label": figure.about_label, "place": figure.place,
            "place_label": figure.place_label, "counted": figure.counted,
            "value": figure.value, "low": figure.low, "high": figure.high, "evidence": evidence_json(figure.evidence)}


def group_json(group: FigureGroup) -> dict[str, Any]:
    index = {f.iri: i for i, f in enumerate(group.figures)}
    return {"counted": group.counted, "about": group.about, "about_label": group.about_label, "place": group.place,
            "disputed": bool(group.disputed), "figures": [figure_json(f) for f in group.figures],
            "disputes": [[index[a.iri], index[b.iri]] for a, b in group.disputed]}


def framing_json(framing: Framing) -> dict[str, Any]:
    return {"actor": framing.actor, "actor_label": framing.actor_label, "differs": framing.differs,
            "sources": {source: {"descriptors": dict(sorted(counts.items())),
                                 "evidence": [{"descriptor": r.descriptor, **evidence_json(r.evidence)}
                                              for r in framing.evidence[source]]}
                        for source, counts in framing.by_source.items()}}
