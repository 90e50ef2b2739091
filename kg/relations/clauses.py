"""Where a clause's real arguments are in spaCy's dependency parse.

Subjects are found through auxiliaries, xcomp and conj chains ("X tried to dissociate
itself", "X met Y and rejected Z"), relative and participle clauses ("the Front, whose
leader ...", "groups supported by X"); passives swap agent and patient.
"""
from __future__ import annotations

from spacy.tokens import Token

RELATIVE = ("who", "which", "that", "whom")
VERBAL = ("VERB", "AUX")
CLIMB = ("xcomp", "advcl", "pcomp", "conj", "ccomp", "acl", "relcl")
RECIPROCAL = ({"each", "other"}, {"one", "another"})  # "X and Y accused each other"


def is_passive(verb: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    # "groups supported by X"; not a content clause with its own subject ("claims that Qatar had supplied X")
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "csubj") for c in verb.children)


def antecedent(pronoun: Token) -> Token:
    """The noun a relative pronoun stands for ("the Front, which ..." -> Front)."""
    clause = pronoun.head
    while clause.dep_ != "relcl" and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else pronoun


def _relative_or_self(token: Token) -> Token:
    return antecedent(token) if token.lower_ in RELATIVE else token


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The tokens naming who does what `verb` says, in the active voice."""
    if depth > 6:
        return []
    if is_passive(verb):
        return agents(verb)
    own = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")] or [
        c for a in verb.children if a.dep_ == "aux" for c in a.children if c.dep_ == "nsubj"] or [  # hung on "were"
        # a headline the parser reads as one noun phrase: "Turkey shells YPG positions"
        c for c in verb.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and verb.tag_ in ("VBZ", "VBD", "VBP")]
    if own:
        return [_relative_or_self(t) for t in own]
    dep, head = verb.dep_, verb.head
    if head.i == verb.i:
        return []
    if dep == "conj":  # "X armed and financed Y", even where the tagger takes "armed" for an adjective
        shared = [c for c in head.children if c.dep_ in ("nsubj", "csubj")]
        if shared:
            return [_relative_or_self(t) for t in shared]
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return [head]
    if (is_infinitive(verb) and dep in ("xcomp", "advcl")) or (dep == "xcomp" and verb.tag_ == "VB"):
        # a bare infinitive too: "helped Syria defeat the Islamic State", "let the rebels leave"
        # in a purpose clause the direct object is what is sent, not who acts: "sent troops to support X"
        objects = ("dobj", "dative") if dep == "xcomp" else ("dative",)
        controller = [c for c in head.children if c.dep_ in objects and c.i != verb.i] or [
            o for p in head.children if p.dep_ == "prep" and p.lower_ in ("on", "upon")
            for o in p.children if o.dep_ == "pobj"]  # "called on X to leave", "prevailed upon X to stop"
        if not controller and is_passive(head):  # "X was pressured by Y to help Z": X helps
            controller = [c for c in head.children if c.dep_ == "nsubjpass"]
        if controller and head.pos_ in VERBAL:
            return controller  # object control: "asked X to withdraw" (not "spent years killing")
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in VERBAL:
        controller = [c for c in head.head.children if c.dep_ == "dobj"]
        if controller:
            return controller  # "accused X of attacking", "blamed X for shelling": X attacks
    if dep in CLIMB or dep in ("prep", "pobj"):
        climb = head
        # "was unable to fulfil", "is ready to leave": through the adjective to the copula
        while climb.pos_ not in VERBAL and climb.dep_ in ("prep", "pobj", "pcomp", "acomp") and climb.head.i != climb.i:
            climb = climb.head
        if climb.pos_ in VERBAL:
            return subjects(climb, depth + 1)
    return []


def is_infinitive(verb: Token) -> bool:
    """A "to" clause: "urged X to leave", "sent troops to support Y"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def acts_on_each_other(verb: Token) -> bool:
    """The verb's object is "each other" or "one another": its coordinated subjects act on one another."""
    objects = [c for c in verb.children if c.dep_ == "dobj"] + [
        o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]  # "clashed with each other"
    return any({o.lower_, *(c.lower_ for c in o.children)} in RECIPROCAL for o in objects)


