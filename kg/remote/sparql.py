"""`kg query --endpoint URL`: a query over the SPARQL 1.1 protocol, printed as a local query is.

The query is POSTed as application/sparql-query. SELECT and ASK results come back as SPARQL
JSON and become a Table of rdflib terms (kg/outputs/query.py), so `--format` gives the same
table, CSV, TSV or JSON as a local query; CONSTRUCT and DESCRIBE come back as N-Triples or
Turtle, and become rows of (subject, predicate, object), sorted, as locally.
"""
from __future__ import annotations

import json
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..outputs.query import Table, check_read_only
from .client import Answer, Http, RemoteError

RESULTS_JSON = "application/sparql-results+json"
ACCEPT = f"{RESULTS_JSON}, application/n-triples;q=0.9, text/turtle;q=0.8"
GRAPH_SYNTAXES = {"application/n-triples": "nt", "text/plain": "nt", "text/turtle": "turtle"}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def query(endpoint: str, text: str, client: Http | None = None) -> Table:
    """Run a read-only query at the SPARQL endpoint `endpoint`."""
    check_read_only(text)
    answer = (client or Http([endpoint])).request(
        "POST", endpoint, "query", data=text.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT})
    return to_table(answer, endpoint)


def to_table(answer: Answer, endpoint: str) -> Table:
    if answer.media_type in (RESULTS_JSON, "application/json"):
        return _results(json.loads(answer.body.decode("utf-8")))
    syntax = GRAPH_SYNTAXES.get(answer.media_type)
    if syntax is None:
        raise RemoteError(f"query: {endpoint} answered in {answer.media_type}, not SPARQL JSON results or RDF")
    graph = Graph().parse(data=answer.body.decode("utf-8"), format=syntax)
    rows = sorted((list(triple) for triple in graph), key=lambda row: [term.n3() for term in row])
    return Table(["subject", "predicate", "object"], rows)


def _results(data: dict[str, Any]) -> Table:
    if "boolean" in data:
        return Table(["ask"], [[bool(data["boolean"])]])
    columns = list(data["head"]["vars"])
    rows = [[term(binding[c]) if c in binding else None for c in columns] for binding in data["results"]["bindings"]]
    return Table(columns, rows)


def term(binding: dict[str, str]) -> Node:
    """A term of SPARQL JSON results as rdflib has it; a plain string as the local store gives it."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if binding.get("xml:lang"):
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype != XSD_STRING:
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)  # "literal", and "typed-literal" of older stores
