"""SHACL validation of a built graph against ontology/shapes.ttl (pySHACL)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Namespace

from ..datafiles import load_turtle

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}  {self.path}: {self.message}"


def validate_graph(data: Graph, shapes_path: Path) -> list[Violation]:
    shapes = load_turtle(shapes_path)
    conforms, report, _text = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=False,
                                             allow_warnings=True)
    if conforms:
        return []
    out = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        out.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=str(report.value(result, SH.resultPath) or ""),
            message=str(report.value(result, SH.resultMessage) or "violation"),
        ))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))
