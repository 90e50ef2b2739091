"""Actor resolution: the `akg_actors` component.

Doc with gazetteer and NER entities in -> `doc.spans["akg_mentions"]` out: one span per
mention of an actor or target, `label_` its kind (name, metonym, demonym, pronoun,
description, place, population) and `id_` its key; `doc._.akg_entities` maps each key
to its `Entity`. A capital stands for its government only where it acts; a demonym for
its state only where the state acts; pronouns and definite descriptions are resolved
to the nearest compatible actor before them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

from ..cues import Cues
from ..nlp.quotes import quote_speakers
from ..nlp.tokens import TokenFilter
from ..types import Entity
from .gazetteer import Gazetteer
from .names import HYPHENS, normalise, slug
from .recognize import ACTOR, DEMONYM, PLACE, SEAT

NAME_KINDS = ("name", "metonym", "demonym")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos", "attr", "dative", "agent", "ROOT")
RELATIVE_PRONOUNS = frozenset({"whose", "who", "which"})
SENTENCE_WINDOW = 2  # how many sentences back a pronoun or description may find its antecedent


@dataclass(frozen=True)
class TitleInfo:
    """What the document says a person is: title words, and the actor the title is of."""

    words: frozenset[str]
    of: str | None


class ActorResolver:
    def __init__(self, gazetteer: Gazetteer, cues: Cues, addressed: dict[str, frozenset[str]] | None = None) -> None:
        self.gazetteer = gazetteer
        self.cues = cues
        self.addressed = addressed or {}  # relation word -> prepositions after which a capital is its government
        # every gazetteer name in its normal form, for names the phrase matcher could not see
        # ("Isil" in mixed case, "JFS/Nusra" as one token)
        self.by_name = gazetteer.by_name()
        self.inner_names = gazetteer.by_name(demonyms=True)  # "Turkish" in "Turkish-backed Free Syrian Army"
        self.by_seat = {normalise(seat): entry.key for entry in gazetteer.actors.values() for seat in entry.seats}
        self.governed = gazetteer.governed()
        self._owning = cues.state_nouns | cues.proxy_nouns  # nouns whose name modifier is their owner
        self._acting = self._owning | cues.member_titles | cues.leader_titles  # a demonym before one acts
        self._proper_nouns = TokenFilter({POS: "PROPN".__eq__})
        self._referring = TokenFilter({LOWER: self._may_refer, LEMMA: self._may_describe})  # see _coreference

    # ------------------------------------------------------------------ entry point
    def __call__(self, doc: Doc) -> Doc:
        entities: dict[str, Entity] = {}
        self._entities = entities
        mentions: list[Span] = []
        short_names: dict[str, str] = {}  # surname or acronym -> local key, within this document
        for ent in (part for e in doc.ents for part in _split_list(e)):
            span = self._classify(doc, ent, entities, short_names)
            if span is not None:
                mentions.append(span)
                if span.label_ == "name" and entities[span.id_].type == "Person":
                    self._remember_short_names(span, short_names)
        mentions = [self._owned_generic(m, mentions) for m in mentions]
        mentions.extend(self._unnamed_actors(doc, mentions, entities, short_names))
        mentions.extend(self._coreference(doc, mentions, entities))
        mentions.extend(self._speakers_we(doc, mentions))
        mentions.sort(key=lambda s: (s.start, s.end, s.id_))
        doc.spans["akg_mentions"] = mentions
        doc._.akg_entities = entities
        return doc

    # ------------------------------------------------------------------ names
    def _classify(self, doc: Doc, ent: Span, entities: dict[str, Entity], short: dict[str, str]) -> Span | None:
        label = ent.label_
        if label == ACTOR:
            return self._gazetteer_mention(ent, ent.id_ or ent.ent_id_, "name", entities)
        if label == SEAT:
            key = ent.id_ or ent.ent_id_
            if self._acts(ent):
                return self._gazetteer_mention(ent, key, "metonym", entities)
            return self._place(ent, entities)
        if label == DEMONYM:
            key = ent.id_ or ent.ent_id_
            return self._gazetteer_mention(ent, key, "demonym", entities) if self._demonym_acts(ent) else None
        if label == PLACE:
            key = ent.id_ or ent.ent_id_
            place = self.gazetteer.places[key]
            entities[f"place:{key}"] = Entity(f"place:{key}", "Place", place.label)
            return Span(doc, ent.start, ent.end, label="place", span_id=f"place:{key}")
        return self._ner_mention(doc, ent, entities, short)

    def _names_weapon(self, root: Token) -> bool:
        """"TOW missiles", "Grad rockets", "Sukhoi jets": an unknown name before a weapon noun is the weapon's."""
        if root.dep_ not in ("compound", "nmod"):
            return False
        head = root.head
        while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:  # "TOW anti-tank missiles"
            head = head.head
        return bool(_forms(head) & self.cues.weapon_nouns)

    def _unnamed_actors(self, doc: Doc, mentions: list[Span], entities: dict[str, Entity],
                        short: dict[str, str]) -> list[Span]:
        """Proper nouns the NER missed that stand where actors stand ("Arnor will contribute ...",
        "Osgiliath soldiers"): subjects, objects, agents, possessors, and owners of state nouns."""
        taken = _mention_tokens(mentions) | _mention_tokens(doc.ents)
        titles = self.cues.leader_titles | self.cues.member_titles | self.cues.title_fillers | self.cues.honorifics
        found = []
        for i in self._proper_nouns(doc):
            token = doc[i]
            if token.i in taken or not token.text[:1].isupper() or len(token.text) < 3:
                continue
            if token.lower_ in titles or _title_case(token.sent):
                continue  # "the Special Envoy", or a headline where every word is capitalised
            if token.dep_ == "compound":
                head = token.head
                if head.pos_ == "PROPN" or not _forms(head) & self._owning or self._names_weapon(token):
                    continue  # "Osgiliath soldiers" owns; "TOW missiles" names a weapon
            elif token.dep_ not in ("nsubj", "nsubjpass", "dobj", "poss", "conj") and not (
                    token.dep_ == "pobj" and token.head.lower_ in ("by", "with", "against", "at", "on")) and not (
                    token.dep_ == "ROOT" and any(c.dep_ == "conj" for c in token.children)):
                continue
            start = token.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                    and doc[start - 1].i not in taken:
                start -= 1
            span = doc[start:token.i + 1]
            if any(t.lower_ in titles for t in span):
                continue
            norm = normalise(span.text)
            if norm in self.cues.non_actor_names or norm in self.cues.descriptions or any(c.isdigit() for c in norm):
                continue
            key = self.by_name.get(norm) or short.get(norm) or slug(span.text)  # "Conricus" after "Jonathan Conricus"
            if key not in entities:
                entry = self.gazetteer.actors.get(key)
                # coordinated with a person ("Mohammed Ma'yuf and Omar Salkhu") it is a person; else a polity
                conjuncts = [c.i for c in token.conjuncts]
                partners = {m.id_ for m in mentions for i in conjuncts if m.start <= i < m.end}
                kind = "Person" if any(entities.get(k) and entities[k].type == "Person" for k in partners) else "State"
                entities[key] = Entity(key, entry.type if entry else kind, entry.label if entry else span.text,
                                       entry.wikidata if entry else None)
            found.append(Span(doc, start, token.i + 1, label="name", span_id=key))
            taken.update(range(start, token.i + 1))
        return found

    def _owned_generic(self, span: Span, mentions: list[Span]) -> Span:
        """"the Iranian regime" is Iran's, though "regime" alone names Syria's government in this domain."""
        if span.label_ != "name" or normalise(span.text) not in self.cues.descriptions:
            return span
        for other in mentions:
            if other.label_ == "demonym" and other.end == span.start and other.id_ != span.id_:
                return Span(span.doc, span.start, span.end, label="name", span_id=other.id_)
        state = self._headed_state(span.root, mentions)
        if state is not None:
            self._entities.setdefault(state, self.gazetteer.actors[state].entity())
            return Span(span.doc, span.start, span.end, label="name", span_id=state)
        return span

    def _headed_state(self, token: Token, mentions: list[Span]) -> str | None:
        """The state a person named as the noun's owner heads: "Erdogan's regime", "the Putin government"."""
        return next((self.governed[m.id_] for c in token.lefts if c.dep_ in ("poss", "compound")
                     for m in mentions if m.start <= c.i < m.end and m.id_ in self.governed), None)

    def _remember_short_names(self, span: Span, short: dict[str, str]) -> None:
        """After "Bana Alabed" or "Murad Gazdiev", a bare "Bana" or "Gazdiev" is the same person."""
        entry = self.gazetteer.actors.get(span.id_)
        names = [span.text] + ([entry.label, *entry.aliases] if entry else [])
        for name in names:
            words = [w for w in normalise(name).split() if w != "al" and len(w) > 2]
            for word in words[:1] + words[-1:]:
                short.setdefault(word, span.id_)

    def _gazetteer_mention(self, ent: Span, key: str, kind: str, entities: dict[str, Entity]) -> Span:
        entry = self.gazetteer.actors[key]
        entities[key] = entry.entity()
        for t in ent[:-1]:  # an actor named inside the name, before a hyphen: the U.S. in "U.S.-led coalition"
            inner = self.inner_names.get(normalise(ent.doc[ent.start:t.i + 1].text), key) \
                if t.nbor().text in HYPHENS else key
            if inner != key:
                entities[inner] = self.gazetteer.actors[inner].entity()
        return Span(ent.doc, ent.start, ent.end, label=kind, span_id=key)

    def _ner_mention(self, doc: Doc, ent: Span, entities: dict[str, Entity], short: dict[str, str]) -> Span | None:
        label = ent.label_
        span = _trim(ent)
        if span is None or label in self.cues.non_actor_labels:
            return None
        name = span.text
        norm = normalise(name)
        if not norm or norm in self.cues.non_actor_names or any(ch.isdigit() for ch in name) or not name[0].isupper() \
                or norm.split()[0] in self.cues.event_name_words:
            return None
        known = self._known_name(name, norm, label, short)
        if known is None and self._names_weapon(span.root):
            return None
        if known is not None:
            return self._gazetteer_mention(span, known, "name", entities) if known in self.gazetteer.actors \
                else Span(doc, span.start, span.end, label="name", span_id=known)
        if label == "PERSON" and self._org_type(norm) in ("ArmedGroup", "InternationalOrganization"):
            label = "ORG"  # "Katibat al-Ghuraba Brigade": the words of the name outrank the NER's guess
        if label == "PERSON":
            if not name[0].isupper() or len(norm) < 3:
                return None
            key = short.get(norm) or slug(name)
            for part in norm.split()[-1:]:
                short.setdefault(part, key)
            entities.setdefault(key, Entity(key, "Person", name))
            return Span(doc, span.start, span.end, label="name", span_id=key)
        if label == "ORG":
            if not name[0].isupper():
                return None
            if f"place:{slug(name)}" in entities:  # "near the village of Balyun ... the Balyun strike": that place
                return self._place(span, entities)
            key = short.get(norm) or slug(name)
            entities.setdefault(key, Entity(key, self._org_type(norm), name))
            if len(span) > 1:
                short.setdefault("".join(w[0] for w in norm.split()), key)
            return Span(doc, span.start, span.end, label="name", span_id=key)
        if label in ("GPE", "LOC"):
            if self._acts(span) or (label == "GPE" and not self._located(span)):
                key = slug(name)
                entities.setdefault(key, Entity(key, "State", name))
                return Span(doc, span.start, span.end, label="metonym", span_id=key)
            return self._place(span, entities)
        return None

    def _known_name(self, name: str, norm: str, label: str, short: dict[str, str]) -> str | None:
        """A NER name that is a gazetteer name in another spelling, or a short form used earlier."""
        if norm in self.by_name:
            return self.by_name[norm]
        parts = [normalise(p) for p in re.split(r"[/?]", name) if p.strip()]
        keys = {self.by_name.get(p) for p in parts}
        if len(parts) > 1 and len(keys) == 1 and None not in keys:
            return keys.pop()
        if label == "PERSON" and " " not in norm and norm in short:
            return short[norm]
        return None

    def _org_type(self, norm: str) -> str:
        words = f" {norm} "
        for kind, cues in self.cues.org_type_cues.items():
            if any(f" {cue} " in words for cue in cues):
                return kind
        return "Organization"

    def _place(self, span: Span, entities: dict[str, Entity]) -> Span:
        key = f"place:{slug(span.text)}"
        entities.setdefault(key, Entity(key, "Place", span.text))
        return Span(span.doc, span.start, span.end, label="place", span_id=key)

    # ------------------------------------------------------------------ metonymy
    def _acts(self, span: Span) -> bool:
        """A place name stands for its government when it is the one who says, does or wants."""
        root = span.root
        while root.dep_ == "conj":
            root = root.head
        dep, head = root.dep_, root.head
        if any(c.dep_ == "relcl" and any(w.dep_ == "nsubj" and w.lower_ in RELATIVE_PRONOUNS for w in c.children)
               for c in root.children):
            return True  # "Moscow, which has backed Assad since 2015, ...": it acts in its own clause
        if dep == "pobj":  # "in Damascus" is a place; "loyal to Damascus", "aid from Tehran" the government
            return head.lower_ not in self.cues.locative_prepositions or \
                head.lower_ in self.addressed.get(head.head.lemma_.lower(), ())
        if dep == "nsubjpass":  # "Washington is not allied to Assad" acts; "Aleppo was bombed" does not
            return head.lower_ in self.cues.stance_participles
        if dep in ("compound", "amod", "nmod"):
            return head.lemma_.lower() in self.cues.proxy_nouns or head.lemma_.lower() in self.cues.state_nouns
        if dep == "poss":
            return head.lemma_.lower() not in self.cues.population_nouns and head.pos_ in ("NOUN", "PROPN")
        if dep == "dobj":
            return head.lemma_.lower() not in self.cues.violent_lemmas
        return dep in ("nsubj", "appos", "attr", "dative", "ROOT") and not (dep == "ROOT" and root.pos_ != "PROPN")

    def _located(self, span: Span) -> bool:
        """An unknown place name used as a place ("in Ithilen", "the Ithilen villages"); otherwise,
        as subject or object, an unknown country acts for itself ("Arnor attacked Gondor")."""
        root = span.root
        while root.dep_ == "conj":
            root = root.head
        if root.dep_ == "pobj":
            return root.head.lower_ in self.cues.locative_prepositions
        if root.dep_ in ("compound", "amod", "nmod"):
            lemma = root.head.lemma_.lower()
            return lemma not in self.cues.proxy_nouns and lemma not in self.cues.state_nouns
        return False

    def _demonym_acts(self, span: Span) -> bool:
        """A demonym is its state when it names the state's people acting ("the Russians said")
        or modifies what only a state has ("Russian jets", "Syrian Foreign Minister X")."""
        root = span.root
        if root.tag_ in ("NNPS", "NNS") or root.text.endswith("s"):
            return root.dep_ in ARGUMENT_DEPS
        head = root
        # through coordinated modifiers: "Iranian and Russian airstrikes"
        while head.dep_ in ("amod", "compound", "npadvmod", "nmod", "conj") and head.head.i != head.i:
            head = head.head
            if _forms(head) & self._acting:
                return True
            if head.ent_type_ in ("PERSON", ACTOR) or head.tag_ == "VBN":
                return True
        return False

    # ------------------------------------------------------------------ coreference
    def _coreference(self, doc: Doc, mentions: list[Span], entities: dict[str, Entity]) -> list[Span]:
        named = sorted((m for m in mentions if m.label_ in NAME_KINDS), key=lambda s: s.start)
        titles = self._titles(doc, named, entities)
        taken = _mention_tokens(mentions)
        found: list[Span] = []
        for i in self._referring(doc):
            token = doc[i]
            if token.i in taken:
                continue
            lower = token.lower_
            if lower == "whose" or (lower in ("who", "which") and token.dep_ in SUBJECT_DEPS):
                found.extend(self._relative(doc, token, named + found))
            elif lower in self.cues.pronouns and token.pos_ in ("PRON", "DET"):
                found.extend(self._pronoun(doc, token, named + found, entities))
            elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in self.cues.descriptions:
                span = self._description(doc, token, named + found, entities, titles)
                if span is not None:
                    found.append(span)
        return found

    def _speakers_we(self, doc: Doc, mentions: list[Span]) -> list[Span]:
        """"We", "our", "us" in a quotation are the speaker's side: the organisation or state that speaks,
        or the one a speaking person's title names ('"We have no links with the PKK," PYD co-chair
        Salih Muslim said': the PYD)."""
        speakers = doc._.akg_quote_speakers = quote_speakers(doc, self.cues)  # the relations read them too
        if not speakers:
            return []
        named = [m for m in mentions if m.label_ in NAME_KINDS]
        taken = _mention_tokens(mentions)
        found = []
        for start, speaker in speakers.items():
            side = self._side_of(doc, speaker, named)
            if side is not None:
                found += [Span(doc, t.i, t.i + 1, label="pronoun", span_id=side) for t in doc[start].sent
                          if t.lower_ in self.cues.first_person_plural and t.i not in taken]
        return found

    def _side_of(self, doc: Doc, speaker: Token, named: list[Span]) -> str | None:
        span = next((m for m in named if m.start <= speaker.i < m.end), None)
        if span is None:
            return None
        if self._entities.get(span.id_, Entity("", "", "")).type != "Person":
            return span.id_
        for mention in [span] + [m for m in named if m.id_ == span.id_ and m.start < span.start]:
            _, of = self._title_before(doc, mention, named)  # here, else where the text named them in full
            if of is not None:
                return of
        return None

    def _may_refer(self, lower: str) -> bool:
        return lower in RELATIVE_PRONOUNS or lower in self.cues.pronouns

    def _may_describe(self, lemma: str) -> bool:
        return lemma.lower() in self.cues.descriptions

    def _relative(self, doc: Doc, token: Token, known: list[Span]) -> list[Span]:
        """A relative pronoun stands for the nearest actor before it in its sentence ("the Free Syrian
        Army, some 30 of whose groups"): nearer than the parse, which often attaches the clause wrongly."""
        persons_only = token.lower_ == "who"
        sent_start = token.sent.start  # Token.sent walks the sentence: once, not once per mention
        before = [m for m in known if sent_start <= m.start and m.end <= token.i  # "the group, whose fighters"
                  and (m.label_ in NAME_KINDS or m.label_ == "description") and m.id_ in self._entities]
        for m in reversed(before):
            is_person = self._entities[m.id_].type == "Person"
            if is_person == persons_only or token.lower_ == "whose":
                return [Span(doc, token.i, token.i + 1, label="pronoun", span_id=m.id_)]
        return []

    def _candidates(self, doc: Doc, token: Token, known: list[Span], types: frozenset[str],
                    entities: dict[str, Entity], gender: str | None = None) -> list[Span]:
        first = max(0, token.sent.start - 1)
        sents = [token.sent]
        while len(sents) <= SENTENCE_WINDOW and first > 0 and sents[-1].start > 0:
            sents.append(doc[sents[-1].start - 1].sent)
        lower_bound = sents[-1].start
        out = []
        for m in known:
            if not (lower_bound <= m.start and m.end <= token.i):
                continue
            entity = entities.get(m.id_)
            if entity is None or entity.type not in types:
                continue
            if gender and entity.type == "Person":
                known_gender = self.gazetteer.actors[m.id_].gender if m.id_ in self.gazetteer.actors else None
                if known_gender and known_gender != gender:
                    continue
            out.append(m)
        return sorted(out, key=lambda m: (m.start, m.end))

    def _pronoun(self, doc: Doc, token: Token, known: list[Span], entities: dict[str, Entity]) -> list[Span]:
        spec = self.cues.pronouns[token.lower_]
        if token.lower_ == "it" and (token.dep_ not in ("nsubj", "nsubjpass") or _expletive(token.head)):
            return []  # expletive "it is ... that"; as an object "it" is mostly a thing ("provide cover for it")
        candidates = self._candidates(doc, token, known, spec.types, entities, spec.gender)
        if not candidates:
            return []
        if spec.plural and self._population_between(doc, candidates[-1].end, token.i):
            return []  # "70,000 women and children, many of them loyal to ISIS": the people, not an actor
        if spec.plural:
            group = self._coordinated(candidates[-1], candidates)
            if len(group) > 1:
                return [Span(doc, token.i, token.i + 1, label="pronoun", span_id=k) for k in group]

        if token.dep_ == "poss" and token.head.dep_ == "conj":
            # "the Islamic State and its late leader"; "troops loyal to Assad and their allies": the troops'
            first = token.head.head
            owners = [c.i for c in first.children if c.dep_ == "poss"]  # "Syria's ambassador ... and its negotiator"
            coordinated = [m for m in candidates if m.root.i == first.i or m.root.i in owners]
            if coordinated:
                return [Span(doc, token.i, token.i + 1, label="pronoun", span_id=coordinated[-1].id_)]
            people = self.cues.force_nouns | self.cues.population_nouns
            if first.lemma_.lower() in people or first.lower_ in people:
                return []
        sent_start = token.sent.start

        def rank(m: Span) -> tuple[int, int, int]:
            same = m.start >= sent_start
            role = m.root.dep_ in SUBJECT_DEPS
            return (int(same), int(role), m.start) if spec.types != {"Person"} or not same else (1, 0, m.start)

        best = max(candidates, key=rank)
        return [Span(doc, token.i, token.i + 1, label="pronoun", span_id=best.id_)]

    def _population_between(self, doc: Doc, start: int, end: int) -> bool:
        """A plural noun of people who are no actor ("civilians", "women") between an actor and a pronoun."""
        return any(t.tag_ == "NNS" and t.lemma_.lower() in self.cues.population_nouns
                   for t in doc[max(start, doc[end].sent.start):end])

    @staticmethod
    def _coordinated(last: Span, candidates: list[Span]) -> list[str]:
        """The keys of `last` and the actors coordinated with it ("Russia and the regime ... they")."""
        root = last.root
        while root.dep_ == "conj":
            root = root.head
        members = {root.i} | {t.i for t in root.conjuncts}
        keys = []
        for m in candidates:
            if m.root.i in members and m.id_ not in keys:
                keys.append(m.id_)
        return keys

    def _description(self, doc: Doc, token: Token, known: list[Span], entities: dict[str, Entity],
                     titles: dict[str, list[TitleInfo]]) -> Span | None:
        types = self.cues.descriptions[token.lemma_.lower()]
        headed = self._headed_state(token, known) if "State" in types else None
        if headed is not None:  # "Putin's government", "the Putin government"
            return self._described(token, headed, entities)
        det = [c for c in token.lefts if c.dep_ == "det"]
        if not det or det[0].lower_ not in ("the", "this", "that"):
            return None
        led = self._led_by(token, known, types)
        if led is not None:  # "the movement led by Abu Bakr al-Baghdadi": the group the gazetteer says he leads
            return self._described(token, led, entities)
        of_words = [p for c in token.rights if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if of_words and (types != {"Person"} or any(m.start <= p.i < m.end for m in known for p in of_words)):
            return None  # "the leader of X" is a title, handled by the relation frames; not "the Secretary of State"
        if any(c.dep_ == "appos" and c.i == token.i + 1 and c.pos_ == "PROPN" for c in token.rights) or \
                any(c.dep_ == "appos" and any(m.start <= c.i < m.end for m in known) for c in token.rights):
            return None  # "the rebel group Ahrar al-Sham" names its group
        seated = self._seated(token) if "State" in types else None
        if seated:  # "the government in Damascus": the state whose seat it names
            return self._described(token, seated, entities)
        modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod", "npadvmod")]
        taken = _mention_tokens(known)
        if any(c.pos_ == "PROPN" and c.i not in taken for c in modifiers):
            return None  # "the Zinki group": the name of a group the gazetteer lacks, not a reference back
        modifier_tokens = {t.i for c in modifiers for t in c.subtree}
        modifier_keys = {m.id_ for m in known for i in modifier_tokens if m.start <= i < m.end}
        direct = {t.i for c in modifiers for t in (c, *c.conjuncts)}
        owners = {m.id_ for m in known for i in direct if m.start <= i < m.end}
        if any(entities[k].type in types for k in owners if k in entities):
            return None  # "the Zinki group" is the Zinki group itself, "the British and American governments" theirs
        if types == {"Person"}:
            words = frozenset(self._title_words([*[c for c in modifiers if c.i not in taken], token, *of_words]))
            of = next(iter(sorted(modifier_keys)), None)
            for m in reversed(known):
                if m.start >= token.i or entities.get(m.id_, Entity("", "", "")).type != "Person":
                    continue
                if any(words <= t.words and (of is None or t.of in (None, of)) for t in titles.get(m.id_, [])):
                    return Span(doc, token.i, token.i + 1, label="description", span_id=m.id_)
            holders = self.gazetteer.holders_of(words, of)
            mentioned = [key for key in holders if key in {m.id_ for m in known}]
            holders = mentioned if len(mentioned) == 1 else holders  # "the US Secretary of State": the one named before
            if len(holders) == 1:
                return self._described(token, holders[0], entities)
            return None
        candidates = [m for m in self._candidates(doc, token, known, types, entities) if m.id_ not in modifier_keys]
        for kind in self.cues.description_order[token.lemma_.lower()]:  # "the group": an armed group first
            of_kind = [m for m in candidates if entities[m.id_].type == kind]
            if of_kind:
                return Span(doc, token.i, token.i + 1, label="description", span_id=of_kind[-1].id_)
        return None

    def _described(self, token: Token, key: str, entities: dict[str, Entity]) -> Span:
        """A description resolved to a gazetteer actor."""
        entities.setdefault(key, self.gazetteer.actors[key].entity())
        return Span(token.doc, token.i, token.i + 1, label="description", span_id=key)

    def _led_by(self, token: Token, known: list[Span], types: frozenset[str]) -> str | None:
        """The one group of the description's kind that the person after "led by" leads, the one
        the text has named if the person leads several."""
        leaders = [m.id_ for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in self.cues.leading_verbs
                   for agent in c.children if agent.dep_ == "agent" for p in agent.children
                   for m in known if m.start <= p.i < m.end and m.id_ in self.gazetteer.actors]
        for person in leaders[:1]:
            led = self.gazetteer.led(person, types)
            named = led & {m.id_ for m in known}
            if len(named) == 1 or len(led) == 1:
                return next(iter(named if len(named) == 1 else led))
        return None

    def _seated(self, token: Token) -> str | None:
        """The state whose seat of government follows "in": "the regime in Damascus", "the government in Kabul"."""
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else token
        if after.lower_ != "in":  # right after the noun: the parser may hang "in Damascus" on the verb
            return None
        for place in after.children:
            name = normalise(place.doc[place.left_edge.i:place.right_edge.i + 1].text)
            if place.dep_ == "pobj" and name in self.by_seat:
                return self.by_seat[name]
        return None

    def _title_words(self, tokens: list[Token]) -> list[str]:
        words = []
        for t in tokens:
            for word in normalise(t.text).split():
                words.extend(self.cues.title_abbreviations.get(word, word).split())
        return words

    def _title_before(self, doc: Doc, person: Span, named: list[Span]) -> tuple[list[Token], str | None]:
        """The title words before a person's name and the actor named among them ("PYD co-chair X": the PYD)."""
        mention_tokens = _mention_tokens(named)
        vocabulary = self.cues.leader_titles | self.cues.member_titles | self.cues.title_fillers
        window, of = [], None
        i = person.start - 1
        while i >= 0 and (doc[i].lower_ in vocabulary or i in mention_tokens or doc[i].pos_ == "PROPN"):
            if i in mention_tokens and of is None:
                of = next((n.id_ for n in named if n.start <= i < n.end), None)
            elif i not in mention_tokens:
                window.append(doc[i])
            i -= 1
        return window, of

    def _titles(self, doc: Doc, named: list[Span], entities: dict[str, Entity]) -> dict[str, list[TitleInfo]]:
        """Titles the document gives its people ("UN envoy Staffan de Mistura"), from the gazetteer and the text."""
        titles: dict[str, list[TitleInfo]] = {}
        for m in named:
            if entities.get(m.id_, Entity("", "", "")).type != "Person":
                continue
            entry = self.gazetteer.actors.get(m.id_)
            if entry:
                for role in entry.roles:
                    words = frozenset(w for word in normalise(role.title).split()
                                      for w in self.cues.title_abbreviations.get(word, word).split())
                    titles.setdefault(m.id_, []).append(TitleInfo(words, role.of))
            window, of = self._title_before(doc, m, named)
            words = frozenset(self._title_words(window))
            if words & (self.cues.leader_titles | self.cues.member_titles):
                titles.setdefault(m.id_, []).append(TitleInfo(words, of))
        return titles


def _forms(token: Token) -> set[str]:
    """A word's lemma and its own form, lower case: the cue lists may hold either ("soldiers", "airstrikes")."""
    return {token.lemma_.lower(), token.lower_}


def _expletive(verb: Token) -> bool:
    """"It is clear that ...", "it was decided to ...": the copula's "it" stands for a clause, not an
    actor ("it was not opposed to X" is someone's stance)."""
    if verb.lemma_ != "be":
        return False
    heads = [verb, *(c for c in verb.children if c.dep_ in ("acomp", "attr"))]
    return any(c.dep_ in ("ccomp", "xcomp", "csubj") for h in heads for c in h.children) or not any(
        c.dep_ in ("acomp", "attr") for c in verb.children)


def _mention_tokens(spans: Iterable[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end)}


def _title_case(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.6 * len(words)


def _split_list(ent: Span) -> list[Span]:
    """"Arnor, Osgiliath and Gondor" as one NER span is three names."""
    if ent.label_ not in ("GPE", "ORG", "NORP", "PERSON") or not any(t.text == "," or t.lower_ == "and" for t in ent):
        return [ent]
    parts, start = [], ent.start
    for t in ent:
        if t.text == "," or t.lower_ == "and":
            if t.i > start:
                parts.append(Span(ent.doc, start, t.i, label=ent.label_))
            start = t.i + 1
    if start < ent.end:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return parts


def _trim(ent: Span) -> Span | None:
    """An entity without a leading article or a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].pos_ == "ADP"):
        end -= 1  # "Ministry of Defense of": a name does not end on a preposition
    return Span(doc, start, end, label=ent.label_) if end > start else None
