"""Malformed data files in ontology/ fail at load with the file, the line and what is wrong.

Each case breaks one line of a copy of the shipped ontology (found by pattern, so the cases hold
while the files grow) and names the lines an error may point at: the broken line itself, or the
start of the row or actor it belongs to.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.actors.gazetteer import load_gazetteer
from kg.cues import load_cues
from kg.datafiles import load_turtle
from kg.errors import OntologyError
from kg.ingest.layout import load_layout
from kg.outputs.validate import validate_graph
from kg.relations.lexicon import load_lexicon
from kg.settings import ontology_dir
from rdflib import Graph

Lines = list[str]


@dataclass(frozen=True)
class Broken:
    id: str
    file: str
    break_it: Callable[[Lines], tuple[int, ...]]  # edits the lines; the 0-based lines the error may name
    problem: str  # a regular expression the problem must match from its start
    load: Callable[[Path], object]  # the loader, given the ontology folder


def first(lines: Lines, pattern: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if re.search(pattern, lines[i]))


def row_id(lines: Lines) -> str:
    return lines[first(lines, r"^\s*- id: ")].split("id:", 1)[1].strip()


def relations(edit: Callable[[Lines, int], tuple[int, ...]]) -> Callable[[Lines], tuple[int, ...]]:
    """An edit of the first row of relations.yaml, given the index of its `- id:` line."""
    return lambda lines: edit(lines, first(lines, r"^\s*- id: "))


def bad_relation_yaml(lines: Lines, row: int) -> tuple[int, ...]:
    at = first(lines, r"^\s+relation: ", row)
    lines[at] = "    relation: a: b"
    return (at,)


def unknown_row_key(lines: Lines, row: int) -> tuple[int, ...]:
    lines.insert(row + 1, "    colour: red")
    return row, row + 1


def unknown_relation(lines: Lines, row: int) -> tuple[int, ...]:
    at = first(lines, r"^\s+relation: ", row)
    lines[at] = "    relation: suports"
    return row, at


def no_examples(lines: Lines, row: int) -> tuple[int, ...]:
    start = first(lines, r"^\s+examples:", row)
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    del lines[start:end]
    return (row,)


def replace_line(pattern: str, new: str) -> Callable[[Lines], tuple[int, ...]]:
    def edit(lines: Lines) -> tuple[int, ...]:
        at = first(lines, pattern)
        lines[at] = re.sub(r"^(\s*).*", lambda m: m.group(1) + new, lines[at])
        return (at,)

    return edit


def insert_before(pattern: str, new: str) -> Callable[[Lines], tuple[int, ...]]:
    def edit(lines: Lines) -> tuple[int, ...]:
        at = first(lines, pattern)
        lines.insert(at, new)
        return (at,)

    return edit


def insert_after(pattern: str, new: str) -> Callable[[Lines], tuple[int, ...]]:
    def edit(lines: Lines) -> tuple[int, ...]:
        at = first(lines, pattern) + 1
        lines.insert(at, new)
        return (at,)

    return edit


def two_types(lines: Lines) -> tuple[int, ...]:
    at = first(lines, r"^actor:russia a akg:State")
    lines[at] = lines[at].replace("a akg:State", "a akg:State, akg:ArmedGroup")
    return (at,)


def lexicon(folder: Path) -> object:
    return load_lexicon(folder / "relations.yaml")


def cues(folder: Path) -> object:
    return load_cues(folder / "cues.yaml")


def layout(folder: Path) -> object:
    return load_layout(folder / "layout.yaml")


def shapes(folder: Path) -> object:
    return validate_graph(Graph(), folder / "shapes.ttl")


def ontology(folder: Path) -> object:
    return load_turtle(folder / "akg.ttl")


CASES = [
    Broken("relations.yaml: not YAML", "relations.yaml", relations(bad_relation_yaml),
           r"not valid YAML: mapping values are not allowed here", lexicon),
    Broken("relations.yaml: unknown key", "relations.yaml", relations(unknown_row_key),
           r"row '{row}': unknown keys \['colour'\]", lexicon),
    Broken("relations.yaml: unknown relation", "relations.yaml", relations(unknown_relation),
           r"row '{row}': unknown relation 'suports'; expected one of allegianceTo, ", lexicon),
    Broken("relations.yaml: row without examples", "relations.yaml", relations(no_examples),
           r"row '{row}': missing \['examples'\]", lexicon),
    Broken("cues.yaml: not YAML", "cues.yaml", replace_line(r"^  he:", "he: a: b"),
           r"not valid YAML: mapping values are not allowed here", cues),
    Broken("cues.yaml: unknown key", "cues.yaml", insert_before(r"^pronouns:", "colours: [red]"),
           r".*unknown keys \['colours'\]", cues),
    Broken("cues.yaml: a word list that is not a list", "cues.yaml", replace_line(r"^negations:", "negations: 5"),
           r"negations: expected a list of words", cues),
    Broken("cues.yaml: unknown actor type", "cues.yaml", replace_line(r"^  envoy:", "envoy: [Persn]"),
           r"envoy: unknown actor types \['Persn'\]", cues),
    Broken("cues.yaml: a lemma fix that is not a word", "cues.yaml",
           replace_line(r"^  waged:", "waged: [wage]"), r"lemma_fixes 'waged': expected a word", cues),
    Broken("layout.yaml: not YAML", "layout.yaml", replace_line(r"^comment_item:", "comment_item: a: b"),
           r"not valid YAML: mapping values are not allowed here", layout),
    Broken("layout.yaml: unknown key", "layout.yaml", insert_before(r"^bylines:", "colours: [red]"),
           r"unknown key 'colours'; expected bylines, comment_item, comment_markers, commenter, schema", layout),
    Broken("layout.yaml: bad regular expression", "layout.yaml", insert_after(r"^comment_markers:", "  - '(unclosed'"),
           r"comment_markers: bad regular expression '\(unclosed': missing \), unterminated subpattern", layout),
    Broken("layout.yaml: commenter pattern without its name group", "layout.yaml",
           insert_after(r"^commenter:", r"  - '^(\w+) says$'"),
           r"commenter: '\^\(\\\\w\+\) says\$' needs the named group\(s\) \['name'\]", layout),
    Broken("actors.ttl: actor with two types", "actors.ttl", two_types,
           r"actor:russia has 2 actor types, expected one", load_gazetteer),
    Broken("actors.ttl: not Turtle (where)", "actors.ttl",
           insert_after(r"^actor:russia a ", '    skos:altLabel "Oops ;'), r"not valid Turtle", load_gazetteer),
    Broken("actors.ttl: not Turtle (what)", "actors.ttl",
           insert_after(r"^actor:russia a ", '    skos:altLabel "Oops ;'),
           r"not valid Turtle: .*newline found in string literal", load_gazetteer),
    Broken("shapes.ttl: not Turtle", "shapes.ttl", insert_after(r"^@prefix", "this is not turtle ."),
           r"not valid Turtle", shapes),
    Broken("akg.ttl: not Turtle", "akg.ttl", insert_after(r"^@prefix", "akg:x akg:y ."),
           r"not valid Turtle", ontology),
]


def _id(case: Broken | object) -> str:
    return case.id if isinstance(case, Broken) else case.values[0].id


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_malformed_file_fails_at_load_with_file_line_and_problem(case: Broken, tmp_path: Path) -> None:
    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    path = folder / case.file
    lines = path.read_text(encoding="utf-8").split("\n")
    row = row_id(lines) if case.file == "relations.yaml" else ""
    allowed = {index + 1 for index in case.break_it(lines)}
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(OntologyError) as raised:
        case.load(folder)
    error = raised.value
    assert error.path == str(path)
    assert error.line in allowed, (error.line, allowed, str(error))
    assert re.match(case.problem.format(row=re.escape(row)), error.problem), error.problem
    assert str(error).startswith(f"{path}:{error.line}: ")
