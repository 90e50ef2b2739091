"""`kg compare` on a terminal: the three views, each line of evidence with its source and sentence."""
from __future__ import annotations

import textwrap
from collections.abc import Iterator

from .contested import Contest
from .figures import FigureGroup
from .framing import Framing
from .records import ClaimRow, Evidence, FigureRow
from .report import Comparison

WIDTH = 100


def render_text(comparison: Comparison) -> str:
    lines = list(_header(comparison))
    lines += _section("Contested claims", len(comparison.contests), _contests(comparison.contests))
    compared = [g for g in comparison.figures if len(g.documents) > 1]
    lines += _section("Figures given by more than one source", len(compared), _figures(compared),
                      f"{sum(bool(g.disputed) for g in compared)} disputed")
    lines += _section("Framing: what each source calls an actor", len(comparison.framing),
                      _framing(comparison.framing), f"{len(comparison.framed_differently)} framed differently")
    lines += _section("Sources", len(comparison.sources), _sources(comparison))
    return "\n".join(lines).rstrip() + "\n"


def _header(comparison: Comparison) -> Iterator[str]:
    if comparison.filters:
        yield "Filtered by " + ", ".join(f"{k} {v!r}" for k, v in comparison.filters.items())
        yield ""


def _section(title: str, count: int, body: Iterator[str], note: str = "") -> list[str]:
    heading = f"{title} ({count}{'; ' + note if note else ''})"
    lines = [heading, "=" * len(heading)]
    body_lines = list(body)
    return lines + (body_lines or ["  (none)"]) + [""]


def _quote(evidence: Evidence, indent: str) -> list[str]:
    who = f", said by {evidence.said_by}" if evidence.said_by else ""
    where = f"[{evidence.document}{' comment' if evidence.section == 'comment' else ''}{who}]"
    text = (evidence.context + " " if evidence.context else "") + evidence.sentence
    wrapped = textwrap.wrap(f"“{' '.join(text.split())}”", WIDTH - len(indent) - 2)
    return [f"{indent}{where}"] + [f"{indent}  {line}" for line in wrapped]


def _claim(claim: ClaimRow) -> str:
    sign = "" if claim.polarity == "positive" else "NOT "
    return f"{claim.subject_label} {sign}{claim.relation} {claim.object_label}"


def _contests(contests: list[Contest]) -> Iterator[str]:
    for n, contest in enumerate(contests, 1):
        yield f"{n}. {contest.kind}"
        for claim in (contest.first, contest.second):
            yield f"   {_claim(claim)}"
            yield from _quote(claim.evidence, "     ")
        yield ""


def _bounds(figure: FigureRow) -> str:
    def number(x: float) -> str:
        return f"{x:,.0f}" if x == int(x) else f"{x:,}"

    if figure.low is not None and figure.high is not None:
        return number(figure.low) if figure.low == figure.high else f"{number(figure.low)}–{number(figure.high)}"
    if figure.low is not None:
        return f"≥{number(figure.low)}"
    return f"≤{number(figure.high)}" if figure.high is not None else "?"


def _figures(groups: list[FigureGroup]) -> Iterator[str]:
    for group in groups:
        about = group.about_label or (f"(no actor named) in {group.place}" if group.place else "(no actor or place named)")
        flag = "  DISPUTED" if group.disputed else ""
        yield f"{group.counted}: {about}{flag}"
        for figure in group.figures:
            yield f"  {figure.value:>22}  ({_bounds(figure)} {figure.counted})"
            yield from _quote(figure.evidence, "      ")
        yield ""


def _framing(table: list[Framing]) -> Iterator[str]:
    for framing in table:
        mark = "  (framed differently)" if framing.differs else ""
        yield f"{framing.actor_label}{mark}"
        width = max(len(source) for source in framing.by_source)
        for source, counts in framing.by_source.items():
            words = ", ".join(f"{d} ×{n}" if n > 1 else d for d, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            yield f"  {source:{width}}  {words}"


def _sources(comparison: Comparison) -> Iterator[str]:
    for summary in comparison.sources:
        source = summary.source
        who = ", ".join(x for x in (source.author, source.outlet) if x)
        yield (f"  {source.document}{' (' + who + ')' if who else ''}: {summary.claims} claims, "
               f"{summary.contested} contested by other sources, {summary.figures} figures, "
               f"{summary.descriptors} descriptors")
