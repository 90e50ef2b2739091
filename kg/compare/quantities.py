"""Figures about actors and groups in a parsed document -> Quantity records.

A figure is a run of number tokens ("8,000", "4-5,000", "8 thousand", "a thousand") with
the qualifiers around it ("about", "at least", "or so"). It is a quantity claim when it
counts one of the counted nouns of ontology/cues.yaml, found in this order:

  the noun it modifies            "about 900 former Nusra Front fighters"
  a partitive                     "900 of the 8,000 fighters", "thousands of civilians"
  a predicate noun                "100,000 of them children"
  a verb of casualties            "killed at least 500 civilians", "27 killed" (counts the dead)
  a count noun above it           "the number of al-Nusra militants ... in 900 people"
  the noun before a parenthesis   "the total number of militants (8 thousand)"

The actor it is about is a mention in the counted noun's phrase ("Nusra Front fighters",
"fighters from the group"), the owner of a partitive pronoun ("a thousand of you"), the
object of a predicate ("... were members of Jabhat Fateh al-Sham"), or the actor of the one
count phrase of its sentence that counts the same thing ("Jabhat al-Nusra terrorists number
is ... at least 4,000 bayonets"). Without one, the figure is about its counted noun alone.
Its place is one named in the counted phrase ("fighters in eastern Aleppo"), else the place
named nearest to it in its sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from ..cues import Cues
from ..nlp.tokens import TokenFilter
from ..relations.extract import sentence_bounds
from ..types import Quantity
from .mentions import Mentions, speaker
from .numbers import figure_bounds, is_digits, scale_of

NOT_COUNTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"})
MEMBER_PREPOSITIONS = frozenset({"of", "from"})  # "fighters of/from X" are X's
MODIFIER_DEPS = frozenset({"compound", "nmod", "poss", "amod"})
BRACKETS = {")": "(", "]": "["}


@dataclass(frozen=True)
class Counted:
    token: Token | None  # the word that says what is counted (None: the figure is it, "27 killed")
    lemma: str
    glossed: bool = False  # the figure glosses a count phrase or a noun: no other phrase is its actor's
    count: Token | None = None  # the count noun whose figure it is ("Nusra terrorists number")


def find_quantities(doc: Doc, cues: Cues, mentions: Mentions | None = None) -> list[Quantity]:
    mentions = Mentions(doc) if mentions is None else mentions
    finder = _Finder(doc, cues, mentions)
    out: list[Quantity] = []
    taken: set[int] = set()
    for i in TokenFilter({LOWER: finder.number_word})(doc):
        token = doc[i]
        if token.i in taken or not finder.starts_figure(token):
            continue
        span = finder.figure(token)
        taken.update(range(span.start, span.end))
        quantity = finder.quantity(span)
        if quantity is not None:
            out.append(quantity)
    return out


def passage(token: Token) -> Span:
    """The sentence of `token`, with the one before when it starts with a bracket or a dash: the
    parser cuts sentences at citation marks ("... of militants [4] (8 thousand) — that is, ...")."""
    sent = token.sent
    if sent.start > 0 and (sent[0].is_punct or sent[0].is_bracket):
        return token.doc[token.doc[sent.start - 1].sent.start:sent.end]
    return sent


class _Finder:
    def __init__(self, doc: Doc, cues: Cues, mentions: Mentions) -> None:
        self.doc, self.cues, self.mentions = doc, cues, mentions
        self.words = cues.comparison

    # ------------------------------------------------------------------ the figure
    def numeric(self, token: Token) -> bool:
        return token.ent_type_ not in NOT_COUNTS and self.number_word(token.lower_)

    def number_word(self, word: str) -> bool:
        return (is_digits(word) or scale_of(word, self.words) is not None
                or (word in self.words.number_words and word not in ("a", "an")))

    def starts_figure(self, token: Token) -> bool:
        if not self.numeric(token):
            return False
        return token.i + 1 == len(self.doc) or token.nbor().text not in ("%", "percent")

    def figure(self, token: Token) -> Span:
        """The longest run of number words around `token` ("4 - 5,000", "a thousand", "tens of thousands")."""
        doc, start, end = self.doc, token.i, token.i + 1
        while end < len(doc):
            nxt = doc[end]
            if self.numeric(nxt):
                end += 1
            elif nxt.lower_ in ("-", "–", "to", "of") and end + 1 < len(doc) and self.numeric(doc[end + 1]) and (
                    nxt.lower_ != "of" or scale_of(doc[end + 1].lower_, self.words)):
                end += 2
            else:
                break
        if start > 0 and doc[start - 1].lower_ in ("a", "an") and scale_of(token.lower_, self.words):
            start -= 1
        return doc[start:end]

    def qualifier(self, span: Span) -> tuple[int, int, str | None]:
        """The figure with its qualifiers: (first token, end token, bound kind of the qualifier)."""
        doc, start, end, bound = self.doc, span.start, span.end, None
        for size in (3, 2, 1):
            if start - size >= span.sent.start:
                words = " ".join(t.lower_ for t in doc[start - size:start])
                if words in self.words.figure_prefixes:
                    start, bound = start - size, self.words.figure_prefixes[words]
                    break
        for size in (2, 1):
            if end + size <= span.sent.end:
                words = " ".join(t.lower_ for t in doc[end:end + size])
                if words in self.words.figure_suffixes:
                    end, bound = end + size, bound or self.words.figure_suffixes[words]
                    break
        return start, end, bound

    # ------------------------------------------------------------------ what it counts
    def group(self, lemma: str) -> str | None:
        return self.words.counted.get(lemma)

    def counted_word(self, token: Token) -> str | None:
        for lemma in (token.lemma_.lower(), token.lower_):
            if self.group(lemma):
                return lemma
        return None

    def counted(self, head: Token, span: Span) -> Counted | None:
        noun = head.head
        if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and noun.pos_ in ("NOUN", "PROPN", "ADJ"):
            lemma = self.counted_word(noun) or ("member" if self.mentions.group_at(noun) else None)
            return Counted(noun, lemma) if lemma else None  # "2,000 Hizbullah" counts its members
        for part in self.partitive(head):
            lemma = self.counted_word(part)
            if lemma:
                return Counted(part, lemma)
        lemma = self.counted_word(noun) if noun.pos_ == "NOUN" else None
        if head.dep_ in ("nsubj", "npadvmod") and lemma:
            return Counted(noun, lemma)
        group = self.casualty_verb(head)
        if group is not None:
            return Counted(None, group)
        for part in self.partitive(head):
            if part.pos_ == "PRON" and (self.mentions.group_at(part) or "2" in part.morph.get("Person")):
                return Counted(part, "member")  # "a thousand of you": members of whoever is addressed
        return self.bracketed(span)

    def partitive(self, head: Token) -> list[Token]:
        return [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                for p in prep.children if p.dep_ == "pobj"]

    def casualty_verb(self, token: Token) -> str | None:
        """The group a counted verb counts ("kill": the dead), when `token` is what it kills or wounds."""
        candidates = []
        if token.dep_ in ("dobj", "nsubjpass", "nsubj") and token.head.pos_ == "VERB":
            candidates.append(token.head)
        candidates.extend(c for c in token.children if c.dep_ in ("acl", "amod") and c.tag_ == "VBN")
        for verb in candidates:
            group = self.group(verb.lemma_.lower())
            if group and verb.pos_ == "VERB":
                return group
        return None

    def bracketed(self, span: Span) -> Counted | None:
        """"the total number of militants [4] (8 thousand)": the figure glosses the noun before its bracket."""
        doc, i, first = self.doc, span.start - 1, passage(span[0]).start
        if i < first or doc[i].text != "(":
            return None
        i -= 1
        while i >= first and doc[i].text in BRACKETS:
            opening = BRACKETS[doc[i].text]
            while i >= first and doc[i].text != opening:
                i -= 1
            i -= 1
        lemma = self.counted_word(doc[i]) if i >= first and doc[i].pos_ == "NOUN" else None
        return Counted(doc[i], lemma, glossed=True) if lemma else None

    # ------------------------------------------------------------------ whom it is about
    def actor_of(self, noun: Token) -> str | None:
        """A group named in the counted noun's phrase: the noun itself, its modifiers, or "of"/"from" X.
        A person is never what a figure counts ("de Mistura's '900' terrorists" are not his)."""
        tokens = [noun, *self._modifiers(noun)]
        tokens.extend(pobj for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in MEMBER_PREPOSITIONS
                      for pobj in prep.children if pobj.dep_ == "pobj")
        for token in tokens:
            key = self.mentions.group_at(token)
            if key:
                return key
        return None

    def actor_of_counted(self, counted: Counted) -> str | None:
        """The group in the counted noun's phrase, or in its count noun's ("Jabhat al-Nusra terrorists number")."""
        for token in (counted.token, counted.count):
            key = self.actor_of(token) if token is not None else None
            if key:
                return key
        return None

    @staticmethod
    def _modifiers(noun: Token) -> list[Token]:
        """Modifiers that may name an owner; not participles ("Iranian-backed militias" are not Iran's)."""
        return [c for c in noun.children if c.dep_ in MODIFIER_DEPS and c.tag_ != "VBN"]

    def predicate_actor(self, head: Token) -> str | None:
        """"about 900 of the 8,000 fighters ... were members of Jabhat Fateh al-Sham": the copula after the phrase."""
        after = head.right_edge.i + 1
        if after >= head.sent.end or self.doc[after].lemma_ != "be":
            return None
        for attr in self.doc[after].children:
            if attr.dep_ == "attr":
                key = self.mentions.group_at(attr) or self.actor_of(attr)
                if key:
                    return key
        return None

    def count_phrase(self, token: Token) -> Counted | None:
        """A count noun's counted noun: "the number of al-Nusra militants", "Nusra terrorists number"."""
        if token.lemma_.lower() not in self.cues.count_nouns:
            return None
        for child in token.children:
            if child.dep_ == "compound" and self.counted_word(child):
                return Counted(child, self.counted_word(child), True, token)
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self.counted_word(pobj):
                        return Counted(pobj, self.counted_word(pobj), True, token)
        return None

    def counting_above(self, head: Token) -> Counted | None:
        node = head
        for _ in range(4):
            if node.head.i == node.i:
                return None
            node = node.head
            found = self.count_phrase(node)
            if found is not None:
                return found
        return None

    def sentence_count_actor(self, sent: Span, group: str) -> str | None:
        """The actor of the one count phrase in the sentence that counts `group` and names an actor."""
        keys = set()
        for token in sent:
            found = self.count_phrase(token)
            if found is not None and self.group(found.lemma) == group:
                key = self.actor_of_counted(found)
                if key:
                    keys.add(key)
        return keys.pop() if len(keys) == 1 else None

    # ------------------------------------------------------------------ the record
    def quantity(self, span: Span) -> Quantity | None:
        head = next((t for t in reversed(span) if not (span.start <= t.head.i < span.end) or t.head.i == t.i), span.root)
        first, last, bound = self.qualifier(span)
        bounds = figure_bounds([t.lower_ for t in span], bound, self.words)
        if bounds is None:
            return None
        counted = self.counting_above(head) or self.counted(head, span)
        if counted is None or (counted.token is not None and any(
                c.dep_ == "prep" and c.lower_ == "per" for c in counted.token.children)):
            return None  # "3-5 civilians per fighter" is a ratio, not a count
        anchor = counted.token or head
        about = self.actor_of_counted(counted) or self.predicate_actor(head)
        if about is None and not counted.glossed:
            about = self.sentence_count_actor(passage(head), self.group(counted.lemma))
        lemma = counted.lemma
        if counted.token is not None:
            lemma = self.casualty_verb(counted.token) or self.casualty_verb(head) or lemma
        start, end = sentence_bounds(span.sent)
        doc = self.doc
        low, high = bounds
        phrase = doc[anchor.left_edge.i:anchor.right_edge.i + 1]
        return Quantity(
            about=about,
            counted=lemma,
            value=doc[first:last].text,
            low=low,
            high=high,
            sentence_start=start,
            sentence_end=end,
            start=doc[first].idx,
            end=doc[last - 1].idx + len(doc[last - 1]),
            asserted_by=speaker(anchor, self.mentions, self.cues),
            place=self.mentions.place_near(phrase, span.sent),
        )
