"""SPARQL over a built graph: read-only queries, named parameterised queries, result formats.

Named queries are plain SPARQL 1.1 files in ontology/queries/<name>.rq. A line
`# param: actor  the actor's name or alias` declares a parameter; in the query body
`$actor` stands for it and is bound to a string literal (the query then matches labels).

A query about one actor answers a page of PAGE_ROWS rows at a time, so that its time does not
grow with the actor's claims: `$page` is the page number (`VALUES ?number { $page }` over the
profile pages the build keeps), `$slice` the LIMIT and OFFSET of a subquery. Bound without a
page, they read every row.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from ..errors import QueryError
from ..graph.profiles import PAGE_ROWS

UPDATE = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE | re.MULTILINE)
PREFIX_LINES = re.compile(r"^\s*(PREFIX|BASE)\b[^\n]*$", re.IGNORECASE | re.MULTILINE)
PAGING = re.compile(r"\$(page|slice)\b")
SYNTAX = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: dict[str, str]
    text: str

    @property
    def paged(self) -> bool:
        return bool(PAGING.search(self.text))

    def bind(self, values: dict[str, str], page: int | None = 1) -> str:
        """The query with its parameters and page bound; page None: every row."""
        missing = [p for p in self.params if p not in values]
        if missing:
            raise QueryError(f"query {self.name!r} needs --{' --'.join(missing)}")
        if page is not None and page < 1:
            raise QueryError(f"pages are numbered from 1, not {page}")
        text = re.sub(r"\$page\b", "UNDEF" if page is None else str(page), self.text)
        text = re.sub(r"\$slice\b", "" if page is None else f"LIMIT {PAGE_ROWS} OFFSET {(page - 1) * PAGE_ROWS}", text)
        for name, value in values.items():
            text = re.sub(rf"\${name}\b", Literal(value).n3().replace("\\", "\\\\"), text)
        return text


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[object]]  # rdflib terms or None


def load_named_queries(folder: Path) -> dict[str, NamedQuery]:
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        lines = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
        description = next((line for line in lines if not line.startswith("param:")), "")
        params = {}
        for line in lines:
            if line.startswith("param:"):
                name, _, help_text = line[len("param:"):].strip().partition(" ")
                params[name] = help_text.strip()
        queries[path.stem] = NamedQuery(path.stem, description, params, text)
    return queries


def check_read_only(sparql: str) -> None:
    """Refuse SPARQL Update with a message that says why (the store's parser would only say
    that it expected a query)."""
    body = PREFIX_LINES.sub("", re.sub(r"#[^\n]*", "", sparql))
    found = UPDATE.search(body)
    if found:
        raise QueryError(f"{found.group(1).upper()} is a SPARQL update; kg query only reads the graph "
                         "(rebuild it with kg build to change it)")


def syntax_error(err: SyntaxError) -> QueryError:
    """The store's parse error ("error at 2:21: expected ...") as one line with line and column."""
    message = str(err)
    found = SYNTAX.match(message)
    if found:
        return QueryError(f"SPARQL syntax error at line {found.group(1)}, column {found.group(2)}: {found.group(3)}")
    return QueryError(f"SPARQL syntax error: {message}")


def term_text(term: object) -> str:
    if term is None:
        return ""
    return str(term)


def format_table(table: Table, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(_sparql_json(table), indent=2, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([term_text(v) for v in row])
        return out.getvalue()
    cells = [[term_text(v).replace("\n", " ") for v in row] for row in table.rows]
    widths = [min(80, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(table.columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [line(table.columns), rule, *[line(r) for r in cells]]
    return "\n".join(body) + f"\n({len(cells)} row{'s' if len(cells) != 1 else ''})\n"


def _sparql_json(table: Table) -> dict:
    def binding(term: object) -> dict | None:
        if isinstance(term, URIRef):
            return {"type": "uri", "value": str(term)}
        if isinstance(term, BNode):
            return {"type": "bnode", "value": str(term)}
        if isinstance(term, Literal):
            out = {"type": "literal", "value": str(term)}
            if term.language:
                out["xml:lang"] = term.language
            elif term.datatype:
                out["datatype"] = str(term.datatype)
            return out
        return None

    bindings = []
    for row in table.rows:
        bindings.append({c: b for c, v in zip(table.columns, row) if (b := binding(v)) is not None})
    return {"head": {"vars": table.columns}, "results": {"bindings": bindings}}
