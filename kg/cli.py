"""The `kg` command: each command parses its options, calls one function of kg.api, prints.

Errors of the user (a missing file, a bad query, a malformed ontology file) print one
line and exit 2 (1 when a graph fails validation); never a traceback.
"""
from __future__ import annotations

import functools
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import KgError

app = typer.Typer(
    help="Build and explore a knowledge graph of the actors in news articles and of the "
         "relationships the texts claim between them.\n\n"
         "Start with `kg build` (it reads seeds/ and writes output/), then `kg query`, `kg stats`, "
         "or open output/graph.html in a browser.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

OutputDir = Annotated[Path, typer.Option("--output", "-o", help="Folder of the built graph.")]


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ExportFormat(str, Enum):
    turtle = "turtle"
    trig = "trig"
    nt = "nt"
    nq = "nq"
    jsonld = "jsonld"


class CompareFormat(str, Enum):
    text = "text"
    json = "json"


def _fail(message: str, code: int) -> None:
    typer.secho(f"kg: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def handles_errors(command):
    """Map KgError (and file errors) to one line on stderr and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KgError as err:
            _fail(str(err), err.exit_code)
        except (FileNotFoundError, PermissionError, IsADirectoryError) as err:
            _fail(f"{err.filename or ''}: {err.strerror}", 2)
        except KeyboardInterrupt:
            _fail("interrupted; the previous output is unchanged", 130)

    return wrapper


@app.command()
@handles_errors
def build(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (.txt, .md, .html). Default: seeds/")] = None,
    output: OutputDir = Path("output"),
    workers: Annotated[int, typer.Option(help="Worker processes (default: the number of cores).")] = 0,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to load (or set KG_MODEL).")] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this many bytes.")] = 20_000_000,
    strict: Annotated[bool, typer.Option(help="Exit non-zero if any file was skipped.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    scheduler: Annotated[Optional[str], typer.Option(envvar="KG_SCHEDULER", help=(
        "Run the per-document work on a Dask cluster: its scheduler (tcp://HOST:PORT), or local."))] = None,
) -> None:
    """Read articles and build the graph: output/graph.ttl, graph.trig and graph.html.

    Example: kg build seeds/ -o output/
    """
    from . import api
    from .settings import Settings

    settings = Settings(workers=workers or os.cpu_count() or 1, max_bytes=max_bytes, scheduler=scheduler,
                        **({"model": model} if model else {}))
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if quiet:
            return
        if bar is None:
            bar = typer.progressbar(length=total, label="documents", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        report = api.build_to(output, paths, settings, progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for problem in report.problems:
        typer.secho(f"skipped {problem}", fg=typer.colors.YELLOW, err=True)
    claims = ", ".join(f"{k} {v}" for k, v in sorted(report.claims.items(), key=lambda kv: (-kv[1], kv[0])))
    typer.echo(
        f"{report.documents} documents, {report.sentences} sentences, {report.actors} actors, "
        f"{sum(report.claims.values())} claims ({claims or 'none'}); "
        f"{len(report.problems)} files skipped; {report.reused} documents unchanged since the last build; "
        f"{report.seconds:.1f} s -> {output}/"
    )
    if strict and report.problems:
        raise typer.Exit(1)


@app.command()
@handles_errors
def query(
    sparql: Annotated[Optional[str], typer.Argument(help="A SPARQL query, a .rq file, a named query, or - for stdin.")] = None,
    output: OutputDir = Path("output"),
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Result format.")] = QueryFormat.table,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
    actor: Annotated[Optional[str], typer.Option(help="Parameter of named queries: an actor's name.")] = None,
    relation: Annotated[Optional[str], typer.Option(help="Parameter of named queries: a relation.")] = None,
    page: Annotated[int, typer.Option(min=1, help="Named queries about one actor answer a page of rows at a time: "
                                      "which page.")] = 1,
    all_rows: Annotated[bool, typer.Option("--all", help="Every row of a paged named query (slow for an actor "
                                           "in hundreds of thousands of claims).")] = False,
    endpoint: Annotated[Optional[str], typer.Option(
        help="Query this SPARQL 1.1 endpoint (e.g. http://127.0.0.1:7878/query) instead of the built graph.")] = None,
) -> None:
    """Run a read-only SPARQL query over the built graph and print the rows.

    Examples: kg query "SELECT ?s WHERE { ?s a <https://w3id.org/actorkg/ontology#State> }";
    kg query supporters-of --actor Hezbollah; kg query actor-profile --actor Russia --page 2; kg query --list
    """
    from . import api
    from .errors import QueryError
    from .graph.profiles import PAGE_ROWS
    from .outputs.query import format_table

    named = api.named_queries()
    paged = False
    if list_:
        for name, q in named.items():
            params = " ".join(f"--{p} <{h or p}>" for p, h in q.params.items()) + (" [--page N | --all]" if q.paged else "")
            typer.echo(f"{name:18} {q.description}" + (f"\n{'':18} {params}" if params else ""))
        return
    if (page != 1 or all_rows) and not (sparql in named and named[sparql].paged):
        pages = ", ".join(name for name, q in named.items() if q.paged)
        raise QueryError(f"--page and --all are for the named queries that answer in pages: {pages}")
    if sparql is None or sparql == "-":
        if sparql is None and sys.stdin.isatty():
            raise QueryError("give a query, a .rq file, a named query (see --list), or - to read stdin")
        text = sys.stdin.read()
    elif sparql in named:
        values = {k: v for k, v in (("actor", actor), ("relation", relation)) if v is not None}
        paged = named[sparql].paged and not all_rows
        text = named[sparql].bind(values, page if paged else None)
    elif sparql.endswith(".rq") or (len(sparql) < 256 and Path(sparql).is_file()):
        text = Path(sparql).read_text(encoding="utf-8")
    else:
        text = sparql
    if endpoint:
        from .remote.sparql import query as remote_query
    table = remote_query(endpoint, text) if endpoint else api.query(output, text)
    typer.echo(format_table(table, fmt.value), nl=False)
    if paged and len(table.rows) >= PAGE_ROWS:
        typer.echo(f"page {page} of the answer ({PAGE_ROWS} rows a page): --page {page + 1} for the next, "
                   "--all for every row", err=True)


@app.command()
@handles_errors
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="RDF syntax.")] = ExportFormat.turtle,
    output: OutputDir = Path("output"),
    to: Annotated[Optional[Path], typer.Option("--to", help="File to write (default: standard output).")] = None,
    shards: Annotated[Optional[Path], typer.Option(
        help="With --format nq: gzip-compressed N-Quads files for bulk loaders, written into this folder.")] = None,
    shard_size: Annotated[int, typer.Option(help="Named graphs (documents) per file, with --shards.")] = 1000,
) -> None:
    """Write the built graph in an RDF syntax (TriG, N-Quads and JSON-LD keep one graph per document).

    Example: kg export --format trig --to graph.trig; kg export --format nq --shards shards/
    """
    from . import api
    from .outputs.serialize import write_atomic

    if shards is not None:
        from .remote.shards import export_shards

        report = export_shards(output, fmt.value, shards, shard_size)
        typer.echo(f"wrote {len(report.files)} files ({report.graphs} named graphs) to {shards}", err=True)
        return
    data = api.export(output, fmt.value)
    if to is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(to, data)
        typer.echo(f"wrote {to}", err=True)


@app.command()
@handles_errors
def viz(
    output: OutputDir = Path("output"),
    to: Annotated[Optional[Path], typer.Option("--to", help="HTML file to write (default: output/graph.html).")] = None,
) -> None:
    """Regenerate the interactive HTML graph from the built graph.

    Example: kg viz -o output/ && xdg-open output/graph.html
    """
    from . import api

    typer.echo(f"wrote {api.visualise(output, to)}")


@app.command()
@handles_errors
def validate(
    graph: Annotated[Optional[Path], typer.Argument(help="A built output folder or an RDF file. Default: output/")] = None,
) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl; list each violation.

    Example: kg validate output/
    """
    from . import api
    from .errors import ValidationFailed

    violations = api.validate(graph or Path("output"))
    if not violations:
        typer.echo("the graph conforms to the shapes")
        return
    for violation in violations:
        typer.echo(str(violation))
    raise ValidationFailed(f"{len(violations)} violation{'s' if len(violations) != 1 else ''} of the shapes")


@app.command()
@handles_errors
def stats(output: OutputDir = Path("output")) -> None:
    """Count the actors by type and the claims by relation.

    Example: kg stats
    """
    from . import api

    counts = api.stats(output)
    for kind in ("actors", "claims"):
        typer.echo(f"{kind}: {sum(counts[kind].values())}")
        for name, count in sorted(counts[kind].items(), key=lambda kv: (-kv[1], kv[0])):
            typer.echo(f"  {name:26} {count}")


@app.command()
@handles_errors
def compare(
    output: OutputDir = Path("output"),
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = CompareFormat.text,
    actor: Annotated[Optional[str], typer.Option(help="Only what concerns this actor (a name or alias).")] = None,
    source: Annotated[Optional[str], typer.Option(
        help="Only what concerns this source: a document's file name (or its start), an author or an outlet.")] = None,
) -> None:
    """Compare the sources: contested claims, figures side by side (disputed ones flagged), framing
    (which source calls whom what), and each source with how many of its claims others contest.

    Examples: kg compare; kg compare --actor "Jabhat al-Nusra"; kg compare --source 003 --format json
    """
    import json

    from .compare import compare_output, render_text

    comparison = compare_output(output, actor, source)
    if fmt is CompareFormat.json:
        typer.echo(json.dumps(comparison.to_json(), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_text(comparison), nl=False)


from .remote.commands import add_commands  # noqa: E402  (kg serve, kg load: kg/remote/commands.py)

add_commands(app, handles_errors)
