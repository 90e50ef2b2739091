"""Per-file problems and user errors at the command line, in-process (typer's CliRunner) and in a real
subprocess: one line per skipped file (file: reason), the other files still built, the summary
counting them, --strict exiting 1; a user error is one "kg: ..." line on stderr, exit 2, no traceback."""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from typer.testing import CliRunner

import kg.settings
from kg.cli import app
from kg.graph.namespaces import AKG

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
SKIPPED = {
    "empty.txt": "empty file",
    "invalid-utf8.txt": "not valid UTF-8: byte 0xFF at line 2 (offset 60) is not part of a character",
    "pdf-named.txt": "binary content (a PDF file), not text",
    "png-named.txt": "binary content (a PNG image), not text",
    "whitespace.txt": "no text (only whitespace)",
    "zip-named.txt": "binary content (a zip archive or an Office document), not text",
}
TINY_TRIG = "<https://w3id.org/actorkg/graph/x> { <https://w3id.org/actorkg/doc/x> a <https://w3id.org/actorkg/ontology#Document> . }\n"
# The real CLI in a subprocess, with the ontology taken from the folder given as the first argument.
CLI_WITH_ONTOLOGY = (
    "import functools, sys; from pathlib import Path; import kg.settings as s; "
    "s.Settings = functools.partial(s.Settings, ontology=Path(sys.argv[1])); "
    "from kg.cli import app; app(sys.argv[2:], prog_name='kg')"
)


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def in_process(args: list[str]) -> Outcome:
    result = CliRunner().invoke(app, args)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def in_subprocess(args: list[str], ontology: Path | None = None) -> Outcome:
    if ontology:
        command = [sys.executable, "-c", CLI_WITH_ONTOLOGY, str(ontology), *args]
    else:
        command = [sys.executable, "-m", "kg", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    return Outcome(done.returncode, done.stdout, done.stderr)


RUNNERS = {"CliRunner": in_process, "subprocess": in_subprocess}


@dataclass(frozen=True)
class UserError:
    id: str
    args: Callable[[Path], list[str]]
    message: Callable[[Path], str]  # the one line on stderr, after "kg: "
    subprocess: bool = True  # also run in a subprocess (each costs a second)


def _only_bad_files(tmp: Path) -> list[str]:
    (tmp / "in").mkdir()
    shutil.copyfile(BAD / "empty.txt", tmp / "in" / "empty.txt")
    return ["build", str(tmp / "in"), "-o", str(tmp / "out")]


def _small_doc(tmp: Path) -> Path:
    (tmp / "in").mkdir(exist_ok=True)
    (tmp / "in" / "doc.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    return tmp / "in" / "doc.txt"


def _built(tmp: Path) -> Path:
    (tmp / "out").mkdir()
    (tmp / "out" / "graph.trig").write_text(TINY_TRIG, encoding="utf-8")
    return tmp / "out"


USER_ERRORS = [
    UserError("nonexistent path", lambda t: ["build", str(t / "nope"), "-o", str(t / "out")],
              lambda t: f"{t / 'nope'}: no such file or folder"),
    UserError("folder with no documents", lambda t: ["build", str(t), "-o", str(t / "out")],
              lambda t: "no usable documents (.txt, .md, .html) found"),
    UserError("folder with only unusable files", _only_bad_files,
              lambda t: f"no usable documents (.txt, .md, .html) found: {t / 'in' / 'empty.txt'}: empty file",
              subprocess=False),
    UserError("file over --max-bytes", lambda t: ["build", str(_small_doc(t)), "--max-bytes", "10", "-o", str(t / "o")],
              lambda t: "no usable documents (.txt, .md, .html) found: "
                        f"{t / 'in' / 'doc.txt'}: 25 bytes is over the limit of 10 (raise it with --max-bytes)",
              subprocess=False),
    UserError("query that updates", lambda t: ["query", "DELETE WHERE { ?s ?p ?o }", "-o", str(_built(t))],
              lambda t: "DELETE is a SPARQL update; kg query only reads the graph (rebuild it with kg build to "
                        "change it)"),
    UserError("query with a syntax error", lambda t: ["query", "SELECT WHERE {", "-o", str(_built(t))],
              lambda t: "SPARQL syntax error at line 1, column 15: expected one of REDUCED, [_]"),
    UserError("query before any build", lambda t: ["query", "SELECT * WHERE { ?s ?p ?o }", "-o", str(t / "none")],
              lambda t: f"no built graph at {t / 'none'}: run `kg build` first", subprocess=False),
]


@pytest.mark.parametrize(("error", "run"), [
    pytest.param(error, run, id=f"{error.id}-{name}")
    for error in USER_ERRORS for name, run in RUNNERS.items() if name == "CliRunner" or error.subprocess
])
def test_user_error_is_one_line_and_exit_2(error: UserError, run: Callable[[list[str]], Outcome],
                                           tmp_path: Path) -> None:
    outcome = run(error.args(tmp_path))
    assert (outcome.code, outcome.stderr) == (2, f"kg: {error.message(tmp_path)}\n")
    assert "Traceback" not in outcome.stdout


def _broken_ontology(tmp: Path) -> tuple[Path, str, set[int]]:
    """A copy of ontology/ whose first relation row names an unknown relation: the folder, the row id,
    and the lines that point at the row (its `- id:` line or its `relation:` line)."""
    ontology = tmp / "ontology"
    shutil.copytree(kg.settings.ontology_dir(), ontology)
    path = ontology / "relations.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if re.match(r"\s*- id: ", line))
    relation = next(i for i in range(first, len(lines)) if re.match(r"\s+relation: ", lines[i]))
    lines[relation] = re.sub(r"relation: .*", "relation: suports", lines[relation])
    path.write_text("\n".join(lines), encoding="utf-8")
    return ontology, lines[first].split("id:", 1)[1].strip(), {first + 1, relation + 1}


@pytest.mark.parametrize("runner", ["CliRunner", "subprocess"])
def test_malformed_ontology_file_is_one_line_with_file_and_line(runner: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ontology, row, lines = _broken_ontology(tmp_path)
    args = ["build", str(_small_doc(tmp_path)), "-o", str(tmp_path / "out"), "-q"]
    if runner == "CliRunner":
        monkeypatch.setattr(kg.settings, "Settings", functools.partial(kg.settings.Settings, ontology=ontology))
        outcome = in_process(args)
    else:
        outcome = in_subprocess(args, ontology)
    found = re.fullmatch(rf"kg: {re.escape(str(ontology / 'relations.yaml'))}:(\d+): row '{re.escape(row)}': "
                         r"unknown relation 'suports'; expected one of [^\n]+\n", outcome.stderr)
    assert outcome.code == 2 and found, outcome.stderr
    assert int(found.group(1)) in lines
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    shutil.copytree(BAD, tmp_path / "bad")
    return tmp_path / "bad"


def _check_build(outcome: Outcome, catalogue: Path, output: Path, code: int) -> None:
    assert outcome.code == code, outcome.stderr
    assert sorted(outcome.stderr.splitlines()) == [f"skipped {catalogue / name}: {reason}"
                                                   for name, reason in sorted(SKIPPED.items())]
    assert re.match(r"7 documents, \d+ sentences, .*; 6 files skipped; ", outcome.stdout), outcome.stdout
    graph = Graph().parse(output / "graph.ttl", format="turtle")
    assert len(set(graph.subjects(RDF.type, AKG.Document))) == 7


@pytest.mark.parametrize(("strict", "code"), [([], 0), (["--strict"], 1)], ids=["default", "strict"])
def test_skipped_files_are_reported_and_the_rest_built(catalogue: Path, tmp_path: Path, strict: list[str],
                                                       code: int) -> None:
    output = tmp_path / "out"
    _check_build(in_process(["build", str(catalogue), "-o", str(output), "-q", *strict]), catalogue, output, code)
