"""`kg serve`: the built store as a read-only SPARQL 1.1 endpoint, by the Oxigraph server.

The server is `oxigraph serve-read-only` from the PyPI package `oxigraph` (the cluster extra):
the SPARQL protocol at /query (JSON, XML, CSV and TSV results), a query page in the browser at
/, and no update: the read-only server refuses /update and the graph store's writes. It reads
output/store/rdf, the store `kg build` writes (named graphs, and their union as the default
graph, so queries give the rows `kg query` gives). An output folder with only graph.trig and
graph.ttl is first loaded into a temporary store: the named graphs from graph.trig, the union
from graph.ttl. Do not build into the folder while it is served (Oxigraph: reading a store
that another process writes is undefined).
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..api import STORE_FOLDER
from ..errors import GraphMissingError, KgError
from ..store import RDF_FOLDER, GraphStore

READY_TIMEOUT = 30  # seconds for the server to listen


class ServerError(KgError):
    """The Oxigraph server is missing or did not start."""


def oxigraph_command() -> str:
    """The `oxigraph` program of this environment (beside its Python), else on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServerError("the Oxigraph server is not installed: pip install 'actor-kg[cluster]' (package oxigraph)")
    return found


def endpoint_url(host: str, port: int) -> str:
    return f"http://{_bracketed(host)}:{port}/query"


def serve(output: Path, host: str, port: int, on_ready: Callable[[str], None]) -> None:
    """Serve the graph built in `output` until interrupted; `on_ready(query URL)` once it listens."""
    _check_free(host, port)
    with _location(output) as location:
        command = [oxigraph_command(), "serve-read-only", "--location", str(location),
                   "--bind", f"{_bracketed(host)}:{port}"]
        errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed below; a pipe could fill up and stall the server)
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            _wait_until_listening(server, errors, host, port)
            on_ready(endpoint_url(host, port))
            if server.wait() > 0:  # not stopped by a signal (Ctrl-C reaches it too): failed
                raise ServerError(f"the Oxigraph server stopped: {_last_error(errors)}")
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
            errors.close()


@contextmanager
def _location(output: Path) -> Iterator[Path]:
    """The Oxigraph store to serve: the build's, else a temporary one made from the output files."""
    store = output / STORE_FOLDER
    if GraphStore.exists(store):
        yield store / RDF_FOLDER
        return
    files = [output / "graph.trig", output / "graph.ttl"]
    if not all(path.is_file() for path in files):
        raise GraphMissingError(f"no built graph in {output}: run `kg build -o {output}` first")
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as folder:
        location = Path(folder) / "store"
        loaded = subprocess.run([oxigraph_command(), "load", "--location", str(location),
                                 "--file", *map(str, files)], capture_output=True, text=True, check=False)
        if loaded.returncode != 0:
            raise ServerError(f"oxigraph load failed: {_last_line(loaded.stderr)}")
        yield location


def _check_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        socket.create_server((host.strip("[]"), port), family=family).close()
    except OSError as err:
        reason = os.strerror(err.errno) if err.errno else str(err)
        raise ServerError(f"cannot listen on {host}:{port}: {reason.lower()}") from None


def _wait_until_listening(server: subprocess.Popen, errors: IO[bytes], host: str, port: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerError(f"the Oxigraph server stopped: {_last_error(errors)}")
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise ServerError(f"the Oxigraph server does not listen on {host}:{port} after {READY_TIMEOUT} s")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _last_error(errors: IO[bytes]) -> str:
    errors.seek(0)
    return _last_line(errors.read().decode("utf-8", "replace"))


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no message)"
