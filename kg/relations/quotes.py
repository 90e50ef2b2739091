"""Who speaks a quotation that runs over several sentences.

'“If you did decide to leave ... I personally am ready to accompany you,” he said.' Every sentence
inside the quotation marks is the speaker's, not only the one that holds "he said". The speaker is
the subject of a reporting verb right after the closing mark, or right before the opening one
("Ayrault said: “...”").
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..cues import Cues

QUOTATION = re.compile(r"“[^“”]{2,3000}”|«[^«»]{2,3000}»|\"[^\"\n]{2,3000}\"")
NEAR = 8  # tokens between a quotation mark and its reporting verb


def quote_speakers(doc: Doc, cues: Cues) -> dict[int, Token]:
    """Index of the first token of each sentence inside a quotation -> the token naming its speaker."""
    out: dict[int, Token] = {}
    for found in QUOTATION.finditer(doc.text):
        speaker = _reporter(doc, found.end(), cues, forward=True) or _reporter(doc, found.start(), cues, forward=False)
        if speaker is None:
            continue
        for sent in doc.sents:
            if sent.start_char >= found.start() and sent.end_char <= found.end() + 2:
                out[sent.start] = speaker
            elif sent.start_char < found.end() <= sent.end_char and sent.start_char >= found.start() - 2:
                out.setdefault(sent.start, speaker)
    return out


def _reporter(doc: Doc, char: int, cues: Cues, forward: bool) -> Token | None:
    anchor = doc.char_span(char, char, alignment_mode="expand") if 0 <= char <= len(doc.text) else None
    if anchor is None:
        index = next((t.i for t in doc if t.idx >= char), len(doc) - 1) if forward else \
            next((t.i for t in reversed(doc) if t.idx < char), 0)
    else:
        index = anchor.start
    window = range(index, min(len(doc), index + NEAR)) if forward else range(index - 1, max(-1, index - NEAR), -1)
    for i in window:
        token = doc[i]
        if token.lemma_.lower() in cues.reporting_verbs and token.pos_ in ("VERB", "AUX"):
            subject = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            return subject[0] if subject else None
        if token.text in ("“", "”", "«", "»") or (token.is_sent_start and i != index and forward):
            return None
    return None
