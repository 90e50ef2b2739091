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
        old_head = t.head
        if old_head.pos_ in ("VERB", "AUX"):  # "formerly known as X"
            as_obj = [p for c in old_head.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
            new_head = old_head.head if old_head.dep_ in ("acl", "relcl", "appos") else None
            if as_obj and new_head is not None:
                yield from _pair(args, as_obj[0], new_head)
            return
        if old_head.dep_ in ("appos", "conj", "npadvmod") and old_head.head.i != old_head.i:
            yield from _pair(args, old_head, old_head.head)
        elif t.i > 1 and t.doc[t.i - 1].text == ",":  # "X, formerly Y" parsed flat
            new = t.doc[t.i - 2]
            yield from _pair(args, old_head, new)
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


def _pair(args: Arguments, old: Token, new: Token) -> Iterator[tuple[Span, Span]]:
    old_spans = args.by_token.get(old.i, [])
    new_spans = args.by_token.get(new.i, [])
    for o in old_spans[:1]:
        for n in new_spans[:1]:
            if o.label_ == "name" and n.label_ == "name":
                yield o, n
