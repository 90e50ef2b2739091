"""HTML -> the text a reader sees: markup stripped, scripts and styles dropped, block elements on their own lines.

Offsets in the graph count characters of this extracted text, which is what the graph stores as the context.
As a browser does, line breaks in the markup are plain spaces (outside <pre>), CRLF and CR are read as LF,
and an omitted </head> ends at the first element of the body.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

DROP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "title", "dd", "dt", "figcaption",
    "body", "main", "nav", "aside", "figure", "dl", "address", "caption", "details", "summary",
}
CELL = {"td", "th"}
WHITESPACE = re.compile(r"\s+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping: list[str] = []  # open elements whose content is dropped, innermost last
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping == ["head"] and tag in BLOCK - {"title"}:
            self.dropping.clear()
        if tag in DROP:
            self.dropping.append(tag)
        elif self.dropping:
            return
        elif tag in BLOCK:
            self.parts.append("\n")
        elif tag in CELL:
            self.parts.append(" ")
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """<br/>, <script src="..."/>: an element with no content and no end tag to wait for."""
        if tag not in DROP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.dropping:
            del self.dropping[len(self.dropping) - 1 - self.dropping[::-1].index(tag):]
        elif not self.dropping and tag in BLOCK:
            self.parts.append("\n")
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data if self.pre else WHITESPACE.sub(" ", data))


def html_to_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\f\v\xa0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in text)
