"""Syntactic frames: for a trigger token and a lexicon row, the subjects and objects it takes.

Each frame is a generator `frame(token, row, ctx) -> Iterator[Match]`; the lexicon names the
frame of each row, so a new trigger is a data change. Frames only read the parse and the
actor mentions; polarity, attribution and confidence are decided in extract.py.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from ..actors.names import HYPHENS
from ..cues import Cues
from .arguments import Arg, Arguments
from .clauses import (VERBAL, acts_on_each_other, agents, coordination_words, governing_verb, is_infinitive, is_passive,
                      is_that_clause, listed_members, objects, own_subjects, patients, predicate_subjects, prep_objects,
                      subjects)
from .lexicon import Row

@dataclass(frozen=True)
class Match:
    subjects: list[Arg]
    objects: list[Arg]
    anchor: Token  # where polarity and attribution are read from
    first: int  # trigger token span, for highlighting
    last: int
    symmetric_pairs: bool = False  # all pairs among `subjects` (coagents, "talks between X and Y")
    relation: str | None = None  # the frame's reading of a title, over the row's ("the US commander": memberOf)


@dataclass
class Context:
    args: Arguments
    cues: Cues
    titles: frozenset[str]  # every title word of the title rows
    light_pairs: frozenset[tuple[str, str]]  # Lexicon.light_pairs


def _resolve(ctx: Context, tokens: list[Token]) -> list[Arg]:
    out: list[Arg] = []
    for token in tokens:
        for arg in ctx.args.at(token):
            if arg.key not in {a.key for a in out}:
                out.append(arg)
    return out


# ---------------------------------------------------------------------- verbs
def verb(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    if t.pos_ not in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG", "VBD", "VBZ", "VBP", "VB") \
            and not {"nsubj", "dobj"} <= {c.dep_ for c in t.children}:  # "Russia and Iran back X", "back" tagged ADV
        return
    if row.particles and not any(c.lower_ in row.particles for c in t.children if c.dep_ in ("prt", "prep", "advmod")):
        return
    if row.infinitive_only and not any(c.dep_ in ("xcomp", "advcl", "ccomp") and is_infinitive(c) for c in t.children):
        return
    if row.no_object_predicate and any(c.dep_ == "oprd" for c in t.children):
        return
    if any((t.lemma_.lower(), c.lemma_.lower()) in ctx.light_pairs for c in t.children if c.dep_ == "dobj"):
        return  # "struck a deal with X": the verb is light, the noun's row says what the relation is
    if is_passive(t):
        subj = _resolve(ctx, agents(t) + _prep_pobjs(t, row.agent_preps) + _predicate_agents(t))
        if not subj and row.violent:  # "killed in a Russian air strike": whoever owns the attack
            subj = _resolve(ctx, [p for p in _prep_pobjs(t, frozenset({"in", "during"}))
                                  if p.lemma_.lower() in ctx.cues.violent_lemmas])
        obj = _resolve(ctx, patients(t) + prep_objects(t, row.preps))
    else:
        if row.goods_only and _sends_armed_men(t, ctx):
            return
        subj = _resolve(ctx, _enabled(t, ctx) or _sender(t, ctx) or subjects(t))
        own = [o for o in objects(t, row.preps) if not _gerund_object(t, o, ctx)
               and not (o.head.dep_ == "prep" and _accompanied(o.head, ctx.cues.companion_words))]  # "together with"
        obj = _resolve(ctx, prep_objects(t, row.preps) if row.prep_object else own)
        if not obj and row.through_object:  # "fired two shells at Seoul": the preposition hangs off the object;
            # "paid the SDF's salaries" as "paid the salaries of the SDF"
            obj = _resolve(ctx, [p for d in t.children if d.dep_ == "dobj" for p in prep_objects(d, row.preps)
                                 + ([c for c in d.children if c.dep_ == "poss"] if "of" in row.preps else [])])
        if not obj and not own:  # "trained and equipped X": the object of the verb after it
            obj = _resolve(ctx, [o for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                 for o in objects(c, row.preps)])
    if row.roles == "swap":
        subj, obj = obj, subj
    if (row.reciprocal and not obj) or acts_on_each_other(t):  # "X and Y clash", "X and Y accused each other"
        obj = subj
    yield Match(subj, obj, t, t.i, t.i)


def _predicate_agents(t: Token) -> list[Token]:
    """"was listed as a terrorist group by the EU": the parser hangs the agent on the predicate noun."""
    return [a for p in t.children if p.dep_ == "prep" and p.lower_ == "as" for n in p.children if n.dep_ == "pobj"
            for b in n.children if b.dep_ == "prep" and b.lower_ == "by" for a in b.children if a.dep_ == "pobj"]


def _enabled(t: Token, ctx: Context) -> list[Token]:
    """"armed the SDF to fight the Islamic State": in a purpose clause of an enabling verb, its object acts."""
    if t.dep_ not in ("advcl", "xcomp") or not is_infinitive(t) or t.head.lemma_.lower() not in ctx.cues.enabling_verbs:
        return []
    return [c for c in t.head.children if c.dep_ == "dobj"]


def _gerund_object(verb: Token, o: Token, ctx: Context) -> bool:
    """"denied arming rebels": the parser made "arming" an adjective of the verb's object, which is the gerund's."""
    return verb.lemma_.lower() in ctx.cues.gerund_verbs and any(
        c.dep_ == "amod" and c.tag_ == "VBG" and c.i < o.i for c in o.children)


def _sends_armed_men(t: Token, ctx: Context) -> bool:
    return any(_armed_men(d, ctx) for d in t.children if d.dep_ == "dobj")


def _sender(t: Token, ctx: Context) -> list[Token]:
    """Who sends armed men or launches an operation acts in the purpose clause: "sent troops to Syria to
    support Assad" (the parser takes "to Syria" for a recipient, who would act: "gave weapons to X to fight Y"),
    "launched Operation Olive Branch to drive the YPG out" (the parser makes the operation the controller)."""
    if t.dep_ not in ("advcl", "xcomp") or not is_infinitive(t):
        return []
    sent = [d for d in t.head.children if d.dep_ == "dobj"]
    if any(_armed_men(d, ctx) or _undertaking(d, ctx) for d in sent):
        return subjects(t.head)
    return []


def _undertaking(t: Token, ctx: Context) -> bool:
    """"an offensive", "Operation Olive Branch": the noun or the first word of its name (cues event_name_words)."""
    first = next((w for w in t.subtree if w.dep_ != "det"), t)
    return t.lemma_.lower() in ctx.cues.event_name_words or first.lower_ in ctx.cues.event_name_words


def _armed_men(t: Token, ctx: Context) -> bool:
    """"troops", "2,000 fighters", "hundreds of fighters"."""
    return any(ctx.args.is_force(n) for n in (t, *_prep_pobjs(t, frozenset({"of"}))))


def _prep_pobjs(t: Token, preps: frozenset[str]) -> list[Token]:
    """The noun phrases after `t`'s prepositions `preps` ("links to X or to Y")."""
    return prep_objects(t, preps, deps=("prep",), objects=("pobj",))


