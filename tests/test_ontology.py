"""The data in ontology/ is consistent with itself and with the code that reads it."""
from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.actors.gazetteer import load_gazetteer
from kg.graph.namespaces import AKG
from kg.relations.lexicon import load_lexicon
from kg.settings import Settings
from kg.types import RELATIONS

SETTINGS = Settings()
ONTOLOGY = Graph().parse(SETTINGS.path("akg.ttl"))
BASE = "https://w3id.org/actorkg/ontology#"


def test_the_twelve_relations_are_declared_with_label_definition_domain():
    for name in RELATIONS:
        prop = URIRef(BASE + name)
        assert (prop, RDF.type, OWL.ObjectProperty) in ONTOLOGY, name
        assert ONTOLOGY.value(prop, RDFS.label) is not None, name
        assert ONTOLOGY.value(prop, SKOS.definition) is not None, name
        assert ONTOLOGY.value(prop, RDFS.domain) is not None, name


def test_alliance_and_meetings_are_symmetric_and_nothing_else_is():
    symmetric = {str(s)[len(BASE):] for s in ONTOLOGY.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == {"alliedWith", "meetsWith"}


def test_the_closed_namespace_matches_the_ontology():
    declared = {str(s)[len(BASE):] for s in ONTOLOGY.subjects() if str(s).startswith(BASE)}
    in_code = set(AKG.__annotations__) | set(AKG._extras)
    assert in_code == declared


def test_every_relation_has_lexicon_rows_and_every_row_an_example():
    lexicon = load_lexicon(SETTINGS.path("relations.yaml"))
    assert {row.relation for row in lexicon.rows} >= set(RELATIONS)
    assert all(row.examples for row in lexicon.rows)


def test_the_gazetteer_is_broad_and_typed():
    gazetteer = load_gazetteer(SETTINGS.ontology)
    assert len(gazetteer.actors) >= 150
    kinds = {entry.type for entry in gazetteer.actors.values()}
    assert kinds == {"Person", "ArmedGroup", "State", "InternationalOrganization", "Organization"}
    wikidata = [entry.wikidata for entry in gazetteer.actors.values() if entry.wikidata]
    assert len(wikidata) == len(set(wikidata)), "one Wikidata item on two actors"
    for entry in gazetteer.actors.values():
        for whole in entry.member_of:
            assert whole in gazetteer.actors, (entry.key, whole)
    assert len(gazetteer.places) >= 100
