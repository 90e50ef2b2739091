"""Relation extraction: the `akg_relations` component.

Doc with actor mentions in -> `doc._.akg_claims` (Claims) and `doc._.akg_renamings` out.
`find_claims` is a pure generator over the lexicon's rows; the component only stores it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from ..cues import Cues
from ..nlp.tokens import TokenFilter
from ..types import SYMMETRIC, Claim, Entity, Renaming
from .arguments import RESOLVED_KINDS, Arg, Arguments
from .clauses import coordination_words
from .frames import FRAMES, Context, Match
from .lexicon import Lexicon, Row
from .renaming import find_renamings
from .stance import stance

TARGET_RELATIONS = frozenset({"attacks", "requests"})  # the only ones aimed at places or populations
FAR = 12  # tokens between trigger and argument beyond which confidence drops
NOUN_PHRASE_FRAMES = frozenset({"title", "hyphen", "anti", "pair", "of_person", "prep", "organ", "possessive",
                                "classifier"})
NAME_FRAMES = frozenset({"organ", "possessive"})  # run on every actor name, whatever its words


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without its surrounding whitespace: from its first to its
    last token that is not whitespace (only whitespace tokens hold whitespace; the sentence's
    text is not built, which would visit every token)."""
    doc, first, last = sent.doc, sent.start, sent.end - 1
    while first <= last and doc[first].is_space:
        first += 1
    while last > first and doc[last].is_space:
        last -= 1
    if first > last:
        return sent.end_char, sent.end_char
    return doc[first].idx, doc[last].idx + len(doc[last])


