"""Polarity, attribution and hedging of a claim, from where its trigger stands in the parse.

Polarity: each negation on the way from the trigger up to its clause ("not", "never",
"no longer", "no support") and each verb that negates its complement ("refused to",
"declined to", "denied") flips it; so "declined to renounce his pledge" stays positive.
Attribution: the first reporting verb above the trigger ("X said that ...", a quote
followed by "X said") gives the speaker; "according to X" anywhere in the sentence too.
Confidence: hedges on the path ("allegedly", "may", "reportedly") multiply it down.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..cues import Cues
from .clauses import is_that_clause

COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "oprd"})
CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj", "dobj", "oprd"})


@dataclass(frozen=True)
class Stance:
    negated: bool
    speaker_token: Token | None
    hedge: float
    intent: bool = False  # the act is only wanted, planned or threatened
    alleged: bool = False  # a speaker reports it with a verb of allegation
    requested: bool = False  # the act is only asked for ("urged X to attack Y"): not asserted


def _negations(token: Token, cues: Cues) -> int:
    count = 0
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"
                                   and token.lemma_.lower() not in cues.certainty_nouns):  # not "no secret of"
            count += 1
        elif child.dep_ == "advmod" and child.lower_ in cues.ending_adverbs and any(
            g.lower_ == "no" for g in child.children
        ):
            count += 1
        elif child.dep_ in ("advmod", "preconj") and child.lower_ in cues.negations and child.lower_ != "no":
            count += 1
    return count


def _negates(verb: Token, cues: Cues) -> bool:
    """The verb negates its complement: "refused to", "denied", or a phrasal verb ("ruled out arming X")."""
    lemma = verb.lemma_.lower()
    if lemma in cues.negative_verbs:
        return True
    return any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in cues.negative_verbs for c in verb.children)


def _participle_after_comma(clause: Token) -> bool:
    """", dismissing the reports": an -ing clause set off by a comma adds to the sentence; the
    negation of the verb it hangs from is not its own."""
    if clause.dep_ != "advcl" or clause.tag_ != "VBG" or clause.left_edge.i == 0:
        return False
    return clause.doc[clause.left_edge.i - 1].text == ","


def _hedge(token: Token, cues: Cues) -> float:
    factor = 1.0
    for child in token.children:
        if child.dep_ in ("aux", "advmod", "amod") and child.lower_ in cues.hedges:
            factor *= cues.hedges[child.lower_]
    return factor


def stance(trigger: Token, cues: Cues, in_noun_phrase: bool = False,
           constitutive: frozenset[str] = frozenset()) -> Stance:
    """Walk from the trigger to the root of its sentence, collecting flips, hedges and a speaker.

    `in_noun_phrase`: the relation is stated inside a noun phrase ("al-Qaeda leader X",
    "the al-Qaeda-linked group"), so what the clause around it denies is not about it.
    `constitutive`: verbs that are part of the expression itself ("break relations with"), not a negation of it.
    """
    intent = alleged = reported = requested = False
    # "denied Syrian allegations that ...": what is denied is what the allegation says, not that it was made
    made = trigger.lemma_.lower() in cues.reporting_nouns
    endings = 0  # verbs on the way that end the act ("stopped shelling"), each a flip
    flips = _negations(trigger, cues)
    hedge = _hedge(trigger, cues)
    node = trigger
    speaker: Token | None = None
    steps = 0
    while node.head.i != node.i and steps < 12:
        child, node = node, node.head
        if _semicolon_between(child, node) or _cleft(child, node):
            break  # "X called on Y to leave; Z has refused": two sentences, whatever the parse
        if node.lower_ == "without" and node.dep_ == "prep" and child.dep_ == "pobj":
            flips += 1  # "took the town without Russian air support"
        steps += 1
        lemma = node.lemma_.lower()
        if node.pos_ in ("VERB", "AUX") and child.dep_ in CONTENT_DEPS | {"pobj", "prep", "pcomp"}:
            negates = _negates(node, cues)
            if lemma in cues.reporting_verbs and child.dep_ in ("ccomp", "parataxis", "dobj", "oprd", "advcl"):
                if made and child.i == trigger.i:
                    break  # the text reports that the allegation was made: its own claim
                speaker = _subject(node)
                alleged = lemma in cues.allegation_verbs
                if not in_noun_phrase:  # "denied bombing the U.S.-backed SDF": the backing is not denied
                    flips += _negations(node, cues) if not negates else 0
                    if negates and lemma != "reject":
                        flips += 1
                break
            if lemma in cues.intent_verbs and child.dep_ in ("xcomp", "ccomp"):
                intent = True
            if lemma in cues.request_verbs and child.dep_ in ("xcomp", "ccomp", "advcl"):
                # "urged X to stop shelling Y" presupposes the shelling; "urged X to shell Y" asserts none
                flips -= endings
                requested = not endings
                endings = 0
            if negates and child.dep_ in COMPLEMENT_DEPS and not in_noun_phrase \
                    and not (child.dep_ == "prep" and child.lower_ in cues.adjunct_prepositions) \
                    and lemma not in constitutive and not (made and child.i == trigger.i):
                flips += 1  # "refused to back X", "denied supporting X" (not "rejected ..., days after they attacked")
                endings += lemma in cues.ending_verbs
                if reported:  # "X rejected allegations that ...": X says it is not so
                    speaker = _subject(node)
                    break
            if lemma in cues.modal_verbs:
                hedge *= 0.85
        # "did not want X and hoped Y", "had not targeted X, dismissing Y": the "not" is the first verb's
        # "..., not the US-led coalition": that "not" sets the apposition against its head (see extract._denied)
        if not in_noun_phrase and child.dep_ not in ("conj", "appos") and not _participle_after_comma(child):
            flips += _negations(node, cues) if node.pos_ in ("VERB", "AUX", "NOUN", "ADJ") else 0
        hedge *= _hedge(node, cues)
        if child.dep_ == "acl" and _content_clause(child, node, cues):
            reported = True
            continue  # "denied reports that it had sent troops": what the reports say is what is denied
        if child.dep_ in ("nsubj", "nsubjpass", "relcl", "acl", "appos"):
            if child.dep_ == "nsubj" and _called_false(node, cues):
                flips += 1  # "reports of Russian bombing are all false"
            speaker = _reporter_above(node, cues)
            break  # the trigger sits in a noun phrase of this clause: the clause's own stance is not the trigger's
    if speaker is None:
        speaker = _trailing_speaker(trigger, cues) or _according_to(trigger, cues) or _headline_speaker(trigger)
    return Stance(flips % 2 == 1, speaker, hedge, intent, alleged, requested)


def _cleft(clause: Token, verb: Token) -> bool:
    """"It was Russia's support for X, not Y, that broke the siege": the parser hangs "It was ..." on the
    verb of the relative clause, which says nothing about the support."""
    return clause.dep_ == "ccomp" and clause.lemma_ == "be" and clause.i < verb.i \
        and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children) \
        and any(c.dep_ == "nsubj" and c.lower_ in ("that", "who", "which") for c in verb.children)


def _semicolon_between(clause: Token, head: Token) -> bool:
    if clause.dep_ not in ("ccomp", "parataxis", "advcl", "xcomp", "conj"):
        return False  # only clauses: the steps inside a noun phrase need no look
    low, high = sorted((clause.right_edge.i if clause.i < head.i else clause.left_edge.i, head.i))
    return any(t.text == ";" for t in clause.doc[low + 1:high])


def _reporter_above(node: Token, cues: Cues) -> Token | None:
    """Who reports the clause a noun phrase sits in: the phrase is in their words too ("Moscow said
    that the White Helmets, funded by London, staged the attack": Moscow says London funds them)."""
    for _ in range(12):
        if node.head.i == node.i:
            return None
        child, node = node, node.head
        if node.lemma_.lower() in cues.reporting_verbs and node.pos_ in ("VERB", "AUX") \
                and child.dep_ in ("ccomp", "parataxis"):
            return _subject(node)
    return None


def _content_clause(clause: Token, noun: Token, cues: Cues) -> bool:
    """A "that" clause saying what a report or an allegation says ("claims that X had supplied Y")."""
    return noun.lemma_.lower() in cues.reporting_nouns and is_that_clause(clause)


def _called_false(verb: Token, cues: Cues) -> bool:
    """The clause says its subject is false: "... are all false", "... is a fabrication"."""
    return any(c.dep_ in ("acomp", "attr", "oprd") and c.lemma_.lower() in cues.falsity_words for c in verb.children)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _trailing_speaker(trigger: Token, cues: Cues) -> Token | None:
    """'"...," he said.': the reporting verb hangs off the quoted clause as parataxis or ccomp."""
    root = trigger.sent.root
    for child in root.children:
        if child.dep_ in ("parataxis", "ccomp") and child.lemma_.lower() in cues.reporting_verbs and child.i > trigger.i:
            if not any(c.dep_ in ("ccomp", "dobj") for c in child.children):
                return _subject(child)
    return None


def _headline_speaker(trigger: Token) -> Token | None:
    """'De Mistura: al-Qaeda must leave E. Aleppo': a name and a colon open a quoted line."""
    sent = trigger.sent
    for token in sent[:6]:
        if token.text == ":" and token.i > sent.start and token.i < trigger.i:
            before = sent.doc[sent.start:token.i]
            if all(t.pos_ in ("PROPN", "PUNCT", "DET", "ADJ") for t in before):
                return before.root
    return None


def _according_to(trigger: Token, cues: Cues) -> Token | None:
    """"according to X", or a point of view that opens the sentence: "For Russia, ISIL is a minor
    annoyance", "In Moscow's view, ...", "From the Russian point of view, ..."."""
    return _source(trigger) or _viewpoint(trigger, cues)


def _viewpoint(trigger: Token, cues: Cues) -> Token | None:
    sent = trigger.sent
    opening = next((t for t in sent if t.dep_ not in ("cc", "advmod", "punct")), None)
    if opening is None or opening.lower_ not in ("for", "in", "from") or opening.dep_ != "prep":
        return None
    after = opening.right_edge.i + 1
    if after >= len(sent.doc) or sent.doc[after].text != ",":
        return None  # the phrase stands apart: "For Russia, ..."
    for pobj in (c for c in opening.children if c.dep_ == "pobj"):
        if opening.lower_ == "for":
            return pobj
        if pobj.lemma_.lower() in cues.view_nouns:  # "In Moscow's view", "from the Russian point of view"
            owner = [c for c in pobj.children if c.dep_ in ("poss", "amod", "compound")] or [
                o for p in pobj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            return owner[0] if owner else None
    return None


def _source(trigger: Token) -> Token | None:
    for token in trigger.sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            pobj = [c for c in token.nbor().children if c.dep_ == "pobj"] or [
                c for c in token.children if c.dep_ == "prep" for c in c.children if c.dep_ == "pobj"
            ]
            if pobj:
                return pobj[0]
    return None
