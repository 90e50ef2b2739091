"""The graph in SPARQL stores: `kg load` into an Oxigraph server started here (read-write, on a free
loopback port), `kg query --endpoint` against it, `kg serve`, and `kg export --shards`; HTTP Basic and
Digest authentication against a small stand-in store."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from typer.testing import CliRunner

import kg
from kg import api
from kg.cli import app
from kg.errors import KgError
from kg.graph.iris import SHARED_GRAPH, doc_graph
from kg.outputs.query import format_table
from kg.remote.client import Http
from kg.remote.load import MANIFEST, Target, load
from kg.remote.sparql import query as remote_query
from kg.settings import Settings

from .processes import KG, OXIGRAPH, free_port, listening, start, stop, wait_for

pytestmark = [pytest.mark.cluster,
              pytest.mark.skipif(not shutil.which(OXIGRAPH), reason="the oxigraph server (cluster extra) is missing")]
PARAMS = {"actor": "Russia", "relation": "supports"}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Iterator[str]:
    """The query endpoint of an Oxigraph server in read-write mode."""
    port = free_port()
    folder = tmp_path_factory.mktemp("oxigraph")
    server = start([OXIGRAPH, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
                   folder / "server.log")
    try:
        wait_for(lambda: listening(port), 30, "the Oxigraph server")
        yield f"http://127.0.0.1:{port}/query"
    finally:
        stop(server)


def cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def named_rows(output: Path, endpoint: str | None = None) -> dict[str, list[str]]:
    """Every named query's rows as TSV lines, sorted: from the built graph, or through `kg query --endpoint`."""
    rows = {}
    for name, named in api.named_queries().items():
        where = ["--endpoint", endpoint] if endpoint else ["-o", str(output)]
        params = [arg for p in named.params for arg in (f"--{p}", PARAMS[p])]
        lines = cli("query", name, *params, *where, "--format", "tsv").splitlines()
        rows[name] = [lines[0], *sorted(lines[1:])]
    return rows


def manifest(endpoint: str) -> dict[str, str]:
    table = remote_query(endpoint, f"SELECT ?g ?d WHERE {{ GRAPH <{MANIFEST}> {{ ?g ?p ?d }} }}")
    return {str(g): str(d) for g, d in table.rows}


def test_load_then_every_named_query_gives_the_local_rows_and_a_reload_replaces_only_what_changed(
        store, seeds_output, seeds_dir, tmp_path):
    assert "6 graphs loaded, 0 unchanged, 0 deleted" in cli("load", "--endpoint", store, "-o", str(seeds_output))
    local = named_rows(seeds_output)
    assert sum(len(r) > 1 for r in local.values()) >= 8  # most named queries have rows to compare
    assert named_rows(seeds_output, store) == local

    corpus, out = tmp_path / "corpus", tmp_path / "out"  # two short articles, now from another folder
    corpus.mkdir()
    kept, changed = (shutil.copy(seeds_dir / name, corpus) for name in ("001_944f0d64b90c9dcf.txt",
                                                                         "004_f49d51d9539526dd.txt"))
    settings = Settings(workers=1)
    kg.build_to(out, [corpus], settings)
    assert "3 graphs loaded, 0 unchanged, 3 deleted" in cli("load", "--endpoint", store, "-o", str(out))
    assert named_rows(out, store) == named_rows(out)
    before = manifest(store)

    Path(changed).write_text(Path(changed).read_text(encoding="utf-8") + "\nIran backs Hezbollah.\n", encoding="utf-8")
    kg.build_to(out, [corpus], settings)
    assert "2 graphs loaded, 1 unchanged, 0 deleted" in cli("load", "--endpoint", store, "-o", str(out))
    after = manifest(store)
    assert {g for g in after if after[g] != before.get(g)} == {str(doc_graph(Path(changed).name)), str(SHARED_GRAPH)}
    assert set(after) == set(before)
    assert named_rows(out, store) == named_rows(out)

    Path(kept).unlink()
    kg.build_to(out, [corpus], settings)
    assert "1 graph loaded, 1 unchanged, 1 deleted" in cli("load", "--endpoint", store, "-o", str(out))
    gone = str(doc_graph(Path(kept).name))
    assert remote_query(store, f"ASK {{ GRAPH <{gone}> {{ ?s ?p ?o }} }}").rows == [[False]]
    assert gone not in manifest(store)
    assert named_rows(out, store) == named_rows(out)
    assert "0 graphs loaded, 2 unchanged, 0 deleted" in cli("load", "--endpoint", store, "-o", str(out))


def test_a_query_the_store_refuses_is_one_line_with_its_answer(store):
    result = CliRunner().invoke(app, ["query", "--endpoint", store, "SELECT ?s WHERE { ?s ?p }"])
    assert result.exit_code == 2
    assert "400" in result.output and store in result.output


