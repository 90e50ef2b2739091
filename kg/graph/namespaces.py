"""The namespaces of the graph. AKG is closed: a misspelt term (AKG.suports) is an error,
and tests/test_ontology.py keeps its terms in step with ontology/akg.ttl."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/actorkg/"


class AKG(DefinedNamespace):
    _NS = Namespace(BASE + "ontology#")
    _fail = True
    _extras = ["from"]  # a Python keyword: reach it as AKG["from"]

    Actor: object
    Person: object
    ArmedGroup: object
    State: object
    InternationalOrganization: object
    Organization: object
    Place: object
    Population: object
    Commenter: object
    Relation: object
    Claim: object
    Document: object
    Renaming: object
    Description: object
    QuantityClaim: object
    allegianceTo: object
    affiliatedWith: object
    alliedWith: object
    supports: object
    opposes: object
    attacks: object
    requests: object
    rejects: object
    accuses: object
    meetsWith: object
    leaderOf: object
    memberOf: object
    polarity: object
    confidence: object
    assertedBy: object
    rule: object
    trigger: object
    triggerBegin: object
    triggerEnd: object
    statement: object
    profilePage: object
    ProfilePage: object
    pageNumber: object
    row: object
    ProfileRow: object
    rank: object
    side: object
    counterpart: object
    claimPolarity: object
    claimCount: object
    document: object
    contentHash: object
    encoding: object
    sourceFile: object
    section: object
    comment: object
    mentionCount: object
    formerName: object
    newName: object
    actor: object
    renaming: object
    describedAs: object
    descriptor: object
    demonym: object
    seat: object
    gender: object
    leader: object
    role: object
    title: object
    of: object
    relation: object
    until: object
    counted: object
    value: object
    minValue: object
    maxValue: object
    about: object
    place: object


ACTOR = Namespace(BASE + "actor/")
PLACE = Namespace(BASE + "place/")
DOC = Namespace(BASE + "doc/")
GRAPH = Namespace(BASE + "graph/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")
