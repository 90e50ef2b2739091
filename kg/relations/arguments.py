"""From an argument token to the actors (or targets) it names.

A token names an actor when a mention covers it; coordination gives one argument per
conjunct ("Russia and Iran"); a noun that stands for its owner ("Kerry's call", "the
French effort", "Russian jets", "an attack by X") names whoever owns it; a population
noun ("civilians") is a target.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..actors.names import HYPHENS, normalise
from ..cues import Cues
from ..types import Entity
from .clauses import agents, is_passive, listed_members

RESOLVED_KINDS = frozenset({"pronoun", "description"})

@dataclass(frozen=True)
class Arg:
    key: str
    kind: str  # the mention kind, or "proxy", "population"
    token: int


def _nominal_subtree(token: Token) -> Iterator[Token]:
    """The words of a modifier, not descending into verbs ("the CIA equipped Zinki group": not the CIA)."""
    yield token
    if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD", "VBG"):
        return
    for child in token.children:
        yield from _nominal_subtree(child)


def _listed(token: Token) -> list[Token]:
    """A list the parser took for an apposition: "The US, Russia, and Switzerland met" (Russia an
    apposition of the US, Switzerland its conjunct). A true apposition has no conjunct; a list
    after a semicolon is a list of descriptions ("X, commander of A; Y of B; and Z of C")."""
    doc = token.doc
    return [t for c in token.children if c.dep_ == "appos" and c.i > token.i and doc[c.left_edge.i - 1].text == ","
            and any(x.dep_ == "conj" for x in c.children) for t in (c, *c.conjuncts)]


class Arguments:
    def __init__(self, doc: Doc, cues: Cues, entities: dict[str, Entity], titles: frozenset[str] = frozenset(),
                 memberships: dict[str, frozenset[str]] | None = None, commanded: dict[str, Entity] | None = None,
                 names: dict[str, str] | None = None,
                 posts: dict[str, tuple[tuple[frozenset[str], Entity, str], ...]] | None = None) -> None:
        self.doc = doc
        self.posts = posts or {}  # person -> (title words, actor, relation) of each post the gazetteer knows
        self.names = names or {}  # every gazetteer name in its normal form -> its actor
        self.memberships = memberships or {}
        self.commanded = commanded or {}  # person -> the actor whose forces are the person's (gazetteer)
        self.cues = cues
        self.entities = entities
        self.titles = titles
        self.by_token: dict[int, list[Span]] = defaultdict(list)
        for span in doc.spans.get("akg_mentions", []):
            for i in range(span.start, span.end):
                self.by_token[i].append(span)
        self.proxies = cues.proxy_nouns | cues.state_nouns

    def mention(self, token: Token) -> list[Arg]:
        return [Arg(s.id_, s.label_, token.i) for s in self.by_token.get(token.i, ())]

    def name_ending_at(self, token: Token) -> list[Arg]:
        """The gazetteer actor named by the words of a mention up to `token`: "U.S." in the name
        "U.S.-led coalition", which states who leads the coalition."""
        for span in self.by_token.get(token.i, ()):
            key = self.names.get(normalise(self.doc[span.start:token.i + 1].text))
            if key and key != span.id_:
                return [Arg(key, "name", token.i)]
        return []

    def post(self, person: str, word: str) -> tuple[str, str] | None:
        """The one actor a person's known post with this title word is of, and the post's relation:
        "President Putin" -> (russia, leaderOf)."""
        found = {(entity.key, relation): entity for words, entity, relation in self.posts.get(person, ())
                 if word in words}
        if len(found) != 1:
            return None
        (key, relation), entity = next(iter(found.items()))
        self.entities.setdefault(key, entity)
        return key, relation

    def heads_state(self, person: str) -> bool:
        """The gazetteer knows the person as the leader of a state (a president, a king, a prime minister)."""
        return any(relation == "leaderOf" and entity.type == "State" for _, entity, relation in self.posts.get(person, ()))

    def member_of(self, key: str) -> frozenset[str]:
        """What the gazetteer knows `key` to be part of."""
        return self.memberships.get(key, frozenset())

    def is_force(self, t: Token) -> bool:
        """Armed men: "troops", "fighters" (cues.yaml force_nouns)."""
        return t.lemma_.lower() in self.cues.force_nouns or t.lower_ in self.cues.force_nouns

    def is_state(self, key: str) -> bool:
        return self._typed(key, "State")

    def is_person(self, key: str) -> bool:
        return self._typed(key, "Person")

    def is_international(self, key: str) -> bool:
        return self._typed(key, "InternationalOrganization")

    def _typed(self, key: str, kind: str) -> bool:
        entity = self.entities.get(key)
        return entity is not None and entity.type == kind

    def title_window(self, title: Token) -> tuple[list[Arg], list[Arg], bool]:
        """The person a title stands before ("al-Qaeda leader and 9/11 mastermind Ayman al-Zawahiri"),
        the organisations named inside the title (not after "for"/"to"), and whether a later
        title word heads the title instead."""
        doc, cues = self.doc, self.cues
        i, orgs, after_for, after_of = title.i + 1, [], False, False
        while i < len(doc) and i - title.i <= 7:
            token = doc[i]
            named = self.mention(token)
            persons = [a for a in named if self.is_person(a.key)]
            if persons:
                return persons, orgs, False
            if token.lower_ in self.titles and not after_of:
                return [], [], True
            if token.text == "," and i + 1 < len(doc) and (doc[i + 1].lower_ in cues.honorifics or any(
                    self.is_person(a.key) for j in range(i + 1, min(i + 4, len(doc))) for a in self.mention(doc[j]))):
                i += 1  # "UN Senior Adviser, Mr. Jan Egeland", "the UN Envoy for Syria, Staffan de Mistura,"
                continue
            fits = (token.lower_ in cues.honorifics or token.lower_ in cues.title_fillers
                    or token.pos_ in ("PROPN", "NUM", "CCONJ") or (token.pos_ == "NOUN" and token.dep_ != "pobj"))
            if not fits:
                break
            after_for = after_for or token.lower_ in ("for", "to")
            after_of = after_of or token.lower_ == "of"  # "Envoy of the UN Secretary General": a complement
            if named and not after_for:
                orgs.extend(named)
            i += 1
        return [], [], False

    def in_title_complement(self, title: Token) -> bool:
        """"the Special Envoy of the UN Secretary General": "General" belongs to another title's complement."""
        doc = self.doc
        for i in range(title.i - 1, max(-1, title.i - 6), -1):
            if doc[i].lower_ == "of" and i > 0 and any(doc[j].lower_ in self.titles for j in range(max(0, i - 3), i)):
                return True
            if doc[i].pos_ in ("VERB", "AUX") or doc[i].text in (",", ";"):
                return False
        return False

    def is_actor(self, key: str) -> bool:
        entity = self.entities.get(key)
        return entity is not None and entity.type not in ("Place", "Population")

    def at(self, token: Token) -> list[Arg]:
        """Everything `token` and its conjuncts name, in order, without repeats."""
        out: list[Arg] = []
        for t in (token, *token.conjuncts, *_listed(token)):
            for arg in self._one(t, 0):
                if arg.key not in {a.key for a in out}:
                    out.append(arg)
        return out

    def modifiers(self, token: Token, exclude: set[int] | None = None) -> list[Arg]:
        """Actors named in the words before a noun ("Russian-regime bombing", "the US CIA", "its")."""
        out: list[Arg] = []
        for child in token.lefts:
            if child.dep_ not in ("poss", "compound", "amod", "nmod", "npadvmod"):
                continue
            if child.dep_ == "poss":  # "Kerry's call", "UN Special Envoy ... de Mistura's proposal"
                for arg in self.at(child):
                    if arg.key not in {a.key for a in out} and not (exclude and arg.token in exclude):
                        out.append(arg)
                continue
            for t in _nominal_subtree(child):
                if (exclude and t.i in exclude) or self._after_stance_prefix(t):
                    continue
                for arg in self.mention(t):
                    if arg.key not in {a.key for a in out}:
                        out.append(arg)
        return out

    def _commanded(self, arg: Arg) -> Arg:
        led = self.commanded.get(arg.key)
        if led is None:
            return arg
        self.entities.setdefault(led.key, led)
        return Arg(led.key, arg.kind, arg.token)

    def _after_stance_prefix(self, t: Token) -> bool:
        doc = self.doc
        spans = self.by_token.get(t.i)
        start = min(s.start for s in spans) if spans else t.i
        return start >= 2 and doc[start - 1].text in HYPHENS and doc[start - 2].lower_ in self.cues.stance_prefixes

    def _one(self, t: Token, depth: int) -> list[Arg]:
        found = self.mention(t)
        if found and self._after_stance_prefix(t):  # "Non-Russian forces attacked" is not Russia's forces
            return []
        if found and t.dep_ == "pobj" and t.head.lower_ == "into" and all(self.is_state(a.key) for a in found):
            return []  # "poured weapons into Syria", "pushed into Syria": the country's territory
        if found or depth > 2:
            return found
        lower, lemma = t.lower_, t.lemma_.lower()
        if t.pos_ in ("NUM", "DET", "PRON", "ADJ", "NOUN") and (t.pos_ == "NUM" or lower in self.cues.quantifiers):
            # partitive: "some 30 of whose groups", "many of the rebels", "scores of terrorists from X"
            found = [a for prep in t.children if prep.dep_ == "prep" and prep.lower_ in ("of", "from")
                     for p in prep.children if p.dep_ == "pobj" for a in self._one(p, depth + 1)]
            if found:
                return found
        if t.pos_ not in ("NOUN", "PROPN"):
            return []
        for child in t.children:
            if child.dep_ == "appos":
                named = self.mention(child)
                if named:
                    return named
        listed = [a for p in listed_members(t) for c in (p, *p.conjuncts) for a in self._one(c, depth + 1)]
        if listed:  # "terrorist organisations such as HTS", "militias including Hezbollah"
            return listed
        if t.dep_ == "appos" and t.pos_ == "NOUN" and t.head.i < t.i and lemma not in self.cues.reporting_nouns:
            named = self.mention(t.head)  # "X, a militia loyal to Y": the militia is X (not "Y, a finding X dismissed")
            if named:
                return named
        if t.dep_ == "attr" and t.head.lemma_ == "be":  # "the YPG is the very force that Washington armed"
            named = [a for s in t.head.children if s.dep_ == "nsubj" for a in self.mention(s)]
            if named:
                return named
        if lemma in self.titles or lower in self.titles:
            persons, _orgs, _later = self.title_window(t)
            if persons:
                return persons
        if lemma in self.proxies or lower in self.proxies:
            owners = self.modifiers(t)
            force = self.is_force(t)
            if force:
                owners = [self._commanded(a) for a in owners]  # "Assad's forces", "his fighters": what the person leads
            if owners:
                return [Arg(a.key, "proxy" if a.kind not in RESOLVED_KINDS else a.kind, a.token) for a in owners]
            owning = ("of", "by", "from") if lemma in self.cues.violent_lemmas else ("of", "from")  # "an attack by X"
            for prep in t.children:  # "fighters from X", "the foreign ministers of X, Y and Z"
                if prep.dep_ in ("prep", "agent") and prep.lower_ in owning:
                    inner = [a for p in prep.children if p.dep_ == "pobj" for c in (p, *p.conjuncts)
                             for a in self._one(c, depth + 1)]
                    if inner:
                        return [Arg(a.key, "proxy", a.token) for a in inner]
            # "a draft drawn up by Moscow" is Moscow's; "forces trained by the US" are not the US's
            authors = [a for c in t.children if c.dep_ == "acl" and is_passive(c)
                       and c.lemma_.lower() not in self.cues.enabling_verbs
                       for p in agents(c) for a in self._one(p, depth + 1)]
            if authors:
                return [Arg(a.key, "proxy", a.token) for a in authors]
        if lemma in self.cues.member_nouns or lower in self.cues.member_nouns:
            # "Islamic State militants", "rebels of the Southern Front" (not "Syrian rebels": a demonym)
            members = [a for a in self.modifiers(t) if a.kind == "name"] + [  # "terrorists from Jabhat al-Nusra"
                a for p in t.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
                for c in p.children if c.dep_ == "pobj" for a in self._one(c, depth + 1) if self.is_actor(a.key)]
            if members:
                return [Arg(a.key, "proxy", a.token) for a in members]
        if lemma in self.cues.place_parts or lower in self.cues.place_parts:  # "the eastern side of Aleppo"
            inner = [a for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                     for c in p.children if c.dep_ == "pobj" for a in self._one(c, depth + 1)]
            places = [a for a in inner if a.key.startswith("place:")]
            if places:
                return places
        if lemma in self.cues.population_nouns or lower in self.cues.population_nouns:
            key = f"population:{lemma}"
            self.entities.setdefault(key, Entity(key, "Population", lemma))
            return [Arg(key, "population", t.i)]
        return []