def test_serve_answers_with_the_local_rows_and_refuses_updates(seeds_output):
    port = free_port()
    server = start([*KG, "serve", "-o", str(seeds_output), "--port", str(port)], stdout=subprocess.PIPE,
                   stderr=subprocess.DEVNULL)
    try:
        first = server.stdout.readline().decode()
        assert f"http://127.0.0.1:{port}/query" in first, first
        query = "SELECT ?s ?label WHERE { ?s a <https://w3id.org/actorkg/ontology#State> ; " \
                "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
        request = Request(f"http://127.0.0.1:{port}/query", data=query.encode(), method="POST",
                          headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
        with urlopen(request, timeout=30) as response:
            served = response.read().decode().splitlines()
        local = format_table(api.query(seeds_output, query), "csv").splitlines()
        assert len(served) == len(local) > 3
        assert served[0] == local[0] and sorted(served[1:]) == sorted(local[1:])
        update = Request(f"http://127.0.0.1:{port}/update", method="POST",
                         data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                         headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(HTTPError) as refused:
            urlopen(update, timeout=30)
        assert 400 <= refused.value.code < 500
    finally:
        stop(server)


def test_shards_are_deterministic_and_a_bulk_loader_takes_them(seeds_output, tmp_path):
    cli("export", "-o", str(seeds_output), "--format", "nq", "--shards", str(tmp_path / "a"), "--shard-size", "2")
    cli("export", "-o", str(seeds_output), "--format", "nq", "--shards", str(tmp_path / "b"), "--shard-size", "2")
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["default.nq.gz", "part-00000.nq.gz", "part-00001.nq.gz", "part-00002.nq.gz"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    parts = b"".join(gzip.decompress((tmp_path / "a" / n).read_bytes()) for n in names if n.startswith("part-"))
    assert parts == api.export(seeds_output, "nq")
    loaded = subprocess.run([OXIGRAPH, "load", "--location", str(tmp_path / "db"), "--file",
                             *(str(tmp_path / "a" / n) for n in names)], capture_output=True, check=False)
    assert loaded.returncode == 0, loaded.stderr
    counted = subprocess.run([OXIGRAPH, "query", "--location", str(tmp_path / "db"), "--results-format", "tsv",
                              "--query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"],
                             capture_output=True, text=True, check=False)
    assert counted.stdout.split()[-1].strip('"').split("^^")[0] == str(parts.count(b"\n"))


class StandIn(BaseHTTPRequestHandler):
    """A store that asks for `scheme` authentication (user kg, password secret), answers the manifest query
    with no rows, takes every PUT and update, and fails the PUT of any graph whose name holds "002"."""

    scheme = "Basic"
    log: list[tuple[str, str]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer()

    do_PUT = do_DELETE = do_POST

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not self._authorised():
            self.send_response(401)
            challenge = 'Basic realm="kg"' if self.scheme == "Basic" else \
                'Digest realm="kg", nonce="n0nce", qop="auth", algorithm=MD5'
            self.send_header("WWW-Authenticate", challenge)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.log.append((self.command, self.path))
        if self.command == "PUT" and "002" in self.path:
            body = b"<html><body><h1>507</h1> disk full</body></html>"
            self.send_response(507)
        elif self.path.startswith("/query"):
            body = json.dumps({"head": {"vars": ["graph", "digest"]}, "results": {"bindings": []}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
        else:
            body = b""
            self.send_response(204)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _authorised(self) -> bool:
        given = self.headers.get("Authorization", "")
        if self.scheme == "Basic":
            return given == "Basic a2c6c2VjcmV0"  # kg:secret
        fields = dict(re.findall(r'(\w+)="?([^",]+)"?', given))
        if not given.startswith("Digest ") or fields.get("username") != "kg":
            return False
        def md5(text: str) -> str:
            return hashlib.md5(text.encode()).hexdigest()

        secret, request = md5("kg:kg:secret"), md5(f"{self.command}:{fields['uri']}")
        expected = md5(f"{secret}:{fields['nonce']}:{fields['nc']}:{fields['cnonce']}:auth:{request}")
        return fields.get("response") == expected

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("scheme", ["Basic", "Digest"])
def test_load_authenticates_as_the_store_asks_and_a_refused_graph_stops_it_named(scheme, seeds_output):
    handler = type("Handler", (StandIn,), {"scheme": scheme, "log": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_port}/query"
        target = Target.of(endpoint)
        with pytest.raises(KgError) as refused:
            load(seeds_output, target, Http([endpoint], "kg", None))
        assert "401" in str(refused.value)
        with pytest.raises(KgError) as failed:
            load(seeds_output, target, Http([endpoint], "kg", "secret"))
        message = str(failed.value)
        assert "PUT graph <https://w3id.org/actorkg/graph/002_" in message and "507" in message
        assert "disk full" in message and "<h1>" not in message
        puts = [path for method, path in handler.log if method == "PUT"]
        assert len(puts) == 3 and all("graph=https%3A%2F%2Fw3id.org%2Factorkg%2Fgraph%2F" in p for p in puts)
    finally:
        server.shutdown()
        server.server_close()
