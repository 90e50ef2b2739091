"""Article layout: body and reader comments (sections), title, author and outlet (byline).

SourceDoc text in -> Sections and DocMeta out. The patterns are data in ontology/layout.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import line_of, load_yaml
from ..errors import OntologyError
from ..types import DocMeta, Section

BYLINE_WINDOW = 6  # lines from the top where a byline may stand


@dataclass(frozen=True)
class Layout:
    markers: tuple[re.Pattern[str], ...]
    item: re.Pattern[str]
    commenter: tuple[re.Pattern[str], ...]
    bylines: tuple[re.Pattern[str], ...]


KEYS = {"schema", "comment_markers", "comment_item", "commenter", "bylines"}
NEEDED_GROUPS = {"commenter": {"name"}, "bylines": {"author"}}


@lru_cache(maxsize=4)
def load_layout(path: Path) -> Layout:
    """The layout patterns of `path`; a malformed file raises OntologyError with its line and the problem."""
    data = load_yaml(path)
    unknown, missing = sorted(data.keys() - KEYS), sorted(KEYS - data.keys())
    if unknown:
        raise OntologyError(str(path), _key_line(path, unknown[0]),
                            f"unknown key {unknown[0]!r}; expected {', '.join(sorted(KEYS))}")
    if missing:
        raise OntologyError(str(path), None, f"missing key {missing[0]!r}")
    return Layout(
        markers=_patterns(path, data, "comment_markers", re.IGNORECASE),
        item=_pattern(path, "comment_item", data["comment_item"], re.MULTILINE),
        commenter=_patterns(path, data, "commenter", re.IGNORECASE),
        bylines=_patterns(path, data, "bylines", 0),
    )


def _patterns(path: Path, data: dict[str, Any], key: str, flags: int) -> tuple[re.Pattern[str], ...]:
    sources = data[key]
    if not isinstance(sources, list) or not sources:
        raise OntologyError(str(path), _key_line(path, key), f"{key}: expected a list of regular expressions")
    return tuple(_pattern(path, key, source, flags) for source in sources)


def _pattern(path: Path, key: str, source: Any, flags: int) -> re.Pattern[str]:
    def error(problem: str) -> OntologyError:
        line = (line_of(path, source) if isinstance(source, str) else None) or _key_line(path, key)
        return OntologyError(str(path), line, f"{key}: {problem}")

    if not isinstance(source, str):
        raise error(f"{source!r} is not a regular expression (a string)")
    try:
        pattern = re.compile(source, flags)
    except re.error as err:
        raise error(f"bad regular expression {source!r}: {err}") from err
    lacking = NEEDED_GROUPS.get(key, set()) - pattern.groupindex.keys()
    if lacking:
        raise error(f"{source!r} needs the named group(s) {sorted(lacking)}")
    return pattern


def _key_line(path: Path, key: str) -> int | None:
    """The line where the top-level `key:` stands."""
    text = path.read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _lines(text: str):
    """(start, end, line) for every line, line endings excluded; CRLF and lone CR both end a line."""
    for found in re.finditer(r"[^\r\n]*", text):
        if found.start() == found.end() and found.start() > 0 and text[found.start() - 1] not in "\r\n":
            continue
        yield found.start(), found.end(), found.group()


def split_sections(text: str, layout: Layout) -> tuple[Section, ...]:
    """The body, then one Section per reader comment after the first comment marker."""
    marker_at = None
    for start, _end, line in _lines(text):
        stripped = line.strip()
        if stripped and any(m.fullmatch(stripped) for m in layout.markers):
            marker_at = start
            break
    if marker_at is None:
        return (Section(0, len(text), "body"),)
    sections = [Section(0, marker_at, "body")]
    starts = [found.start() for found in layout.item.finditer(text, marker_at)]
    bounds = [marker_at, *[s for s in starts if s > marker_at], len(text)]
    for index, (start, end) in enumerate(zip(bounds, bounds[1:]), 1):
        first_line = text[start:end].strip().splitlines()[0] if text[start:end].strip() else ""
        sections.append(Section(start, end, "comment", index, _commenter(first_line, layout)))
    return tuple(sections)


def _commenter(first_line: str, layout: Layout) -> str | None:
    cleaned = layout.item.sub("", first_line, count=1).strip() if layout.item.match(first_line) else first_line
    for pattern in layout.commenter:
        found = pattern.search(cleaned)
        if found:
            return found.group("name").strip()
    return None


def read_meta(text: str, layout: Layout) -> DocMeta:
    """Title (the first non-empty line) and the byline's author and outlet, if the top of the text has one."""
    lines = [line.strip() for _s, _e, line in _lines(text[:5000]) if line.strip()]
    title = lines[0][:300] if lines else None
    for line in lines[:BYLINE_WINDOW]:
        for pattern in layout.bylines:
            found = pattern.match(line)
            if found:
                groups = found.groupdict()
                outlet = (groups.get("outlet") or "").strip() or None
                return DocMeta(title, groups["author"].strip(), outlet)
    return DocMeta(title)
