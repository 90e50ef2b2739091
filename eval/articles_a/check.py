#!/usr/bin/env python3
"""Sanity checks for the articles_a gold set.

    python check.py            (run from anywhere)

Checks: every quote occurs verbatim in its document (and on one line, i.e. inside
one paragraph); body claims lie before the comment marker and comment claims after
it; every entity id used (subject, object, asserted_by, part_of) exists; every
relation / alt relation is one of the 12; polarity is positive/negative; each
sections marker occurs in its document; documents are UTF-8 without BOM and have
450-800 words; no duplicate gold lines; entity ids unique.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
RELATIONS = {
    "allegianceTo", "affiliatedWith", "alliedWith", "supports", "opposes", "attacks",
    "requests", "rejects", "accuses", "meetsWith", "leaderOf", "memberOf",
}
TYPES = {"Person", "ArmedGroup", "State", "InternationalOrganization", "Organization"}
KEYS = {"doc", "quote", "subject", "relation", "object", "polarity", "asserted_by"}

errors: list[str] = []


def err(msg: str) -> None:
    errors.append(msg)


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(f"{path.name}:{n}: bad JSON ({e})")
    return rows


entities = load_jsonl(HERE / "articles_a.entities.jsonl")
ids = [e["id"] for e in entities]
if len(ids) != len(set(ids)):
    err("duplicate entity ids: " + str(sorted({i for i in ids if ids.count(i) > 1})))
ids = set(ids)
for e in entities:
    for k in ("id", "name", "type", "aliases", "wikidata", "part_of"):
        if k not in e:
            err(f"entity {e.get('id')}: missing key {k}")
    if e.get("type") not in TYPES:
        err(f"entity {e['id']}: bad type {e.get('type')}")
    if e.get("part_of") and e["part_of"] not in ids:
        err(f"entity {e['id']}: part_of unknown {e['part_of']}")
    if e.get("wikidata") and not str(e["wikidata"]).startswith("Q"):
        err(f"entity {e['id']}: bad wikidata {e['wikidata']}")

sections = json.loads((HERE / "articles_a.sections.json").read_text(encoding="utf-8"))
texts, body_end = {}, {}
for doc, marker in sections.items():
    p = DOCS / doc
    if not p.exists():
        err(f"sections: missing document {doc}")
        continue
    raw = p.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        err(f"{doc}: has a BOM")
    text = raw.decode("utf-8")
    texts[doc] = text
    body_end[doc] = len(text)
    if marker is not None:
        i = text.find(marker)
        if i < 0:
            err(f"{doc}: sections marker {marker!r} not found")
        else:
            body_end[doc] = i
            if text[i - 1:i] != "\n" or text[i + len(marker):i + len(marker) + 1] != "\n":
                err(f"{doc}: marker {marker!r} is not a line of its own")
    words = len(text[:body_end[doc]].split())
    if not 450 <= words <= 800:
        err(f"{doc}: article body has {words} words (want 450-800)")

for p in sorted(DOCS.glob("*.txt")):
    if p.name not in sections:
        err(f"{p.name}: not listed in sections.json")


def check_claims(fname: str, in_comments: bool) -> list[dict]:
    rows = load_jsonl(HERE / fname)
    seen = set()
    for n, c in enumerate(rows, 1):
        where = f"{fname}:{n}"
        missing = KEYS - c.keys()
        if missing:
            err(f"{where}: missing keys {sorted(missing)}")
            continue
        extra = c.keys() - KEYS - {"alt_relations"}
        if extra:
            err(f"{where}: unexpected keys {sorted(extra)}")
        if c["relation"] not in RELATIONS:
            err(f"{where}: bad relation {c['relation']}")
        for a in c.get("alt_relations", []):
            if a not in RELATIONS or a == c["relation"]:
                err(f"{where}: bad alt relation {a}")
        if c["polarity"] not in ("positive", "negative"):
            err(f"{where}: bad polarity {c['polarity']}")
        for role in ("subject", "object", "asserted_by"):
            v = c[role]
            if v is None and role == "asserted_by":
                continue
            if v not in ids:
                err(f"{where}: unknown {role} {v!r}")
        if c["subject"] == c["object"]:
            err(f"{where}: subject equals object")
        text = texts.get(c["doc"])
        if text is None:
            err(f"{where}: unknown doc {c['doc']}")
            continue
        q = c["quote"]
        i = text.find(q)
        if i < 0:
            err(f"{where}: quote not in {c['doc']}: {q!r}")
            continue
        if "\n" in q:
            err(f"{where}: quote spans lines: {q!r}")
        after_marker = i >= body_end[c["doc"]]
        if after_marker != in_comments:
            err(f"{where}: quote is in the {'comments' if after_marker else 'body'}, "
                f"expected {'comments' if in_comments else 'body'}: {q!r}")
        key = (c["doc"], q, c["subject"], c["relation"], c["object"], c["polarity"])
        if key in seen:
            err(f"{where}: duplicate line")
        seen.add(key)
    return rows


gold = check_claims("articles_a.gold.jsonl", in_comments=False)
comments = check_claims("articles_a.comments.jsonl", in_comments=True) \
    if (HERE / "articles_a.comments.jsonl").exists() else []

used = {c[r] for c in gold + comments for r in ("subject", "object", "asserted_by") if c[r]}
unused = ids - used - {e["part_of"] for e in entities if e["part_of"]}
if unused:
    print("note: entities used by no claim (kept as organs/aliases):", sorted(unused))

if errors:
    print(f"{len(errors)} problem(s):")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print(f"OK: {len(entities)} entities, {len(gold)} gold claims, {len(comments)} comment claims, "
      f"{len(sections)} documents")
