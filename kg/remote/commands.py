"""The commands `kg serve` and `kg load`, added to the `kg` app by kg/cli.py.

Each parses its options, makes one call into kg/remote/ and prints; errors are KgErrors, which
kg/cli.py's `handles_errors` prints as one line.
"""
from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

OutputDir = Annotated[Path, typer.Option("--output", "-o", help="Folder of the built graph.")]


class UnionMode(str, Enum):
    copy = "copy"
    store = "store"


def add_commands(app: typer.Typer, handles_errors: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    app.command()(handles_errors(serve))
    app.command()(handles_errors(load))


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    output: OutputDir = Path("output"),
) -> None:
    """Serve the built graph as a read-only SPARQL 1.1 endpoint (the Oxigraph server) until Ctrl-C.

    Example: kg serve --port 7878, then open http://127.0.0.1:7878/ or
    kg query --endpoint http://127.0.0.1:7878/query sources
    """
    from .. import api
    from .serve import serve as run

    def ready(url: str) -> None:
        typer.echo(f"SPARQL endpoint (read-only): {url}")
        typer.echo(f"query page: {url[:-len('query')]}")
        typer.echo(f"named queries (kg query --endpoint {url} NAME):")
        for name, named in api.named_queries().items():
            typer.echo(f"  {name:18} {named.description}")
        typer.echo("Ctrl-C stops the server.")

    run(output, host, port, ready)


def load(
    endpoint: Annotated[str, typer.Option(help="The store's SPARQL query endpoint, e.g. http://127.0.0.1:7878/query.")],
    output: OutputDir = Path("output"),
    graph_store: Annotated[Optional[str], typer.Option(
        help="Its Graph Store Protocol URL (default: the endpoint's /query replaced by /store, as Oxigraph).")
    ] = None,
    update: Annotated[Optional[str], typer.Option(
        help="Its SPARQL Update URL (default: the endpoint's /query replaced by /update).")] = None,
    user: Annotated[Optional[str], typer.Option(envvar="KG_USER", help="User name, if the store asks for one.")] = None,
    password: Annotated[Optional[str], typer.Option(envvar="KG_PASSWORD", help="Its password (or KG_PASSWORD).")] = None,
    union: Annotated[UnionMode, typer.Option(
        help="copy: keep the store's default graph the union of the loaded graphs (Oxigraph, Jena); store: the "
             "store's default graph already is that union (Virtuoso, QLever, GraphDB, Blazegraph).")] = UnionMode.copy,
) -> None:
    """Load the built graph into a SPARQL 1.1 store (Graph Store Protocol); only changed graphs are sent.

    Each document's named graph and the shared graph are PUT; graphs of documents gone from the
    corpus are deleted.

    Example: kg load --endpoint http://127.0.0.1:7878/query
    """
    from .client import Http
    from .load import Target
    from .load import load as run

    target = Target.of(endpoint, graph_store, update, union.value)
    report = run(output, target, Http([target.query, target.graph_store, target.update], user, password))
    loaded = len(report.loaded)
    typer.echo(f"{loaded} graph{'' if loaded == 1 else 's'} loaded, {report.unchanged} unchanged, "
               f"{len(report.deleted)} deleted; {report.seconds:.1f} s -> {target.graph_store}")
