#!/usr/bin/env python3
"""Consistency checks for an article-level gold set (eval/articles_*).

    python eval/check_articles.py eval/articles_c

The folder holds docs/*.txt and <name>.entities.jsonl, <name>.gold.jsonl, <name>.comment_claims.jsonl
and <name>.sections.json, <name> being the folder's name. Checks: documents are plain UTF-8 without
BOM, 450-800 words, with title and byline; every quote occurs verbatim in its document (body quotes
before the comment marker, comment-claim quotes after it) and within one line; every entity id used
exists; relations are among the 12 (also alt_relations), polarity is positive/negative; part_of
points to a known entity; entity types are the five allowed; the sections marker occurs in its
document; no byline author/outlet is a gold speaker; no duplicate claim (same doc, quote, pair,
relation, polarity; symmetric pairs either way). Exits non-zero on any error.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else sys.exit("usage: check_articles.py FOLDER")
NAME = HERE.name
DOCS = HERE / "docs"
RELATIONS = {"allegianceTo", "affiliatedWith", "alliedWith", "supports", "opposes", "attacks",
             "requests", "rejects", "accuses", "meetsWith", "leaderOf", "memberOf"}
SYMMETRIC = {"alliedWith", "meetsWith"}
TYPES = {"Person", "ArmedGroup", "State", "InternationalOrganization", "Organization"}
KEYS = {"doc", "quote", "subject", "relation", "object", "polarity", "asserted_by"}

errors: list[str] = []


def err(msg: str) -> None:
    errors.append(msg)


def norm(label: str) -> str:  # same normalisation as score.py
    s = label.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"\b(al|an|ad|ash|as|ar|el|ul)-", "al ", s)
    s = re.sub(r"[^\w\s]", " ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(f"{path.name}:{i}: bad JSON: {e}")
    return rows


entities = load_jsonl(HERE / f"{NAME}.entities.jsonl")
gold = load_jsonl(HERE / f"{NAME}.gold.jsonl")
comments = load_jsonl(HERE / f"{NAME}.comment_claims.jsonl")
sections = json.loads((HERE / f"{NAME}.sections.json").read_text(encoding="utf-8"))

# --- entities
ids = Counter(e["id"] for e in entities)
for i, n in ids.items():
    if n > 1:
        err(f"entity id {i} defined {n} times")
ent = {e["id"]: e for e in entities}
for e in entities:
    for k in ("id", "name", "type", "aliases", "wikidata", "part_of"):
        if k not in e:
            err(f"entity {e.get('id')}: missing key {k}")
    if e.get("type") not in TYPES:
        err(f"entity {e['id']}: bad type {e.get('type')}")
    if e.get("part_of") and e["part_of"] not in ent:
        err(f"entity {e['id']}: part_of unknown {e['part_of']}")
    if e.get("wikidata") and not re.fullmatch(r"Q\d+", e["wikidata"]):
        err(f"entity {e['id']}: bad wikidata {e['wikidata']}")
# one normalised name must not belong to two entities (would make matching ambiguous)
owner: dict[str, str] = {}
for e in entities:
    for lab in [e["name"], *e.get("aliases", [])]:
        k = norm(lab)
        if k in owner and owner[k] != e["id"]:
            err(f"label {lab!r} normalises to {k!r}, used by {owner[k]} and {e['id']}")
        owner[k] = e["id"]

# --- documents
texts: dict[str, str] = {}
doc_files = sorted(p.name for p in DOCS.glob("*.txt"))
for name in doc_files:
    raw = (DOCS / name).read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        err(f"{name}: has a BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(f"{name}: not UTF-8: {e}")
        continue
    texts[name] = text
    if not re.fullmatch(r"[a-z]\d\d_[a-z0-9_]+\.txt", name):
        err(f"{name}: file name not like c01_something.txt")
    n = len(text.split())
    if not 450 <= n <= 800:
        err(f"{name}: {n} words, outside 450-800")
    lines = [l for l in text.splitlines() if l.strip()]
    byline = lines[1] if len(lines) > 1 else ""
    if not byline.lower().startswith("by "):
        err(f"{name}: second non-empty line is not a byline: {byline!r}")
    # the byline's author and outlet speak in the document's own voice (asserted_by null), never as a
    # gold speaker; the outlet may still be an actor the text names ("X, a fellow at the Institute")
    parts = re.split(r"\s*\|\s*|,\s*", byline[3:])
    speakers = {c["asserted_by"] for c in gold + comments if c.get("asserted_by")}
    for p in parts:
        p = p.strip().strip("()")
        if p and owner.get(norm(p)) in speakers:
            err(f"{name}: byline part {p!r} is the gold speaker {owner[norm(p)]}")

for name in sections:
    if name not in texts:
        err(f"sections.json names a missing document {name}")
for name in texts:
    if name not in sections:
        err(f"{name}: not listed in sections.json")

body_end: dict[str, int] = {}
for name, text in texts.items():
    marker = sections.get(name)
    if marker is None:
        body_end[name] = len(text)
    elif marker not in text:
        err(f"{name}: comment marker {marker!r} not in document")
        body_end[name] = len(text)
    else:
        body_end[name] = text.find(marker)
        # the marker should stand on its own line
        if not re.search(r"(^|\n)" + re.escape(marker) + r"[ \t]*(\r?\n|$)", text):
            err(f"{name}: comment marker {marker!r} is not a line of its own")


# --- claims
def check_claims(rows: list[dict], where: str, in_comments: bool) -> None:
    seen = set()
    for i, c in enumerate(rows, 1):
        tag = f"{where}:{i}"
        extra = set(c) - KEYS - {"alt_relations"}
        missing = KEYS - set(c)
        if missing:
            err(f"{tag}: missing keys {sorted(missing)}")
            continue
        if extra:
            err(f"{tag}: unexpected keys {sorted(extra)}")
        doc = c["doc"]
        if doc not in texts:
            err(f"{tag}: unknown document {doc}")
            continue
        text, q = texts[doc], c["quote"]
        if not q or q not in text:
            err(f"{tag}: quote not verbatim in {doc}: {q!r}")
        else:
            starts = [m.start() for m in re.finditer(re.escape(q), text)]
            if in_comments:
                if sections.get(doc) is None or not any(s >= body_end[doc] for s in starts):
                    err(f"{tag}: comment quote not inside the comment section: {q!r}")
            elif not any(s + len(q) <= body_end[doc] for s in starts):
                err(f"{tag}: body quote lies in the comment section: {q!r}")
        if "\n" in q or "\r" in q:
            err(f"{tag}: quote spans lines: {q!r}")
        if re.search(r"(?<![A-Z])[.!?][\"\u201d\u2019']?\s+[\"\u201c\u2018]?[A-Z]", q):  # not "U.S. Secretary"
            err(f"{tag}: quote seems to span two sentences: {q!r}")
        for role in ("subject", "object"):
            if c[role] not in ent:
                err(f"{tag}: unknown {role} {c[role]!r}")
        if c["asserted_by"] is not None and c["asserted_by"] not in ent:
            err(f"{tag}: unknown asserted_by {c['asserted_by']!r}")
        if in_comments and c["asserted_by"] is None:
            err(f"{tag}: a comment claim needs its commenter as asserted_by")
        if c["subject"] == c["object"]:
            err(f"{tag}: subject equals object")
        if c["relation"] not in RELATIONS:
            err(f"{tag}: bad relation {c['relation']!r}")
        alts = c.get("alt_relations", [])
        if not isinstance(alts, list) or any(a not in RELATIONS for a in alts) or c["relation"] in alts:
            err(f"{tag}: bad alt_relations {alts!r}")
        if c["polarity"] not in ("positive", "negative"):
            err(f"{tag}: bad polarity {c['polarity']!r}")
        pair = (c["subject"], c["object"])
        if c["relation"] in SYMMETRIC:
            pair = tuple(sorted(pair))
        key = (doc, q, pair, c["relation"], c["polarity"])
        if key in seen:
            err(f"{tag}: duplicate claim {key}")
        seen.add(key)


check_claims(gold, "gold", in_comments=False)
check_claims(comments, "comment_claims", in_comments=True)

used = {c[r] for c in gold + comments for r in ("subject", "object", "asserted_by") if c.get(r)}
unused = sorted(set(ent) - used)
if unused:
    err(f"entities used by no claim: {unused}")

# --- report
print(f"documents: {len(texts)}; gold claims: {len(gold)}; comment claims: {len(comments)}; entities: {len(ent)}")
for name in sorted(texts):
    body_words = len(texts[name][: body_end[name]].split())
    print(f"  {name}: {len(texts[name].split())} words ({body_words} in body), "
          f"{sum(c['doc'] == name for c in gold)} body claims, {sum(c['doc'] == name for c in comments)} comment claims")
print("  per relation:", dict(sorted(Counter(c["relation"] for c in gold).items())))
print("  negative:", sum(c["polarity"] == "negative" for c in gold),
      "attributed:", sum(c["asserted_by"] is not None for c in gold))
if errors:
    print(f"\n{len(errors)} error(s):")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("OK")
