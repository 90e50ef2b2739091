"""Each actor's profile, counted once per build: its claims by side (subject or object), relation,
counterpart and polarity, most frequent first, in pages of PAGE_ROWS rows.

The named query actor-profile reads one page, so it costs the same for an actor in ten claims or
in two hundred thousand. Counting at query time read every claim of the actor: 3.3 s for the most
frequent actor of a million claims (README, "SPARQL"). The profile is part of the shared graph,
made again from every document's result at each build, as mention counts are.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef

from ..types import DocResult
from .iris import entity_iri
from .namespaces import AKG
from .triples import Triple

PAGE_ROWS = 100

ClaimKey = tuple[str, str, str, str]  # subject, relation, object, polarity


def claim_keys(result: DocResult) -> Iterator[ClaimKey]:
    """One key per claim node of the document (claims of one sentence with the same key are one node)."""
    seen = {(c.sentence_start, c.sentence_end, c.subject, c.relation, c.object, c.polarity) for c in result.claims}
    return ((subject, relation, obj, polarity) for _, _, subject, relation, obj, polarity in seen)


def profile_triples(counts: Counter[ClaimKey], labels: dict[str, str], actors: Iterable[str]) -> Iterator[Triple]:
    """`actor akg:profilePage page . page akg:pageNumber n ; akg:row row . row akg:rank k ; akg:side "subject" ;
    akg:relation akg:supports ; akg:counterpart other ; akg:claimPolarity "positive" ; akg:claimCount 17`.
    Only actors (not places) get a profile; a counterpart needs a label, as it does in the query's answer."""
    actors = set(actors)
    rows: dict[str, list[tuple[int, str, str, str, str]]] = defaultdict(list)
    for (subject, relation, obj, polarity), count in counts.items():
        if subject in actors and obj in labels:
            rows[subject].append((count, relation, obj, "subject", polarity))
        if obj in actors and subject in labels:
            rows[obj].append((count, relation, subject, "object", polarity))
    for key in sorted(rows):
        ordered = sorted(rows[key], key=lambda row: (-row[0], row[1], labels[row[2]], row[3], row[4], row[2]))
        actor = entity_iri(key)
        for first in range(0, len(ordered), PAGE_ROWS):
            number = first // PAGE_ROWS + 1
            page = URIRef(f"{actor}/profile/{number}")
            yield actor, AKG.profilePage, page
            yield page, AKG.pageNumber, Literal(number)
            for rank, (count, relation, other, side, polarity) in enumerate(ordered[first:first + PAGE_ROWS], first + 1):
                row = URIRef(f"{page}/{rank}")
                yield page, AKG.row, row
                yield row, AKG.rank, Literal(rank)
                yield row, AKG.side, Literal(side)
                yield row, AKG.relation, AKG[relation]
                yield row, AKG.counterpart, entity_iri(other)
                yield row, AKG.claimPolarity, Literal(polarity)
                yield row, AKG.claimCount, Literal(count)