# ---------------------------------------------------------------------- nouns
def noun(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    # a name that ends in the noun is its own subject where the noun is possessed: "its Iraqi Shiite auxiliaries"
    named = ctx.args.mention(t)
    if t.pos_ not in ("NOUN", "PROPN") or (named and not row.possessed_object):
        return
    if row.symmetric_between:
        between = _prep_pobjs(t, frozenset({"between"}))
        if between:
            yield Match(_resolve(ctx, between), [], t, t.i, t.i, symmetric_pairs=True)
            return
    if row.roles == "addressee":
        yield from _addressed(t, row, ctx)
        return
    if row.roles == "modifier_object":
        yield from _modifier_object(t, ctx)
        return
    if row.with_clause and t.dep_ == "pobj" and t.head.lower_ in ("with", "under", "without") \
            and t.head.head.pos_ in VERBAL:
        yield from _with_clause(t, row, ctx)
        return
    obj_tokens = _prep_pobjs(t, row.preps) or _content_subjects(t)
    if not obj_tokens and t.dep_ == "dobj":
        if t.head.lemma_.lower() in ctx.cues.recipient_verbs:  # "Y receives support from X"
            giver = _resolve(ctx, _prep_pobjs(t, row.agent_preps) + _prep_pobjs(t.head, row.agent_preps))
            yield Match(giver, _resolve(ctx, subjects(t.head)), t, t.i, t.i)
            return
        # "pledged allegiance to Y", "provided air cover for Y": the preposition hangs off the verb
        obj_tokens = prep_objects(t.head, row.preps, deps=("prep", "dative"), objects=("pobj",))
    if row.possessed_object:
        owner = [c for c in t.children if c.dep_ == "poss"]
        first = t
        while not owner and first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "its Hizbullah and Iraqi Shiite auxiliaries": the possessor is on the first conjunct
            owner = [c for c in first.children if c.dep_ == "poss"]
        if owner and first.i != t.i and not obj_tokens:
            obj = _resolve(ctx, owner)
            subj = [a for a in ctx.args.mention(first) + named + ctx.args.modifiers(t, exclude={o.i for o in owner})
                    if a.key not in {o.key for o in obj}]
            yield Match(subj, obj, t, t.i, t.i)
            return
        if owner and not obj_tokens:
            obj = _resolve(ctx, owner)
            modifiers = ctx.args.modifiers(t, exclude={o.i for o in owner})
            alliance = [m for m in modifiers if ctx.args.is_international(m.key)]
            if alliance and not named and len(alliance) == len(modifiers):
                return  # "its NATO ally": the alliance names what both belong to, not who the ally is
            subj = [a for a in named + modifiers if a.key not in {o.key for o in obj}]
            subj += _resolve(ctx, [c for c in t.children if c.dep_ == "appos"])
            # "the Nusra Front, al-Qaeda's Syrian branch", "X is Assad's ally": as any noun's subject, but
            # not who acts on them ("its allies, backed by Russian air power": Russia backs the allies)
            if not subj and t.dep_ != "conj":  # not "channels with the regime and its allies": they are the regime's
                subj = _noun_subjects(t, row, ctx, {o.key for o in obj}, acl=False)
            yield Match(subj, obj, t, t.i, t.i)
            return
    if not obj_tokens or named:
        return
    obj = _resolve(ctx, obj_tokens)
    light = governing_verb(t)
    if row.light_verbs and (light is None or light.lemma_.lower() not in row.light_verbs):
        return
    subj = _noun_subjects(t, row, ctx, {a.key for a in obj})
    yield Match(subj, obj, t, t.i, t.i)


def _content_subjects(t: Token) -> list[Token]:
    """Who a noun's "that" clause is about: "Trump's accusation that Syrian forces had used chemical
    weapons", "Russia's demand that the US stop its strikes"."""
    return [s for c in t.children if c.dep_ in ("acl", "ccomp") and is_that_clause(c)
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def _with_clause(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"X advanced with support from Y", "with the help of Y", "with Turkish backing": Y does it for X."""
    obj = [a for a in _resolve(ctx, subjects(t.head.head)) if a.kind != "pronoun"]  # too far from its antecedent
    taken = {a.key for a in obj}
    subj = [a for a in ctx.args.modifiers(t) + _resolve(ctx, _prep_pobjs(t, row.agent_preps | {"of"}))
            if a.key not in taken]
    yield Match(subj, obj, t, t.i, t.i)


def _modifier_object(t: Token, ctx: Context) -> Iterator[Match]:
    """"Turkey, a NATO member", "Qatar is an OPEC member": the name before the noun is what the subject
    belongs to (a demonym is a nationality: "an Italian member" says nothing of Italy)."""
    obj = [a for a in ctx.args.modifiers(t) if a.kind == "name"]
    if t.dep_ == "appos":
        subj = _resolve(ctx, [t.head])
    elif t.dep_ in ("attr", "oprd") and t.head.pos_ in VERBAL:
        subj = _resolve(ctx, predicate_subjects(t.head))
    else:
        return
    yield Match([a for a in subj if a.key not in {o.key for o in obj}], obj, t, t.i, t.i)


def _addressed(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"Russia rejected Kerry's call": whoever answers a request is who it was made to."""
    verb_ = governing_verb(t)
    if verb_ is None or verb_.lemma_.lower() not in row.light_verbs or t.dep_ not in ("dobj", "nsubjpass"):
        return
    asker = ctx.args.modifiers(t) + _resolve(ctx, _prep_pobjs(t, row.agent_preps | {"by"}) + _acl_agents(t))
    addressee = _resolve(ctx, subjects(verb_))
    yield Match(asker, addressee, t, t.i, t.i)


def _acl_agents(t: Token) -> list[Token]:
    """"the demand put forward by X", "attacks carried out by X"."""
    return [a for c in t.children if c.dep_ == "acl" and is_passive(c) for a in agents(c)]


def _noun_subjects(t: Token, row: Row, ctx: Context, exclude: set[str], acl: bool = True) -> list[Arg]:
    own = ctx.args.modifiers(t) + _resolve(ctx, _prep_pobjs(t, row.agent_preps) + (_acl_agents(t) if acl else []))
    own = [a for a in own if a.key not in exclude]
    if own:
        return own
    if t.dep_ == "appos":
        return _resolve(ctx, [t.head])
    if t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.lemma_.lower() in ctx.cues.naming_verbs:
        # "Washington regards it as the network's Syrian branch", "describing Hezbollah as a proxy"
        return _resolve(ctx, [c for c in t.head.head.children if c.dep_ in ("dobj", "nsubjpass")])
    if t.dep_ in ("attr", "acomp", "oprd") and t.head.pos_ in ("VERB", "AUX"):
        return _resolve(ctx, predicate_subjects(t.head))
    node = t
    for _ in range(5):  # "his pledge of allegiance to": owners of the nouns above
        if node.dep_ not in ("pobj", "prep") or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("NOUN", "PROPN"):
            found = [a for a in ctx.args.modifiers(node) if a.key not in exclude]
            if found:
                return found
    clause = governing_verb(t.head) if t.dep_ == "pobj" and t.head.lower_ in row.clause_preps else None
    if clause is not None:
        # "Shoigu flew to Damascus for talks with Assad", "X was sanctioned for attacks on Y",
        # "X ordered the withdrawal of troops after a phone call with Y" (the parser hangs "after" on "troops")
        found = [a for a in _resolve(ctx, own_subjects(clause)) if a.key not in exclude]
        if found:
            return found
    verb_ = t.head if t.dep_ == "nsubjpass" else governing_verb(t)  # "evidence against Y was presented by X"
    if verb_ is not None and (verb_.lemma_.lower() in ctx.cues.light_verbs or verb_.lemma_.lower() in row.light_verbs):
        if is_passive(verb_):
            return _resolve(ctx, agents(verb_))
        return _resolve(ctx, subjects(verb_))
    return []


# ---------------------------------------------------------------------- adjectives
def adjective(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    obj_tokens = _prep_pobjs(t, row.preps)
    if not obj_tokens:
        return
    if row.light_verbs:  # "X held Y responsible for Z": Y is the object, X the subject
        head = t.head
        if head.lemma_.lower() not in row.light_verbs:
            return
        yield Match(_resolve(ctx, subjects(head)), _resolve(ctx, [c for c in head.children if c.dep_ == "dobj"]),
                    head, t.i, t.i)
        return
    own = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if own:
        subj_tokens = own
    elif t.dep_ in ("acomp", "attr", "oprd", "xcomp") and t.head.i != t.i:
        subj_tokens = predicate_subjects(t.head)
    elif t.dep_ in ("amod", "acl", "relcl", "appos"):
        subj_tokens = [t.head]
    else:
        subj_tokens = []
    yield Match(_resolve(ctx, subj_tokens), _resolve(ctx, obj_tokens), t, t.i, t.i)


# ---------------------------------------------------------------------- hyphenated modifiers
def hyphen(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"al-Qaeda-linked group", "Russian-backed forces": the actor before the hyphen and the noun modified;
    also without the hyphen where the participle modifies the noun ("the CIA equipped rebels")."""
    doc = t.doc
    if t.i >= 2 and doc[t.i - 1].text in HYPHENS:
        before = t.i - 2
    elif t.i >= 1 and t.dep_ == "amod" and t.tag_ in ("VBN", "VBD"):
        before = t.i - 1
    else:
        return
    modifier = ctx.args.mention(doc[before])
    if not modifier:
        return
    head = t.head if t.head.i != t.i else None
    if head is None or head.i < t.i:
        return
    other = [a for a in ctx.args.at(head) if a.token > t.i] or _resolve(ctx, listed_members(head))
    whole = ctx.args.mention(head)
    if {a.key for a in modifier} & {a.key for a in whole}:  # one name, "the U.S.-led coalition": its first words
        modifier, other = ctx.args.name_ending_at(doc[before]), whole
    if row.roles == "modifier_object":
        yield Match(other, modifier, t, before, t.i)
    else:
        yield Match(modifier, other, t, before, t.i)


def anti(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"the anti-Assad camp led by the United States": the camp's owner or leader opposes Assad."""
    if t.i + 2 >= len(t.doc) or t.doc[t.i + 1].text not in HYPHENS:
        return
    target = ctx.args.mention(t.doc[t.i + 2])
    if not target:
        return
    head = t.doc[t.i + 2].head
    while head.dep_ in ("compound", "amod") and head.head.i != head.i:
        head = head.head
    owners = [a for a in ctx.args.modifiers(head) + _resolve(ctx, listed_members(head))  # "pro-Assad militias such as X"
              if a.key not in {x.key for x in target}]
    owning = ctx.cues.owner_verbs  # "led by X", not "attacked by X"
    for child in head.children:
        if child.dep_ == "acl" and is_passive(child) and child.lemma_ in owning:
            owners += _resolve(ctx, agents(child))
    if head.dep_ == "nsubjpass" and head.head.lemma_ in owning:  # "the anti-Assad camp is led by X"
        owners += _resolve(ctx, agents(head.head))
    yield Match(owners, target, head, t.i, t.i + 2)


PAIR_JOINS = frozenset({"-", "–", "/", "and", "&", ","})


def pair(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"Russian-American negotiation", "the Russian and Syrian forces": the actors modifying one noun,
    joined by a hyphen or a conjunction, with each other (not "Syrian government forces": one actor
    named twice, nor "Russian Syrian policy")."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return
    actors = sorted((a for a in ctx.args.modifiers(t) if ctx.args.is_actor(a.key)), key=lambda a: a.token)
    if len({a.key for a in actors}) < 2:
        return
    spans = [min(ctx.args.by_token[a.token], key=lambda s: s.start) for a in actors]
    doc = t.doc
    for before, after in zip(spans, spans[1:]):
        between = doc[before.end:after.start]
        if not len(between) or any(w.lower_ not in PAIR_JOINS for w in between):
            return
    yield Match(actors, [], t, min(a.token for a in actors), t.i, symmetric_pairs=True)


# ---------------------------------------------------------------------- titles
def title(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """A title that links a person to the organisation it is a title of."""
    words = ctx.titles
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is not None and nxt.text in ("-",) and t.i + 2 < len(t.doc) and t.doc[t.i + 2].lower_ in words:
        return  # "Secretary-General": the last word is the head of the title
    if ctx.args.in_title_complement(t):
        return
    persons, window_orgs, first = _title_persons(t, ctx)
    if not persons:
        return
    orgs = _title_orgs(t, ctx, window_orgs)
    orgs = [o for o in orgs if o.key not in {p.key for p in persons} and ctx.args.is_actor(o.key)]
    named = all(a.kind == "name" for a in ctx.args.mention(t))  # "President Putin", not "the envoy" standing for him
    post = ctx.args.post(persons[0].key, t.lower_) if named and not orgs and len(persons) == 1 else None
    if post is not None:  # "President Putin", "Defense Secretary Jim Mattis": the post the gazetteer knows
        yield Match(persons, [Arg(post[0], "post", t.i)], t, first, t.i, relation=post[1])
        return
    if orgs and orgs[0].kind == "demonym" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
        return  # "De Mistura, an Italian diplomat": a nationality, not a post
    if orgs:
        # "Syrian commander X" serves the state; "X, commander of the Quds Force" leads what follows "of";
        # "X, head of the SDF media office" leads a unit of the SDF, and is a member of it
        state_member = (_is_state(ctx, orgs[0]) and orgs[0].token < t.i and t.lower_ not in ctx.cues.head_of_state_titles
                        and t.lemma_.lower() not in ctx.cues.head_of_state_titles
                        and not ctx.args.member_of(orgs[0].key))  # an organ has its head: "Tiger Forces chief X"
        unit = t.doc[orgs[0].token].head
        unit_head = orgs[0].kind == "proxy" and unit.i != t.i and unit.lemma_.lower() in ctx.cues.unit_nouns
        subordinate = any(c.lower_ in ctx.cues.subordinate_modifiers for c in t.children if c.dep_ in ("amod", "compound"))
        before = t.doc[t.i - 2] if t.i >= 2 and t.doc[t.i - 1].text in HYPHENS else t.doc[max(t.i - 1, 0)]
        subordinate = subordinate or (t.lower_ in ctx.cues.rank_titles and before.lower_ not in ctx.titles)
        leads = row.relation == "leaderOf" and not (state_member or unit_head or subordinate)
        leads = leads or before.lower_ in ctx.cues.leading_modifiers  # "Prime Minister", "general coordinator"
        # "Putin and his Turkish counterpart Erdogan": the counterpart of a head of state heads the other one
        leads = leads or (t.lower_ in ctx.cues.counterpart_words and any(
            ctx.args.heads_state(a.key) for c in t.children if c.dep_ == "poss" for a in ctx.args.at(c)))
        yield Match(persons, orgs[:1], t, first, t.i, relation="leaderOf" if leads else "memberOf")


def _is_person(ctx: Context, arg: Arg) -> bool:
    return ctx.args.is_person(arg.key)


def _title_persons(t: Token, ctx: Context) -> tuple[list[Arg], list[Arg], int]:
    own = [a for a in ctx.args.mention(t) if _is_person(ctx, a)]  # "the envoy", resolved
    if own:
        return own, ctx.args.modifiers(t), t.i
    # the words before a name: "UN Special Envoy for Syria Staffan de Mistura"
    persons, window_orgs, later = ctx.args.title_window(t)
    if persons or later:
        return persons, window_orgs, t.i
    persons = _title_appositions(t, ctx)
    return persons, window_orgs, t.i


def _title_appositions(t: Token, ctx: Context) -> list[Arg]:    # apposition: "X, the commander of Y"; "Y, whose leader, X"; "Ma'yuf and Salkhu, the leaders of Y"
    if t.dep_ == "conj" and t.head.lower_ in ctx.titles:  # "X, the founder and commander of Y"
        return _title_appositions(t.head, ctx)
    if t.dep_ == "appos":
        head_args = [a for a in ctx.args.at(t.head) if _is_person(ctx, a)]
        if head_args:
            return head_args
    for child in t.children:
        if child.dep_ == "appos":
            found = [a for a in ctx.args.at(child) if _is_person(ctx, a)]
            if found:
                return found
    if t.dep_ == "attr" and t.head.lemma_ == "be":  # "X is the leader of Y": X itself, not what X stands for
        return [a for s in own_subjects(t.head) for c in (s, *s.conjuncts) for a in ctx.args.mention(c)
                if _is_person(ctx, a)]
    return []


def _title_orgs(t: Token, ctx: Context, window_orgs: list[Arg]) -> list[Arg]:
    # a title is of an organisation, not of a person ("his Turkish counterpart X", "Putin's spokesman X")
    poss = [a for c in t.children if c.dep_ == "poss" for a in ctx.args.at(c) if not _is_person(ctx, a)]
    if poss:
        return poss
    before = _orgs_before(t, ctx)
    if before:
        return before
    titles = [t, *(c for c in t.conjuncts if c.lower_ in ctx.titles)]  # "the founder and commander of Y"
    of = [a for w in titles for a in _resolve(ctx, _prep_pobjs(w, frozenset({"of", "in", "at"}))) if not _is_person(ctx, a)]
    if of:
        return of
    if window_orgs:
        return window_orgs
    return _resolve(ctx, _prep_pobjs(t, frozenset({"for", "with"})))


def _orgs_before(t: Token, ctx: Context) -> list[Arg]:
    """Organisations in the title words before `t` ("Russian Deputy Foreign Minister"), the leftmost first."""
    doc, i, found = t.doc, t.i - 1, []
    while i >= 0 and t.i - i <= 6:
        token = doc[i]
        named = ctx.args.mention(token)
        if named and not any(_is_person(ctx, a) for a in named):
            found = named + [a for a in found if a.key not in {n.key for n in named}]
        elif not (token.lower_ in ctx.cues.title_fillers or token.lower_ in ctx.titles or token.tag_ == "POS"
                  or (token.pos_ == "PROPN" and not named)):
            break
        i -= 1
    return found


def of_person(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"the Syrian Government of Bashar al-Assad": the person leads the government."""
    owner = [a for a in ctx.args.mention(t) if ctx.args.is_actor(a.key) and not _is_person(ctx, a)]
    if not owner:
        return
    persons = [a for a in _resolve(ctx, _prep_pobjs(t, frozenset({"of", "under"}))) if _is_person(ctx, a)]
    if persons:
        yield Match(persons, owner, t, t.i, t.i)


# ---------------------------------------------------------------------- prepositions
def prep(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    if t.dep_ != "prep" or (row.particles and not _accompanied(t, row.particles)):
        return
    # "under Abu Bakr al-Baghdadi", not "under attack from X": an act stands for its agent elsewhere, not here
    pobj = _resolve(ctx, [c for c in t.children if c.dep_ == "pobj" and c.lemma_.lower() not in ctx.cues.violent_lemmas])
    head = t.head
    owner = [] if head.pos_ in ("VERB", "AUX") else [a for a in ctx.args.at(head) if ctx.args.is_actor(a.key)]
    if not owner:  # "advisers are in Aleppo alongside X": the clause's subject, not the place
        verb_ = head if head.pos_ in ("VERB", "AUX") else governing_verb(head)
        owner = _resolve(ctx, subjects(verb_)) if verb_ is not None else []
    subj, obj = (pobj, owner) if row.roles == "swap" else (owner, pobj)
    yield Match(subj, obj, head, t.i, t.i)


def _accompanied(prep_: Token, words: frozenset[str]) -> bool:
    """"together with X", "jointly with X": the preposition comes with one of `words`."""
    return any(c.lower_ in words for c in prep_.children if c.dep_ == "advmod") or \
        (prep_.i > 0 and prep_.doc[prep_.i - 1].lower_ in words)


# ---------------------------------------------------------------------- acting together
def coagents(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    if t.pos_ in ("VERB", "AUX") and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
        return  # "Assad and Putin spoke of victory": each of something, not to each other
    if t.pos_ in ("VERB", "AUX") and acts_on_each_other(t) and row.relation == "alliedWith":
        return  # "X and Y attacked one another": against, not alongside
    if t.pos_ in ("VERB", "AUX") and not row.nouns_only:
        agents_ = _resolve(ctx, subjects(t))
    elif t.pos_ in ("NOUN", "PROPN"):
        agents_ = ctx.args.modifiers(t) + _resolve(ctx, _prep_pobjs(t, frozenset({"by"})))
        held = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else t  # "held a round of talks"
        if held.dep_ == "dobj" and held.head.lemma_.lower() in row.light_verbs:  # "X and Y held talks"
            agents_ += _resolve(ctx, subjects(held.head))
        agents_ += _resolve(ctx, _clause_agents(t, row))
    else:
        return
    agents_ = [a for a in agents_ if ctx.args.is_actor(a.key)]
    if len({a.key for a in agents_}) >= 2 and not _alternatives(t.doc, agents_):
        yield Match(agents_, [], t, t.i, t.i, symmetric_pairs=True)


def _clause_agents(t: Token, row: Row) -> list[Token]:
    """The subjects of the clause a noun sits in through `row.clause_preps`: "X and Y agree a ceasefire
    after six hours of talks", "X, Y and Z back the zone at Astana talks"."""
    node, via = t, set()
    while node.dep_ in ("pobj", "prep") and node.head.i != node.i:
        node = node.head
        if node.dep_ == "prep":
            via.add(node.lower_)
    return subjects(node) if node.pos_ in VERBAL and via & row.clause_preps else []


def _alternatives(doc, args: list[Arg]) -> bool:
    """"Syrian or Russian airstrikes": the actors are joined by "or" (one of them acted, not both together)."""
    return any(coordination_words(doc[a.token]) & {"or", "nor"} for a in args)


# ---------------------------------------------------------------------- names inside names
def organ(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"the US CIA", "the Russian foreign ministry", "the UN Refugee Agency": an organ named with its state."""
    spans = [s for s in ctx.args.by_token.get(t.i, []) if s.label_ == "name" and s.root.i == t.i]
    for span in spans:
        if ctx.args.is_person(span.id_) or not ctx.args.is_actor(span.id_):
            continue
        owners = [a for a in _before(span, ctx) if a.key != span.id_ and ctx.args.is_actor(a.key)
                  and not ctx.args.is_person(a.key)]
        known = ctx.args.member_of(span.id_)
        lemma_cue = any(w.lower_ in row.triggers or w.lemma_.lower() in row.triggers for w in span)
        # "the FSA's Sultan Murad division" (the name heads the phrase: not "Hezbollah's Lebanese Army rivals")
        possessed = span.start > 0 and span.doc[span.start - 1].tag_ == "POS" and span.root.dep_ != "compound"
        owners = [a for a in owners if a.key in known or (lemma_cue and (possessed or _is_state(ctx, a)))]
        if owners:
            yield Match([Arg(span.id_, "name", t.i)], owners[:1], t, span.start, t.i)


def _before(span, ctx: Context) -> list[Arg]:
    """Actor names directly before a name, inside its noun phrase ("the US CIA", "Moscow's UN envoy")."""
    doc, i, out = span.doc, span.start - 1, []
    while i >= 0 and span.start - i <= 4:
        token = doc[i]
        named = ctx.args.mention(token)
        if named:
            out.extend(named)
        elif token.tag_ != "POS" and token.lower_ not in ("the",) and not (
                token.is_lower and token.pos_ in ("NOUN", "ADJ")):  # "the UN refugee agency UNHCR"
            break
        i -= 1
    return out


def _is_state(ctx: Context, arg: Arg) -> bool:
    entity = ctx.args.entities.get(arg.key)
    return entity is not None and entity.type in ("State", "InternationalOrganization")


def possessive(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"Zarqawi's al-Qaeda in Mesopotamia", "Putin's Russia": a person's group is the group the person leads."""
    spans = [s for s in ctx.args.by_token.get(t.i, []) if s.label_ == "name" and s.root.i == t.i]
    for span in spans:
        if ctx.args.is_person(span.id_) or not ctx.args.is_actor(span.id_):
            continue
        owners = [a for c in span.root.children if c.dep_ == "poss" for a in ctx.args.mention(c)
                  if ctx.args.is_person(a.key) and a.kind == "name"]
        if owners:
            yield Match(owners, [Arg(span.id_, "name", t.i)], t, owners[0].token, t.i)


def modal(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"De Mistura: al-Qaeda must leave", "Russia said the US should stop": a speaker demanding of someone.
    The frame finds who must act; the row's `speaker_subject` makes the speaker the claim's subject."""
    if t.dep_ != "aux" or t.head.pos_ not in ("VERB", "AUX"):
        return
    yield Match(_resolve(ctx, subjects(t.head)), [], t.head, t.i, t.i)


def threat(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"For Russia, ISIL is a minor annoyance", "Turkey sees the YPG as a threat"."""
    if t.dep_ not in ("attr", "oprd", "pobj"):
        return
    head = t.head if t.dep_ != "pobj" else t.head.head
    if t.dep_ == "pobj" and t.head.lower_ != "as":
        return
    target = _resolve(ctx, [c for c in head.children if c.dep_ in ("nsubj", "dobj")]) if t.dep_ != "attr" \
        else _resolve(ctx, subjects(head))
    viewers = _resolve(ctx, _prep_pobjs(t, frozenset({"for", "to"})) + _prep_pobjs(head, frozenset({"for", "to"})))
    # "ISIS is our enemy", "ISIS is Russia's main threat": the possessor sees it so
    viewers = viewers or _resolve(ctx, [c for c in t.children if c.dep_ == "poss"])
    if t.dep_ != "attr":  # "Turkey sees the YPG as a threat": the seer is the subject
        viewers = viewers or _resolve(ctx, [c for c in head.children if c.dep_ == "nsubj"])
        target = _resolve(ctx, [c for c in head.children if c.dep_ == "dobj"])
    yield Match(viewers, target, head, t.i, t.i)


def classifier(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"the al-Qaeda group Jabhat al-Nusra", "the Saudi-backed faction Jaysh al-Islam"."""
    if t.pos_ not in ("NOUN",):
        return
    kinds = [a for c in t.children if c.dep_ in ("compound", "nmod") for a in ctx.args.mention(c)]
    if not kinds:
        return
    named: list[Arg] = []
    nxt = t.i + 1
    if nxt < len(t.doc):
        named = [a for a in ctx.args.mention(t.doc[nxt]) if a.key not in {k.key for k in kinds}]
    named += [a for c in t.children if c.dep_ == "appos" for a in ctx.args.at(c)]
    if t.dep_ in ("compound", "appos"):
        named += [a for a in ctx.args.mention(t.head) if a.key not in {k.key for k in kinds}]
    yield Match(named, kinds, t, kinds[0].token, t.i)


def gerund(t: Token, row: Row, ctx: Context) -> Iterator[Match]:
    """"X denied funding Y" with "funding" parsed as the noun object and Y hung off "denied"; "X denied
    arming rebels of Y" with "arming" parsed as an adjective of the object."""
    if t.dep_ == "dobj":  # a well-parsed gerund (xcomp, pcomp) is the verb frame's
        governor = t.head
        taken = [c for c in governor.children if c.dep_ in ("npadvmod", "dobj") and c.i > t.i]
    elif t.dep_ == "amod" and t.head.dep_ == "dobj" and t.head.i > t.i:
        governor, taken = t.head.head, [t.head]
    else:
        return
    if governor.lemma_.lower() in ctx.cues.gerund_verbs:
        yield Match(_resolve(ctx, subjects(governor)), _resolve(ctx, taken), t, t.i, t.i)


FRAMES: dict[str, Callable[[Token, Row, Context], Iterator[Match]]] = {
    "verb": verb,
    "noun": noun,
    "adjective": adjective,
    "hyphen": hyphen,
    "anti": anti,
    "pair": pair,
    "title": title,
    "of_person": of_person,
    "prep": prep,
    "coagents": coagents,
    "organ": organ,
    "possessive": possessive,
    "modal": modal,
    "threat": threat,
    "classifier": classifier,
    "gerund": gerund,
}