class RelationExtractor:
    def __init__(self, lexicon: Lexicon, cues: Cues, memberships: dict[str, frozenset[str]] | None = None,
                 commanded: dict[str, Entity] | None = None, names: dict[str, str] | None = None,
                 posts: dict[str, tuple[tuple[frozenset[str], Entity, str], ...]] | None = None) -> None:
        self.lexicon = lexicon
        self.posts = posts or {}
        self.names = names or {}
        self.cues = cues
        self.memberships = memberships or {}
        self.commanded = commanded or {}
        self.name_rows = tuple(row for row in lexicon.rows if row.frame in NAME_FRAMES)
        index: dict[str, list[Row]] = defaultdict(list)
        for row in lexicon.rows:
            if row.frame not in NAME_FRAMES:
                for word in row.triggers:
                    index[word].append(row)
        self.index: dict[str, tuple[Row, ...]] = {word: tuple(rows) for word, rows in index.items()}
        self.titles = lexicon.titles("leaderOf") | lexicon.titles("memberOf")
        self.light_pairs = lexicon.light_pairs()
        self._indexed_words = TokenFilter({LEMMA: self._indexed, LOWER: self._indexed})  # see rows_for

    def _indexed(self, word: str) -> bool:
        return word.lower() in self.index

    def rows_for(self, token: Token, args: Arguments) -> tuple[Row, ...]:
        lemma, lower = token.lemma_.lower(), token.lower_
        rows = self.index.get(lemma, ())
        if lower != lemma and lower in self.index:
            rows += tuple(r for r in self.index[lower] if r not in rows)
        if token.i in args.by_token:
            rows += self.name_rows
        return rows

    def __call__(self, doc: Doc) -> Doc:
        entities: dict[str, Entity] = doc._.akg_entities
        args = Arguments(doc, self.cues, entities, self.titles, self.memberships, self.commanded, self.names,
                         self.posts)
        self._quoted = doc._.akg_quote_speakers or {}  # set by the actor resolver
        named = set(args.by_token)
        candidates = self._indexed_words(doc)
        triggered = [(token, rows) for i in sorted(named.union(candidates))
                     if (rows := self.rows_for(token := doc[i], args))]
        doc._.akg_renamings = list(self.find_renamings(triggered, args))
        doc._.akg_claims = list(self.find_claims(triggered, args))
        return doc

    @staticmethod
    def find_renamings(triggered: list[tuple[Token, tuple[Row, ...]]], args: Arguments) -> Iterator[Renaming]:
        for token, rows in triggered:
            for row in rows:
                if row.frame != "renaming":
                    continue
                for old, new in find_renamings(token, row, args):
                    start, end = sentence_bounds(token.sent)
                    yield Renaming(new.id_, old.text, new.text, start, end)

    def find_claims(self, triggered: list[tuple[Token, tuple[Row, ...]]], args: Arguments) -> Iterator[Claim]:
        """`triggered`: the tokens of a doc that trigger lexicon rows, with their rows."""
        ctx = Context(args, self.cues, self.titles, self.light_pairs)
        best: dict[tuple, Claim] = {}
        for token, rows in triggered:
            for row in rows:
                frame = FRAMES.get(row.frame)
                if frame is None:
                    continue
                for match in frame(token, row, ctx):
                    for claim in self._claims(match, row, args):
                        key = (claim.sentence_start, claim.subject, claim.relation, claim.object, claim.polarity)
                        if key not in best or best[key].confidence < claim.confidence:
                            best[key] = claim
        yield from sorted(best.values(), key=lambda c: (c.sentence_start, c.trigger_start, c.relation, c.subject, c.object))

    def _same_side(self, a: str, b: str) -> bool:
        """One actor, or parts of one by the gazetteer ("the Turkish military said Turkish jets struck":
        a report of its own side's strike, not an accusation)."""
        wholes_a, wholes_b = self.memberships.get(a, frozenset()) | {a}, self.memberships.get(b, frozenset()) | {b}
        return bool(wholes_a & wholes_b)

    def _part_of_other(self, a: str, b: str) -> bool:
        return a in self.memberships.get(b, frozenset()) or b in self.memberships.get(a, frozenset())

    def _claims(self, match: Match, row: Row, args: Arguments) -> Iterator[Claim]:
        anchor = match.anchor
        view = stance(anchor, self.cues, row.frame in NOUN_PHRASE_FRAMES or row.roles == "addressee", row.light_verbs)
        if view.requested:
            return
        negated = view.negated != row.negative
        speaker_token = view.speaker_token or self._quoted.get(anchor.sent.start)
        speaker = self._speaker(speaker_token, args)
        start, end = sentence_bounds(anchor.sent)
        trigger_start = anchor.doc[match.first].idx
        trigger_end = anchor.doc[match.last].idx + len(anchor.doc[match.last])
        relation = match.relation or row.relation
        if relation == "attacks" and view.intent:  # "wants to attack", "threatened to bomb": hostility, not an attack
            relation = "opposes"
        subjects, objects = match.subjects, match.objects
        if row.speaker_subject:  # "Y was responsible for the deaths, X said": X accuses Y; "X: Y must leave"
            subjects, objects = ([Arg(speaker, "speaker", anchor.i)] if speaker else []), match.subjects
        denied = {a.key for a in (*subjects, *objects) if _denied(args, a, anchor)}
        if match.symmetric_pairs:
            pairs = combinations(subjects, 2) if not denied else iter(())  # "neither A nor B": not together
        else:
            pairs = ((s, o) for s in subjects for o in objects)
        for s, o in pairs:
            if s.key == o.key or not args.is_actor(s.key):
                continue
            if relation == "alliedWith" and self._part_of_other(s.key, o.key):
                continue  # "Iran's Revolutionary Guards and Hezbollah fought": an organ is not its state's ally
            pair_negated = negated != bool({s.key, o.key} & denied)
            if not args.is_actor(o.key) and relation not in TARGET_RELATIONS:
                continue
            subject, obj = (s, o)
            if relation in SYMMETRIC and o.key < s.key:
                subject, obj = o, s
            confidence = row.confidence * view.hedge * self._distance(anchor, subject, obj)
            # "X said Y shelled Z": X accuses Y (Z an actor, not "Y recaptured the town"; X not Y's own side)
            if relation == "attacks" and view.alleged and speaker and not self._same_side(speaker, subject.key) \
                    and not pair_negated and args.is_actor(obj.key):
                yield Claim(speaker, "accuses", subject.key, "positive", round(min(1.0, confidence), 2), speaker,
                            start, end, f"{row.id}/allegation", trigger_start, trigger_end)
            yield Claim(
                subject=subject.key,
                relation=relation,
                object=obj.key,
                polarity="negative" if pair_negated else "positive",
                confidence=round(min(1.0, confidence), 2),
                asserted_by=speaker,
                sentence_start=start,
                sentence_end=end,
                rule=row.id,
                trigger_start=trigger_start,
                trigger_end=trigger_end,
            )

    @staticmethod
    def _distance(anchor: Token, *arguments: Arg) -> float:
        factor = 1.0
        for arg in arguments:
            if arg.kind in RESOLVED_KINDS:
                factor *= 0.85
            if abs(arg.token - anchor.i) > FAR:
                factor *= 0.9
        return factor

    @staticmethod
    def _speaker(token: Token | None, args: Arguments) -> str | None:
        if token is None:
            return None
        found = [a for a in args.at(token) if args.is_actor(a.key)]
        return found[0].key if found else None


def _denied(args: Arguments, arg: Arg, anchor: Token) -> bool:
    """"Neither Ahrar al-Sham nor Jaysh al-Islam joined X": each of the coordinated names is denied
    (after "neither" or "nor", or in a coordination that "neither" opens or "nor" joins); so is a name
    set against another: "shielding international law, not Assad", "fighting ISIS rather than the regime".
    What the denied phrase itself says stands: "..., not the US-led coalition" does not deny who leads it."""
    doc = args.doc
    head = doc[arg.token]
    while head.dep_ in ("compound", "amod", "npadvmod", "nmod", "poss") and head.head.i != head.i:
        head = head.head  # the whole noun phrase the name sits in
    if head.left_edge.i <= anchor.i <= head.right_edge.i:
        return False
    spans = args.by_token.get(arg.token)
    start = min(span.start for span in spans) if spans else arg.token
    if start > 0 and doc[start - 1].lower_ in ("neither", "nor"):
        return True
    while start > 0 and doc[start - 1].pos_ == "DET":  # "rather than the regime"
        start -= 1
    before = [t.lower_ for t in doc[max(0, start - 2):start]]
    if before in (["rather", "than"], ["instead", "of"]) or (before[-1:] == ["not"] and before[0] in (",", "and", "but")):
        return True
    return bool(coordination_words(doc[arg.token]) & {"neither", "nor"})
