"""Who speaks a quotation that runs over several sentences.

'“If you did decide to leave ... I personally am ready to accompany you,” he said.' Every sentence
inside the quotation marks is the speaker's, not only the one that holds "he said". The speaker is
the subject of a reporting verb right after the closing mark, or right before the opening one
("Ayrault said: “...”").
"""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Token

from ..cues import Cues

QUOTATION = re.compile(r"“[^“”]{2,3000}”|«[^«»]{2,3000}»|\"[^\"\n]{2,3000}\"")
NEAR = 12  # tokens between a quotation mark and its reporting verb ("..., the FSA commander Riad al-Asaad told")


def quote_speakers(doc: Doc, cues: Cues) -> dict[int, Token]:
    """Index of the first token of each sentence inside a quotation -> the token naming its speaker."""
    out: dict[int, Token] = {}
    found_any = list(QUOTATION.finditer(doc.text))
    if not found_any:
        return out
    offsets, lengths, flags = doc.to_array([IDX, LENGTH, SENT_START]).T.tolist()
    starts = [i for i, flag in enumerate(flags) if flag == 1 or i == 0]  # cheaper than making doc.sents' spans
    ends = [*starts[1:], len(doc)]
    sentences = [(start, offsets[start], offsets[end - 1] + lengths[end - 1]) for start, end in zip(starts, ends)]
    for found in found_any:
        after = bisect_left(offsets, found.end())
        before = bisect_left(offsets, found.start())
        speaker = _reporter(doc, after, cues, forward=True) or _reporter(doc, before, cues, forward=False)
        if speaker is None:
            continue
        for start, start_char, end_char in sentences:
            if start_char >= found.start() and end_char <= found.end() + 2:
                out[start] = speaker
            elif start_char < found.end() <= end_char and start_char >= found.start() - 2:
                out.setdefault(start, speaker)
    return out


def _reporter(doc: Doc, index: int, cues: Cues, forward: bool) -> Token | None:
    """The subject of a reporting verb within a few tokens after (or before) token `index`."""
    window = range(index, min(len(doc), index + NEAR)) if forward else range(index - 1, max(-1, index - NEAR), -1)
    for i in window:
        token = doc[i]
        if token.lemma_.lower() in cues.reporting_verbs and token.pos_ in ("VERB", "AUX"):
            subject = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            return subject[0] if subject else None
        if token.text in ("“", "”", "«", "»") or (token.is_sent_start and i != index and forward):
            return None
    return None