def is_that_clause(clause: Token) -> bool:
    """A clause opened by "that": "claims that X had supplied Y", "the demand that Y stop"."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def coordination_words(token: Token) -> set[str]:
    """The words that join the coordination a noun phrase belongs to ("and", "or", "nor", a
    "neither" or "either" opening it), read on its first conjunct: "Syrian or Russian airstrikes",
    "neither Ahrar al-Sham nor Jaysh al-Islam"."""
    while token.dep_ in ("compound", "flat", "amod") and token.head.i != token.i:
        token = token.head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    words = {c.lower_ for c in token.children if c.dep_ in ("cc", "preconj")}
    return words | {token.doc[token.left_edge.i].lower_}


def own_subjects(verb: Token) -> list[Token]:
    """The subjects a copula or verb states itself, without climbing to an outer clause
    ("De Mistura said 900 fighters were members of X": the members are not de Mistura)."""
    own = [_relative_or_self(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not own and (verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG")):
        return [verb.head]  # "the group that ...", "Moallem, speaking after talks with Lavrov, ..."
    if not own and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i:
        return own_subjects(verb.head)  # the same, where the participle hangs on the main verb
    return own


def predicate_subjects(verb: Token) -> list[Token]:
    """The subjects of the verb a predicative noun or adjective hangs from: a copula's own
    ("X said Y was a member": Y), any other verb's as `subjects` finds them."""
    return own_subjects(verb) if verb.lemma_ == "be" else subjects(verb)


def agents(verb: Token) -> list[Token]:
    """The "by X" of a passive verb."""
    out = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def patients(verb: Token) -> list[Token]:
    """Who undergoes a passive verb: its passive subject, or the noun a participle modifies."""
    own = [_relative_or_self(c) for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
    if own:
        return own
    if verb.dep_ in ("acl", "relcl", "amod") and verb.head.i != verb.i:
        return [verb.head]
    if verb.dep_ == "conj":
        return patients(verb.head)
    return []


def objects(verb: Token, preps: frozenset[str]) -> list[Token]:
    """Direct objects and datives of an active verb, and objects of the given prepositions."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "dative", "attr") and c.lower_ not in RELATIVE]
    out += [_relative_or_self(c) for c in verb.children if c.dep_ == "dobj" and c.lower_ in RELATIVE]
    out += prep_objects(verb, preps)
    if not out and _object_relative(verb):
        out.append(verb.head)
    return out


def _object_relative(verb: Token) -> bool:
    """A relative clause whose missing object is the noun it describes: "the Zenki group that Washington
    armed" (the parser may take "that" for a mark), "the faction it arms"; not "the group it worked with"."""
    children = list(verb.children)
    return verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in children) \
        and not any(c.dep_ == "prep" and not list(c.children) for c in children) \
        and any(c.dep_ == "nsubj" and not any(w.lower_ in RELATIVE or w.lower_ == "whose" for w in c.subtree)
                for c in children)  # not "X, whose leader refused"


VERB_PREPS = ("prep", "prt", "agent", "dative")
VERB_PREP_OBJECTS = ("pobj", "pcomp")


def prep_objects(token: Token, preps: frozenset[str], deps: tuple[str, ...] = VERB_PREPS,
                 objects: tuple[str, ...] = VERB_PREP_OBJECTS) -> list[Token]:
    """Objects of `token`'s prepositions `preps`, and of prepositions coordinated with them. A verb's
    prepositions also come as particles, agents and datives, their objects also as clauses; a
    noun's (deps=("prep",), objects=("pobj",)) only as prepositions with a noun phrase."""
    out = []
    for child in token.children:
        if child.dep_ in deps and child.lower_ in preps:
            for prep in (child, *child.conjuncts):  # "links to X or to Y"
                out.extend(c for c in prep.children if c.dep_ in objects)
            # "called on X": spaCy may attach X straight to the verb after the particle
            if child.dep_ == "prt":
                out.extend(c for c in token.children if c.dep_ == "dobj")
    return out


def governing_verb(token: Token, max_steps: int = 6) -> Token | None:
    """The verb a noun phrase belongs to, through prepositions and nominal chains
    ("his pledge of allegiance to" -> the verb of which "pledge" is the object)."""
    node = token
    for _ in range(max_steps):
        if node.head.i == node.i:
            return None
        if node.dep_ in ("nsubj", "nsubjpass", "appos", "compound", "amod", "poss", "npadvmod"):
            return None
        node = node.head
        if node.pos_ in VERBAL:
            return node
    return None


def listed_members(head: Token) -> list[Token]:
    """The named members of a generic group: "militias including X and Y", "groups such as X"."""
    out = []
    for prep in head.children:
        such_as = prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.children)
        if prep.dep_ == "prep" and (prep.lower_ == "including" or such_as):
            out += [o for o in prep.children if o.dep_ in ("pobj", "dobj")]
    return out
