"""The cluster benchmark (issue 10): documents per second through a real Dask scheduler, with one and
with two worker processes, beside the local build's rate; then what the store side costs.

    .venv/bin/python bench/cluster.py [--size 100] [--workers 1,2]

The corpus is the seeds replicated --size times (bench/corpus.py). The local rate is bench/measure.py's
`kg build --workers 1` (timed after the model is loaded). For each worker count, a scheduler and that
many workers are started as processes of their own on 127.0.0.1 (one thread each, as
`dask worker --nworkers 1 --nthreads 1`); the timed build starts once every worker has loaded the
pipeline (so it counts no model load either), runs `kg build --scheduler`, and its graph.ttl and
graph.trig must be byte-identical to the local build's. The store side, on the same output: triples
and store bytes per document, `kg load` into an Oxigraph server (graphs and triples per second), and
`kg export --shards` then Oxigraph's bulk loader on the shards. Prints a table and writes it as JSON
to bench/results/ (git-ignored).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: `bench` and `kg` from this checkout

from bench.corpus import make_corpus  # noqa: E402
from bench.run import RESULTS, child, digest, machine, save  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
DAY = 86_400
VOLUMES = (10_000, 100_000, 1_000_000)


def start(command: list[str], log: Path) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def wait_until(condition, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"{what}: not after {timeout} s")
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cluster_build(corpus: Path, output: Path, workers: int, folder: Path) -> dict:
    from distributed import Client

    from kg import api
    from kg.cluster.runner import register
    from kg.settings import Settings

    scheduler_file = folder / f"scheduler-{workers}.json"
    python = [sys.executable, "-m"]
    processes = [start([*python, "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                        "--no-dashboard", "--scheduler-file", str(scheduler_file)], folder / "scheduler.log")]
    try:
        wait_until(scheduler_file.is_file, 60, "the scheduler")
        for number in range(workers):
            processes.append(start([*python, "distributed.cli.dask_worker", "--scheduler-file", str(scheduler_file),
                                    "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"],
                                   folder / f"worker-{workers}-{number}.log"))
        address = json.loads(scheduler_file.read_text())["address"]
        settings = Settings(scheduler=address)
        with Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=180)
            register(client, settings)  # every worker loads the pipeline now, outside the timed build
            workers_before, scheduler_before = client.run(cpu_seconds), client.run_on_scheduler(cpu_seconds)
            client_before = cpu_seconds()
            started = time.perf_counter()
            report = api.build_to(output, [corpus], settings)
            seconds = time.perf_counter() - started
            client_cpu = cpu_seconds() - client_before
            worker_cpu = sum(client.run(cpu_seconds).values()) - sum(workers_before.values())
            scheduler_cpu = client.run_on_scheduler(cpu_seconds) - scheduler_before
    finally:
        for process in reversed(processes):
            stop(process)
    return {"workers": workers, "seconds": seconds, "documents": report.documents, "tokens": report.tokens,
            "documents_per_s": report.documents / seconds, "tokens_per_s": report.tokens / seconds,
            "problems": len(report.problems), "worker_cpu_s": worker_cpu, "client_cpu_s": client_cpu,
            "scheduler_cpu_s": scheduler_cpu, "documents_per_worker_cpu_s": report.documents / worker_cpu}


def cpu_seconds() -> float:
    """CPU time (user and system) this process has used: rates per core that other load on the machine
    does not skew, as wall time is."""
    import psutil

    times = psutil.Process().cpu_times()
    return times.user + times.system


def store_side(output: Path, folder: Path) -> dict:
    from kg import api
    from kg.remote.client import Http
    from kg.remote.load import Target, load
    from kg.remote.shards import export_shards
    from kg.remote.serve import oxigraph_command

    graph = api.open_graph(output)
    triples = int(graph.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[1][0][0])
    union = int(graph.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[1][0][0])
    graphs = len(graph.graph_names())
    store_bytes = sum(p.stat().st_size for p in (output / "store" / "rdf").rglob("*") if p.is_file())
    port = free_port()
    server = start([oxigraph_command(), "serve", "--location", str(folder / "served"), "--bind", f"127.0.0.1:{port}"],
                   folder / "oxigraph.log")
    try:
        wait_until(lambda: _listening(port), 30, "the Oxigraph server")
        target = Target.of(f"http://127.0.0.1:{port}/query")
        loaded = load(output, target, Http([target.query]))
    finally:
        stop(server)
    started = time.perf_counter()
    shards = export_shards(output, "nq", folder / "shards")
    export_seconds = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([oxigraph_command(), "load", "--location", str(folder / "bulk"), "--file",
                    *(str(folder / "shards" / name) for name in shards.files)], check=True, capture_output=True)
    bulk_seconds = time.perf_counter() - started
    bulk_bytes = sum(p.stat().st_size for p in (folder / "bulk").rglob("*") if p.is_file())
    return {"graphs": graphs, "triples": triples, "union_triples": union, "store_bytes": store_bytes,
            "bulk_store_bytes": bulk_bytes,
            "gsp_seconds": loaded.seconds, "gsp_graphs_per_s": len(loaded.loaded) / loaded.seconds,
            "gsp_triples_per_s": triples / loaded.seconds, "shards_seconds": export_seconds,
            "shard_bytes": sum((folder / "shards" / name).stat().st_size for name in shards.files),
            "bulk_seconds": bulk_seconds, "bulk_triples_per_s": (triples + union) / bulk_seconds}


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def table(result: dict) -> str:
    local = result["local"]
    docs = local["documents"]
    rows = [("local --workers 1", local["seconds"], docs / local["seconds"], docs / local["cpu_s"], "-", "-")]
    rows += [(f"cluster, {c['workers']} worker{'s' if c['workers'] > 1 else ''}", c["seconds"], c["documents_per_s"],
              c["documents_per_worker_cpu_s"], f"{1000 * c['client_cpu_s'] / docs:.0f}", str(c["identical"]))
             for c in result["cluster"]]
    lines = [f"x{result['size']} corpus ({docs} documents, {local['tokens']:,} tokens) on "
             f"{result['machine']['cpus']} cores",
             f"{'build':20} {'wall s':>8} {'docs/s':>8} {'docs/cpu-s':>10} {'client ms/doc':>13}  identical"]
    lines += [f"{name:20} {seconds:8.1f} {rate:8.2f} {per_cpu:10.2f} {client:>13}  {same}"
              for name, seconds, rate, per_cpu, client, same in rows]
    per_core = max(c["documents_per_worker_cpu_s"] for c in result["cluster"])
    lines += ["", f"worker cores needed at {per_core:.2f} documents per worker CPU second (articles of this corpus):"]
    lines += [f"  {volume:>9,} articles a day: {volume / DAY / per_core:6.1f} cores" for volume in VOLUMES]
    store = result["store"]
    per_doc = store["triples"] / local["documents"]
    kib = store["bulk_store_bytes"] / local["documents"] / 1024
    lines += ["", f"store: {per_doc:,.0f} triples and {kib:,.0f} KiB of (bulk-loaded) Oxigraph store per document",
              f"kg load (Graph Store Protocol): {store['gsp_triples_per_s']:,.0f} triples/s, "
              f"{store['gsp_graphs_per_s']:.1f} graphs/s",
              f"shards: written in {store['shards_seconds']:.1f} s ({store['shard_bytes'] / 1e6:.1f} MB), "
              f"bulk-loaded by `oxigraph load` at {store['bulk_triples_per_s']:,.0f} triples/s"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100, help="copies of the seeds")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs in bench/results/work-cluster")
    args = parser.parse_args()
    work = RESULTS / "work-cluster"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.strftime("%Y%m%d-%H%M%S")
    corpus = work / f"corpus-x{args.size}"
    made = make_corpus(ROOT / "seeds", args.size, corpus)
    print(f"x{args.size}: {made['documents']} documents, {made['bytes']:,} bytes; local build", file=sys.stderr,
          flush=True)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    local = child("bench.measure", "build", corpus, work / "local", "--workers", 1)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    local["cpu_s"] = (children.ru_utime - children_before.ru_utime) + (children.ru_stime - children_before.ru_stime)
    runs = []
    for workers in (int(n) for n in args.workers.split(",")):
        print(f"cluster build with {workers} worker(s)", file=sys.stderr, flush=True)
        output = work / f"cluster-{workers}"
        run = cluster_build(corpus, output, workers, work)
        run["identical"] = digest(output) == digest(work / "local")
        runs.append(run)
        print(json.dumps(run), file=sys.stderr, flush=True)
    print("store side", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="kg-bench-", dir=work) as folder:
        store = store_side(work / "local", Path(folder))
    result = {"started": started, "size": args.size, **made, "machine": machine(), "local": local, "cluster": runs,
              "store": store}
    result["table"] = table(result)
    print(result["table"])
    save(f"cluster-{started}", result, work, args.keep)


if __name__ == "__main__":
    main()
