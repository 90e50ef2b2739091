#!/usr/bin/env python3
"""Consistency checks for the articles_b gold set (run: python check.py)."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
RELATIONS = {"allegianceTo", "affiliatedWith", "alliedWith", "supports", "opposes", "attacks",
             "requests", "rejects", "accuses", "meetsWith", "leaderOf", "memberOf"}
TYPES = {"Person", "ArmedGroup", "State", "InternationalOrganization", "Organization"}


def main() -> int:
    errors: list[str] = []
    ents = {}
    for n, line in enumerate((HERE / "articles_b.entities.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        e = json.loads(line)
        for k in ("id", "name", "type", "aliases", "wikidata", "part_of"):
            if k not in e:
                errors.append(f"entities:{n}: missing key {k}")
        if e["id"] in ents:
            errors.append(f"entities:{n}: duplicate id {e['id']}")
        if e["type"] not in TYPES:
            errors.append(f"entities:{n}: bad type {e['type']}")
        if e["wikidata"] is not None and not re.fullmatch(r"Q\d+", e["wikidata"]):
            errors.append(f"entities:{n}: bad wikidata {e['wikidata']}")
        ents[e["id"]] = e
    for e in ents.values():
        if e["part_of"] and e["part_of"] not in ents:
            errors.append(f"entity {e['id']}: part_of unknown {e['part_of']}")

    sections = json.loads((HERE / "articles_b.sections.json").read_text(encoding="utf-8"))
    texts = {}
    for doc in sorted(p.name for p in DOCS.glob("*.txt")):
        raw = (DOCS / doc).read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            errors.append(f"{doc}: has a BOM")
        texts[doc] = (DOCS / doc).open(encoding="utf-8", newline="").read()
        words = len(texts[doc].split())
        if not 450 <= words <= 800:
            errors.append(f"{doc}: {words} words (want 450-800)")
        if doc not in sections:
            errors.append(f"{doc}: missing from sections.json")
    body_end = {}
    for doc, marker in sections.items():
        if doc not in texts:
            errors.append(f"sections.json: unknown doc {doc}")
            continue
        if marker is None:
            body_end[doc] = len(texts[doc])
        elif marker not in texts[doc]:
            errors.append(f"sections.json: marker {marker!r} not in {doc}")
        else:
            body_end[doc] = texts[doc].find(marker)

    def read_jsonl(name):
        path = HERE / name
        if not path.exists():
            return []
        return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]

    # articles_b.gold.jsonl is what score.py reads: article bodies only (SCHEMA section 4).
    # articles_b.comment_claims.jsonl holds the comment-section claims, same format, not scored.
    body_gold = read_jsonl("articles_b.gold.jsonl")
    comment_gold = read_jsonl("articles_b.comment_claims.jsonl")
    gold = body_gold + comment_gold
    seen = set()
    for n, c in enumerate(gold, 1):
        where = f"gold:{n}"
        for k in ("doc", "quote", "subject", "relation", "object", "polarity", "asserted_by"):
            if k not in c:
                errors.append(f"{where}: missing key {k}")
        if c["doc"] not in texts:
            errors.append(f"{where}: unknown doc {c['doc']}")
            continue
        text = texts[c["doc"]]
        if c["quote"] not in text:
            errors.append(f"{where}: quote not in {c['doc']}: {c['quote'][:60]!r}")
        elif "\n" in c["quote"]:
            errors.append(f"{where}: quote spans a line break")
        for role in ("subject", "object", "asserted_by"):
            if c.get(role) is not None and c[role] not in ents:
                errors.append(f"{where}: unknown entity {role}={c[role]!r}")
        if c["relation"] not in RELATIONS:
            errors.append(f"{where}: bad relation {c['relation']}")
        for a in c.get("alt_relations", []):
            if a not in RELATIONS or a == c["relation"]:
                errors.append(f"{where}: bad alt_relation {a}")
        if c["polarity"] not in ("positive", "negative"):
            errors.append(f"{where}: bad polarity {c['polarity']}")
        if c["subject"] == c["object"]:
            errors.append(f"{where}: subject equals object")
        # claims in a comment section must be asserted by a commenter, body claims never by one
        pos = text.find(c["quote"])
        in_comment = pos >= body_end.get(c["doc"], len(text))
        if in_comment and not c.get("asserted_by"):
            errors.append(f"{where}: comment claim without asserted_by")
        key = (c["doc"], c["quote"], c["subject"], c["relation"], c["object"], c["polarity"])
        if key in seen:
            errors.append(f"{where}: duplicate claim")
        seen.add(key)
    commenters = {c["asserted_by"] for c in gold if c.get("asserted_by")
                  and texts[c["doc"]].find(c["quote"]) >= body_end.get(c["doc"], 10**9)}
    for n, c in enumerate(gold, 1):
        if c.get("asserted_by") in commenters and texts[c["doc"]].find(c["quote"]) < body_end[c["doc"]]:
            errors.append(f"gold:{n}: body claim asserted by commenter {c['asserted_by']}")

    for n, c in enumerate(body_gold, 1):
        if c["doc"] in texts and texts[c["doc"]].find(c["quote"]) >= body_end.get(c["doc"], 10**9):
            errors.append(f"gold:{n}: comment-section claim in the scored gold file")
    for n, c in enumerate(comment_gold, 1):
        if c["doc"] in texts and texts[c["doc"]].find(c["quote"]) < body_end.get(c["doc"], 0):
            errors.append(f"comment_claims:{n}: body claim in the comment file")
    for e in errors:
        print("ERROR", e)
    per_doc = Counter(c["doc"] for c in gold)
    body = Counter(c["doc"] for c in gold if texts[c["doc"]].find(c["quote"]) < body_end[c["doc"]])
    print("claims per doc (all / body):", {d: (per_doc[d], body[d]) for d in sorted(per_doc)})
    print("claims per relation (body):", dict(Counter(c["relation"] for c in body_gold).most_common()))
    print("claims per relation (comments):", dict(Counter(c["relation"] for c in comment_gold).most_common()))
    print("negative:", sum(c["polarity"] == "negative" for c in gold),
          "attributed:", sum(bool(c.get("asserted_by")) for c in gold), "entities:", len(ents))
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
