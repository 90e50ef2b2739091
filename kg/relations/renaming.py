"""Renamings stated in a text ("Jabhat Fatah al-Sham, formerly Jabhat al-Nusra", "X, now called Y").

They are not claims: the two names are one actor. The frame finds (old mention, new mention).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from .arguments import Arguments
from .lexicon import Row

BEFORE = ("formerly", "previously", "once")


def find_renamings(t: Token, row: Row, args: Arguments) -> Iterator[tuple[Span, Span]]:
    """(old name, new name) spans around the trigger `t`."""
    lower = t.lower_
    if lower in BEFORE and t.dep_ == "advmod":
        # "X, formerly Y" / "X (formerly Y)": word order is surer than the parse, which attaches either way
        after = _name_near(t, args, range(t.i + 1, min(len(t.doc), t.i + 4)))
        before = _name_near(t, args, range(t.i - 1, max(-1, t.i - 4), -1))
        if after is not None and before is not None:
            yield after, before
        return
    if lower in ("renamed", "rebranded", "called", "known") and t.dep_ in ("acl", "relcl", "ROOT", "conj"):
        named = [c for c in t.children if c.dep_ in ("oprd", "attr", "dobj")]
        named += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
        before = [c for c in t.children if c.dep_ == "advmod" and c.lower_ in BEFORE]
        if not named or t.dep_ not in ("acl", "relcl"):
            return
        if before:
            yield from _pair(args, named[0], t.head)
        elif any(c.lower_ == "now" for c in t.children) or lower in ("renamed", "rebranded"):
            yield from _pair(args, t.head, named[0])


def _name_near(t: Token, args: Arguments, positions: range) -> Span | None:
    """The first actor name met at `positions`, skipping punctuation and articles."""
    for i in positions:
        names = [s for s in args.by_token.get(i, []) if s.label_ == "name"]
        if names:
            return names[0]
        if not (t.doc[i].is_punct or t.doc[i].lower_ in ("the", "known", "as", "called")):
            return None
    return None


def _pair(args: Arguments, old: Token, new: Token) -> Iterator[tuple[Span, Span]]:
    old_spans = args.by_token.get(old.i, [])
    new_spans = args.by_token.get(new.i, [])
    for o in old_spans[:1]:
        for n in new_spans[:1]:
            if o.label_ == "name" and n.label_ == "name":
                yield o, n
