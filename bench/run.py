"""The scale benchmark (issue 6): speed, memory, reruns, workers and SPARQL latency.

    .venv/bin/python bench/run.py [--sizes 1,10,100] [--claims 1000000] [--repeats 20]

For each size N, the seeds replicated N times (bench/corpus.py), each measurement in a fresh
process (bench/measure.py): the stock spaCy pipeline's nlp.pipe alone, a full `kg build` with
one worker, a rerun on the unchanged corpus, (N >= 10) a build with two workers, whose graph.ttl
and graph.trig must be byte-identical to the one-worker build, and a rebuild after one document
changed. Then SPARQL latency
on a generated graph of --claims claims (bench/sparql.py). Prints a table and writes it as
JSON to bench/results/ (git-ignored), with the targets of the issue checked.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))  # run as a script: `bench` and `kg` from this checkout

from bench.corpus import make_corpus  # noqa: E402


def child(module: str, *args: object) -> dict:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", module, *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{module} {' '.join(map(str, args))} failed:\n{proc.stderr[-4000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started
    return result


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for name in ("graph.ttl", "graph.trig"):
        sha.update((folder / name).read_bytes())
    return sha.hexdigest()


def measure_size(size: int, work: Path) -> dict:
    corpus = work / f"corpus-x{size}"
    shutil.rmtree(corpus, ignore_errors=True)
    made = make_corpus(ROOT / "seeds", size, corpus)
    print(f"x{size}: {made['documents']} documents, {made['bytes']:,} bytes", file=sys.stderr, flush=True)
    raw = child("bench.measure", "raw", corpus)
    one = work / f"build-x{size}-w1"
    shutil.rmtree(one, ignore_errors=True)
    first = child("bench.measure", "build", corpus, one, "--workers", 1)
    again = child("bench.measure", "rerun", corpus, one)
    row = {"size": size, **made, "raw": raw, "build": first, "rerun": again,
           "ratio_build_raw": first["seconds"] / raw["seconds"],
           "ratio_build_raw_cpu": first["cpu_seconds"] / raw["cpu_seconds"],
           "documents_per_s": first["documents"] / first["seconds"], "tokens_per_s": first["tokens"] / first["seconds"],
           "raw_tokens_per_s": raw["tokens"] / raw["seconds"], "rerun_share": again["seconds"] / first["seconds"]}
    if size >= 10:  # below, the corpus is one batch and the pool is not used
        two = work / f"build-x{size}-w2"
        shutil.rmtree(two, ignore_errors=True)
        second = child("bench.measure", "build", corpus, two, "--workers", 2)
        row.update(workers2=second, speedup_workers2=first["seconds"] / second["seconds"],
                   identical_workers2=digest(one) == digest(two))
    row["touch"] = child("bench.measure", "touch", corpus, one)
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def targets(rows: dict[int, dict], sparql: dict | None) -> list[tuple[str, str, bool]]:
    out = []
    if 100 in rows:
        big = rows[100]
        out.append(("full build <= 1.15 x raw nlp.pipe (x100)",
                    f"{big['ratio_build_raw']:.2f} wall, {big['ratio_build_raw_cpu']:.2f} CPU",
                    big["ratio_build_raw"] <= 1.15))
        if 1 in rows:
            growth = big["build"]["seconds"] / rows[1]["build"]["seconds"]
            growth_cpu = big["build"]["cpu_seconds"] / rows[1]["build"]["cpu_seconds"]
            out.append(("x100 build <= 110 x the x1 build", f"{growth:.1f} wall, {growth_cpu:.1f} CPU", growth <= 110))
        if 10 in rows:
            memory = big["build"]["peak_rss_mb"] / rows[10]["build"]["peak_rss_mb"]
            out.append(("peak RSS x100 <= 1.5 x peak RSS x10", f"{memory:.2f}", memory <= 1.5))
        if "speedup_workers2" in big:
            out.append(("--workers 2 >= 1.6 x faster (x100), identical output",
                        f"{big['speedup_workers2']:.2f}, identical={big['identical_workers2']}",
                        big["speedup_workers2"] >= 1.6 and big["identical_workers2"]))
        out.append(("unchanged rerun < 5 % of the first build (x100), spaCy not loaded",
                    f"{100 * big['rerun_share']:.2f} %, spaCy loaded={big['rerun']['spacy_loaded']}",
                    big["rerun_share"] < 0.05 and not big["rerun"]["spacy_loaded"]))
        out.append(("touching one document re-processes only it (x100)",
                    f"{big['documents'] - big['touch']['reused']} re-processed, {big['touch']['seconds']:.1f} s",
                    big["touch"]["reused"] == big["documents"] - 1))
    for query in (sparql or {}).get("queries", []):
        out.append((f"SPARQL median < 100 ms: {query['query']} [{query['actor']}]", f"{query['median_ms']:.1f} ms",
                    query["median_ms"] < 100))
    return out


def table(rows: dict[int, dict], sparql: dict | None, checks: list[tuple[str, str, bool]]) -> str:
    head = ("corpus", "docs", "tokens", "raw s", "build s", "ratio", "raw cpu", "build cpu", "cpu ratio", "docs/s",
            "tok/s", "raw tok/s", "peak MB", "rerun s", "rerun %", "w2 s", "w2 x", "same", "touch1 s")
    lines = ["  ".join(f"{h:>9}" for h in head)]
    for size, r in sorted(rows.items()):
        w2 = r.get("workers2")
        cells = (f"x{size}", r["documents"], r["build"]["tokens"], f"{r['raw']['seconds']:.1f}",
                 f"{r['build']['seconds']:.1f}", f"{r['ratio_build_raw']:.2f}", f"{r['raw']['cpu_seconds']:.1f}",
                 f"{r['build']['cpu_seconds']:.1f}", f"{r['ratio_build_raw_cpu']:.2f}", f"{r['documents_per_s']:.2f}",
                 f"{r['tokens_per_s']:.0f}", f"{r['raw_tokens_per_s']:.0f}", f"{r['build']['peak_rss_mb']:.0f}",
                 f"{r['rerun']['seconds']:.2f}", f"{100 * r['rerun_share']:.2f}",
                 f"{w2['seconds']:.1f}" if w2 else "-", f"{r['speedup_workers2']:.2f}" if w2 else "-",
                 str(r["identical_workers2"]) if w2 else "-", f"{r['touch']['seconds']:.1f}")
        lines.append("  ".join(f"{c:>9}" for c in cells))
    if sparql:
        lines += ["", f"SPARQL on {sparql['claims']:,} generated claims ({sparql['quads_with_union']:,} quads with the "
                      f"union; generated and loaded in {sparql['seconds']:.0f} s):"]
        for q in sparql["queries"]:
            lines.append(f"  {q['query']:66} {q['actor']:>9} (rank {q['actor_rank']:>3}, {q['claims_of_actor']:>6} claims) "
                         f"rows {q['rows']:>7}  "
                         f"median {q['median_ms']:8.1f} ms  p95 {q['p95_ms']:8.1f} ms  ({q['runs']} runs)")
    lines += ["", f"load average when done: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
                  f"on {os.cpu_count()} CPUs (wall times count what else runs; CPU times much less)",
              "", "targets:"] + [f"  [{'ok' if good else 'MISSED'}] {name}: {value}" for name, value, good in checks]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="copies of the seeds, comma-separated")
    parser.add_argument("--claims", type=int, default=1_000_000, help="claims in the SPARQL graph (0: skip)")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the corpora, outputs and store in bench/results/work")
    args = parser.parse_args()
    work = RESULTS / "work"
    work.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y%m%d-%H%M%S")
    rows = {size: measure_size(size, work) for size in (int(s) for s in args.sizes.split(","))}
    sparql = None
    if args.claims:
        store = work / "sparql-store"
        shutil.rmtree(store, ignore_errors=True)
        sparql = child("bench.sparql", "--claims", args.claims, "--repeats", args.repeats, "--store", store)
    checks = targets(rows, sparql)
    text = table(rows, sparql, checks)
    print(text)
    save(f"bench-{started}", {"started": started, "machine": machine(), "sizes": rows, "sparql": sparql,
                              "targets": [{"target": n, "value": v, "met": g} for n, v, g in checks], "table": text},
         work, args.keep)


def machine() -> dict[str, object]:
    return {"cpus": os.cpu_count(), "load_average": os.getloadavg()}


def save(name: str, result: dict, work: Path, keep: bool) -> None:
    """Write a benchmark's result as bench/results/<name>.json; remove its work folder unless `keep`."""
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"\nwrote {path.relative_to(ROOT)}")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
