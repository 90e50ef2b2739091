"""Strict loading of the data files in ontology/: a malformed file fails here with file, line and problem."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph

from .errors import OntologyError


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false. In word lists "on", "off", "no" and "yes" stay words."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def load_yaml(path: Path, schema: int = 1) -> dict[str, Any]:
    """Read a versioned YAML rule file (`schema: N` at the top)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a SafeLoader)
    except OSError as err:
        raise OntologyError(str(path), None, f"cannot read: {err.strerror}") from err
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise OntologyError(str(path), line, f"not valid YAML: {err.problem}") from err
    if not isinstance(data, dict):
        raise OntologyError(str(path), 1, "expected a mapping at the top of the file")
    if data.get("schema") != schema:
        raise OntologyError(str(path), 1, f"expected 'schema: {schema}', found {data.get('schema')!r}")
    return data


def line_of(path: Path, needle: str) -> int | None:
    """The first line of `path` that contains `needle` outside a comment, to point an error at a row."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line.split("#", 1)[0]:
                return number
    except OSError:
        return None
    return None


def check_keys(path: Path, row: dict[str, Any], row_id: str, required: set[str], optional: set[str]) -> None:
    if not isinstance(row, dict):
        raise OntologyError(str(path), line_of(path, str(row_id)), f"row {row_id!r} is not a mapping")
    missing = required - row.keys()
    unknown = row.keys() - required - optional
    if missing or unknown:
        where = line_of(path, f"{sorted(unknown)[0]}:") if unknown else line_of(path, str(row_id))
        problem = "; ".join(
            part for part in (
                f"missing {sorted(missing)}" if missing else "",
                f"unknown keys {sorted(unknown)}" if unknown else "",
            ) if part
        )
        raise OntologyError(str(path), where, f"row {row_id!r}: {problem}")


def load_turtle(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except OSError as err:
        raise OntologyError(str(path), None, f"cannot read: {err.strerror}") from err
    except Exception as err:  # rdflib raises several parser exception types
        message = " ".join(str(err).split())
        found = re.search(r"line (\d+)", message)
        line = int(found.group(1)) if found else None
        source, at = getattr(err, "_str", None), getattr(err, "_i", None)
        if isinstance(source, (str, bytes)) and isinstance(at, int):  # rdflib's BadSyntax: count the lines ourselves
            line = source[:at].count("\n" if isinstance(source, str) else b"\n") + 1
        why = getattr(err, "_why", None) or message or type(err).__name__
        raise OntologyError(str(path), line, f"not valid Turtle: {why}") from err
    return graph
