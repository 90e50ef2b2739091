"""The framing table: for each actor, which source calls it what.

An actor is framed differently when two sources attach different sets of descriptors to it
("regime" in one, "government" in another). A document's own voice, the speakers it quotes and
its reader comments are sources of their own: "002.txt", "002.txt, quoting Walid Muallem",
"002.txt (comments)".
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .records import DescriptorRow, Evidence


def source_name(evidence: Evidence) -> str:
    if evidence.section == "comment":
        return f"{evidence.document} (comments)"
    return f"{evidence.document}, quoting {evidence.said_by}" if evidence.said_by else evidence.document


@dataclass(frozen=True)
class Framing:
    actor: str
    actor_label: str
    by_source: dict[str, Counter]  # source name -> descriptor -> times
    evidence: dict[str, list[DescriptorRow]]  # source name -> its descriptor rows

    @property
    def differs(self) -> bool:
        """Two sources use different descriptor sets for this actor."""
        return len({frozenset(c) for c in self.by_source.values()}) > 1


def framing_table(rows: Iterable[DescriptorRow]) -> list[Framing]:
    counts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    evidence: dict[str, dict[str, list[DescriptorRow]]] = defaultdict(lambda: defaultdict(list))
    labels = {}
    for row in rows:
        source = source_name(row.evidence)
        counts[row.actor][source][row.descriptor] += 1
        evidence[row.actor][source].append(row)
        labels[row.actor] = row.actor_label
    table = [Framing(actor, labels[actor], dict(sorted(by.items())), dict(sorted(evidence[actor].items())))
             for actor, by in counts.items()]
    return sorted(table, key=lambda f: (not f.differs, -len(f.by_source), f.actor_label.lower()))
