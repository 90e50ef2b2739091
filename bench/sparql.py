"""SPARQL latency on a generated graph of N claims shaped like `kg build` output.

    python -m bench.sparql --claims 1000000 --repeats 20 --store DIR

The graph is written straight into an Oxigraph store as `kg build` lays it out (kg/store.py):
one named graph per document (document, NIF context, sentences, reified claims with polarity,
confidence, asserter, rule, trigger and statement node, the plain triple of positive claims), a
shared graph of actors (class, labels, mention count, Wikidata link, profile pages) and places,
and their union in the default graph. Actors are drawn from a Zipf law, as in news (the most
frequent actor takes part in ~20 % of the claims, Russia in 25 % of the seeds' claims);
relations in the proportions of the seeds; 6 % of claims negative. Contexts carry a short text
instead of a whole article (it changes the size on disk, not the query plans).
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from kg.api import named_queries
from kg.graph.iris import entity_iri, statement_iri
from kg.graph.profiles import ClaimKey, profile_triples
from kg.store import GraphStore

B = "https://w3id.org/actorkg/"
AKG, RDF = B + "ontology#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV, SKOS = "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#"
DCT, OWL, XSD = "http://purl.org/dc/terms/", "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#"
RELATIONS = {"memberOf": 30, "leaderOf": 17, "attacks": 16, "alliedWith": 15, "requests": 14, "supports": 10,
             "affiliatedWith": 9, "opposes": 8, "meetsWith": 7, "rejects": 5, "allegianceTo": 2, "accuses": 2}
KINDS = {"Person": 0.30, "Organization": 0.28, "State": 0.20, "ArmedGroup": 0.15, "InternationalOrganization": 0.07}
CLAIMS_PER_DOC = 25
CLAIMS_PER_SENTENCE = 1.3
ACTORS, PLACES = 5000, 1000
CHUNK = 2_000_000  # lines per bulk load
SLOW = 2.0

# The three canonical queries are the named queries users run (ontology/queries/), as `kg query` binds them.
QUERIES = {
    "claims of one relation for an actor, with sentences": ("claims-of", {"relation": "supports"}),
    "claims per relation and counterpart for an actor": ("actor-profile", {}),
    "an actor's claims asserted in one document, denied in another": ("contested-of", {}),
}


COUNT = """SELECT (COUNT(*) AS ?n) WHERE {
  { ?c <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> $actor } UNION { ?c <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> $actor } }"""
RANKS = (1, 10, 50, 200)  # the actors whose queries are timed, by frequency rank


def label(rank: int) -> str:
    return f"Actor {rank + 1}"


def lines(claims: int, seed: int = 17) -> Iterator[str]:
    """N-Quads of the whole dataset, union included."""
    rng = np.random.default_rng(seed)
    shared = f"<{B}graph/shared>"
    zipf = 1.0 / np.arange(1, ACTORS + 1)
    zipf /= zipf.sum()
    kinds = rng.choice(list(KINDS), size=ACTORS, p=list(KINDS.values()))
    mentions = np.maximum(1, (zipf * claims * 6).astype(int))
    for rank in range(ACTORS):
        a = f"<{B}actor/a{rank + 1}>"
        for p, o in ((f"<{RDF}type>", f"<{AKG}{kinds[rank]}>"), (f"<{SKOS}prefLabel>", f'"{label(rank)}"'),
                     (f"<{SKOS}altLabel>", f'"A{rank + 1}"'), (f"<{AKG}mentionCount>", f'"{mentions[rank]}"^^<{XSD}integer>'),
                     (f"<{OWL}sameAs>", f"<http://www.wikidata.org/entity/Q{1000 + rank}>")):
            yield f"{a} {p} {o} {shared} .\n{a} {p} {o} .\n"
    for number in range(PLACES):
        place = f"<{B}place/p{number}>"
        yield (f"{place} <{RDF}type> <{AKG}Place> {shared} .\n{place} <{RDF}type> <{AKG}Place> .\n"
               f'{place} <{SKOS}prefLabel> "Place {number}" {shared} .\n{place} <{SKOS}prefLabel> "Place {number}" .\n')
    relations = list(RELATIONS)
    weights = np.array(list(RELATIONS.values()), dtype=float)
    counts: Counter[ClaimKey] = Counter()
    for first in range(0, claims, CLAIMS_PER_DOC):
        count = min(CLAIMS_PER_DOC, claims - first)
        yield from _document(rng, first // CLAIMS_PER_DOC, count, zipf, relations, weights / weights.sum(), counts)
    labels = {f"a{rank + 1}": label(rank) for rank in range(ACTORS)}
    labels.update({f"place:p{number}": f"Place {number}" for number in range(PLACES)})
    page: list[str] = []
    for triple in profile_triples(counts, labels, [f"a{rank + 1}" for rank in range(ACTORS)]):
        text = " ".join(term.n3() for term in triple)
        page.append(f"{text} {shared} .\n{text} .\n")
        if len(page) >= 10_000:
            yield "".join(page)
            page = []
    yield "".join(page)


def _document(rng: np.random.Generator, number: int, count: int, zipf: np.ndarray, relations: list[str],
              weights: np.ndarray, counts: Counter[ClaimKey]) -> Iterator[str]:
    name = f"d{number:07d}.txt"
    d, g = f"<{B}doc/{name}>", f"<{B}graph/{name}>"
    ctx = f"<{B}doc/{name}#context>"
    out = []

    def add(s: str, p: str, o: str) -> None:
        out.append(f"{s} {p} {o} {g} .\n{s} {p} {o} .\n")

    add(d, f"<{RDF}type>", f"<{AKG}Document>")
    add(d, f"<{DCT}identifier>", f'"{name}"')
    add(d, f"<{AKG}contentHash>", f'"sha256:{number:064x}"')
    add(d, f"<{DCT}title>", f'"Report {number}"')
    add(ctx, f"<{RDF}type>", f"<{NIF}Context>")
    add(ctx, f"<{NIF}isString>", f'"Text of report {number}, about two hundred characters in the real thing."')
    add(ctx, f"<{AKG}document>", d)
    subjects = rng.choice(ACTORS, size=count, p=zipf)
    objects = rng.choice(ACTORS, size=count, p=zipf)
    places = rng.random(count) < 0.15
    negative = rng.random(count) < 0.06
    kinds = rng.choice(len(relations), size=count, p=weights)
    sentences = max(1, int(count / CLAIMS_PER_SENTENCE))
    for k in range(count):
        start = 200 * (k % sentences)
        sentence = f"<{B}doc/{name}#char={start},{start + 150}>"
        if k < sentences:
            add(sentence, f"<{RDF}type>", f"<{NIF}Sentence>")
            add(sentence, f"<{NIF}anchorOf>", f'"Sentence {k} of report {number}, where one actor does something."')
            add(sentence, f"<{NIF}beginIndex>", f'"{start}"^^<{XSD}nonNegativeInteger>')
            add(sentence, f"<{NIF}endIndex>", f'"{start + 150}"^^<{XSD}nonNegativeInteger>')
            add(sentence, f"<{NIF}referenceContext>", ctx)
            add(sentence, f"<{AKG}section>", '"body"')
        c = f"<{B}doc/{name}#claim-{k}>"
        subject = f"a{subjects[k] + 1}"
        obj = f"place:p{objects[k] % PLACES}" if places[k] else f"a{objects[k] + 1}"
        relation, polarity = relations[kinds[k]], "negative" if negative[k] else "positive"
        counts[subject, relation, obj, polarity] += 1
        s, o, p = entity_iri(subject).n3(), entity_iri(obj).n3(), f"<{AKG}{relation}>"
        for predicate, value in ((f"<{RDF}type>", f"<{AKG}Claim>"), (f"<{RDF}subject>", s), (f"<{RDF}predicate>", p),
                                 (f"<{RDF}object>", o), (f"<{AKG}statement>", statement_iri(subject, relation, obj).n3()),
                                 (f"<{AKG}polarity>", f'"{polarity}"'),
                                 (f"<{AKG}confidence>", f'"0.{70 + k % 30}"^^<{XSD}decimal>'), (f"<{AKG}assertedBy>", d),
                                 (f"<{PROV}wasDerivedFrom>", sentence), (f"<{AKG}rule>", '"generated"'),
                                 (f"<{AKG}trigger>", '"does"'),
                                 (f"<{AKG}triggerBegin>", f'"{start + 10}"^^<{XSD}nonNegativeInteger>'),
                                 (f"<{AKG}triggerEnd>", f'"{start + 14}"^^<{XSD}nonNegativeInteger>')):
            add(c, predicate, value)
        if not negative[k]:
            add(s, p, o)
    yield "".join(out)


def generate(store_dir: Path, claims: int) -> dict[str, float]:
    started = time.perf_counter()
    store = GraphStore.open(store_dir)
    quads = 0
    with tempfile.TemporaryDirectory(dir=store_dir) as scratch:
        chunk: list[str] = []
        size = 0
        for text in lines(claims):
            chunk.append(text)
            size += text.count("\n")
            if size >= CHUNK:
                quads += _load(store, Path(scratch), chunk)
                chunk, size = [], 0
        quads += _load(store, Path(scratch), chunk)
    store.compact()  # as kg build does at its end
    store.close()
    return {"claims": claims, "quads_with_union": quads, "seconds": time.perf_counter() - started}


def _load(store: GraphStore, scratch: Path, chunk: list[str]) -> int:
    path = scratch / "chunk.nq"
    text = "".join(chunk)
    path.write_text(text, encoding="utf-8")
    store.bulk_load(path)
    return text.count("\n")


def time_queries(store_dir: Path, repeats: int, actors: list[int]) -> list[dict[str, object]]:
    """Median and p95 of `repeats` runs after a first one (not counted: caches warm); a query
    whose first run takes more than SLOW seconds is run twice more, not `repeats` times."""
    store = GraphStore.open_read_only(store_dir)
    named = named_queries()
    out = []
    for rank in actors:
        involved = int(store.select(COUNT.replace("$actor", f"<{B}actor/a{rank + 1}>"))[1][0][0])
        for title, (name, params) in QUERIES.items():
            text = named[name].bind({"actor": label(rank).lower(), **params})  # matched whatever the case
            started = time.perf_counter()
            rows = len(store.select(text)[1])
            runs = repeats if time.perf_counter() - started < SLOW else 2
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                store.select(text)
                times.append(1000 * (time.perf_counter() - started))
            times.sort()
            out.append({"query": f"{title} ({name})", "actor": label(rank), "actor_rank": rank + 1, "rows": rows,
                        "claims_of_actor": involved, "runs": runs, "median_ms": statistics.median(times),
                        "p95_ms": times[math.ceil(0.95 * len(times)) - 1]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--store", type=Path, required=True, help="an empty folder for the generated store")
    args = parser.parse_args()
    made = generate(args.store, args.claims)
    made["queries"] = time_queries(args.store, args.repeats, actors=[rank - 1 for rank in RANKS])
    print(json.dumps(made))


if __name__ == "__main__":
    main()
