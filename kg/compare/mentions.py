"""What the extractors of kg/compare share: actor mentions by token, and who speaks a clause."""
from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from ..cues import Cues
from ..relations.stance import stance
from ..types import ACTOR_TYPES


class Mentions:
    """The actor mentions of one parsed document (`doc.spans["akg_mentions"]`), places and populations left out."""

    def __init__(self, doc: Doc) -> None:
        entities = doc._.akg_entities or {}
        self.types = {key: entity.type for key, entity in entities.items()}
        self.by_token: dict[int, list[Span]] = defaultdict(list)
        self.places: list[Span] = []
        for span in doc.spans.get("akg_mentions", []):
            entity = entities.get(span.id_)
            if entity is not None and entity.type in ACTOR_TYPES:
                for i in range(span.start, span.end):
                    self.by_token[i].append(span)
            elif entity is not None and entity.type == "Place":
                self.places.append(span)

    def key_at(self, token: Token) -> str | None:
        spans = self.by_token.get(token.i)
        return spans[0].id_ if spans else None

    def group_at(self, token: Token) -> str | None:
        """The key of a mention of a group (any actor but a person) at `token`."""
        spans = [s for s in self.by_token.get(token.i, ()) if self.types.get(s.id_) != "Person"]
        return spans[0].id_ if spans else None

    def place_near(self, phrase: Span, sentence: Span) -> str | None:
        """The key of a place named in `phrase`, else of the place named nearest to it in `sentence`."""
        inside = [p for p in self.places if phrase.start <= p.start and p.end <= phrase.end]
        if inside:
            return inside[0].id_
        near = [p for p in self.places if sentence.start <= p.start and p.end <= sentence.end]
        return min(near, key=lambda p: min(abs(p.start - phrase.end), abs(phrase.start - p.end))).id_ if near else None

    def spans(self) -> list[Span]:
        seen: dict[tuple[int, int, str], Span] = {}
        for spans in self.by_token.values():
            for span in spans:
                seen.setdefault((span.start, span.end, span.id_), span)
        return [seen[k] for k in sorted(seen)]


def speaker(token: Token, mentions: Mentions, cues: Cues) -> str | None:
    """The actor key of whoever the sentence says is speaking where `token` stands ("X said that ...",
    "according to X"), as the relation extractor attributes claims; None for the document's own voice."""
    found = stance(token, cues, in_noun_phrase=True).speaker_token
    return mentions.key_at(found) if found is not None else None
