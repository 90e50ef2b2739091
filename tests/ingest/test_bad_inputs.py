"""The catalogue of bad inputs (tests/data/README.md): for each case, exactly which files are skipped
and why, and exactly which documents are read (id, files, encoding, media type, text).

Small inputs are files in tests/data/bad/; big or odd ones (the 50 MB file, 10,000 files, pipes,
links, unreadable files) are made in tmp_path by the case itself.
"""
from __future__ import annotations

import os
import shutil
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from kg.api import build_dataset
from kg.graph.namespaces import AKG, NIF
from kg.ingest.layout import load_layout
from kg.ingest.read import load, scan
from kg.nlp.analyse import analyse_all
from kg.outputs.serialize import union
from kg.types import SourceDoc

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
LIMIT = 20_000_000
SAME = "Hezbollah fights alongside the Syrian army near Qusayr.\nThe United States opposes Hezbollah.\n"


@dataclass(frozen=True)
class Doc:
    doc_id: str
    sources: tuple[str, ...]  # paths relative to the case's folder
    encoding: str
    media_type: str
    text: str


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Path, pytest.MonkeyPatch], list[Path]]  # lays the input out under tmp_path; the paths to read
    problems: tuple[tuple[str, str], ...] = ()  # (path relative to tmp_path, reason)
    docs: tuple[Doc, ...] = ()
    sentences: tuple[str, ...] = ()  # every sentence of the (first) document, when the case checks offsets


def catalogue(*names: str) -> Callable[[Path, pytest.MonkeyPatch], list[Path]]:
    """Copy files of tests/data/bad/ into the case's folder; the folder is what is read."""

    def make(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
        for name in names:
            shutil.copyfile(BAD / name, tmp / name)
        return [tmp]

    return make


def written(files: dict[str, bytes]) -> Callable[[Path, pytest.MonkeyPatch], list[Path]]:
    def make(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
        for name, data in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
        return [tmp]

    return make


def fifo(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    os.mkfifo(tmp / "pipe.txt")
    return [tmp]


def folder_named_txt(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "x.txt").mkdir()
    (tmp / "x.txt" / "inner.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    return [tmp]


def permission_denied(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Tests run as root, where chmod 000 does not stop reading: the open itself is made to fail."""
    (tmp / "locked.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    return [tmp]


def folder_permission_denied(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "locked").mkdir()
    (tmp / "locked" / "doc.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    (tmp / "open.txt").write_text("Turkey opposes the YPG.\n", encoding="utf-8")
    real_scandir = os.scandir

    def refusing_scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    return [tmp]


def chmod_000(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "locked.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    (tmp / "locked.txt").chmod(0)
    return [tmp]


def broken_link(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "broken.txt").symlink_to("missing.txt")
    return [tmp]


def file_link_loop(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "a.txt").symlink_to("b.txt")
    (tmp / "b.txt").symlink_to("a.txt")
    return [tmp]


def folder_link_loop(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "sub").mkdir()
    (tmp / "sub" / "up").symlink_to("..")
    (tmp / "sub" / "doc.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    return [tmp]


def broken_link_named(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "gone.txt").symlink_to("missing.txt")
    return [tmp / "gone.txt"]


def named_file(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "notes.text").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    return [tmp / "notes.text", tmp / "notes.text"]


def other_files(tmp: Path, _monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    (tmp / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp / ".hidden.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    (tmp / ".git").mkdir()
    (tmp / ".git" / "notes.md").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    (tmp / "kept.md").write_text("Turkey opposes the YPG.\n", encoding="utf-8")
    return [tmp]


def plain(name: str, text: str, encoding: str = "utf-8", media: str = "text/plain",
          sources: tuple[str, ...] | None = None) -> Doc:
    return Doc(name, sources or (name,), encoding, media, text)


CRLF_TEXT = ("Envoy visits Damascus\r\n\r\nRussia supports the Syrian government. Iran supports Hezbollah.\r\n"
             "Turkey opposes the YPG.\r\n")
FOUR_SENTENCES = ("Envoy visits Damascus", "Russia supports the Syrian government.", "Iran supports Hezbollah.",
                  "Turkey opposes the YPG.")
HTML_TEXT = ("Envoy in Geneva\n\nRussia supports the Syrian government & its army.\n\nTurkey opposes the YPG.\n\n"
             "Iran Hezbollah\n")
CP1252_TEXT = ("“Russia supports the Syrian government,” the envoy said — over a café crème.\n"
               "Iran’s support for Hezbollah continues.\n")
BINARY = "binary content ({}), not text"

CASES = [
    Case("empty file", catalogue("empty.txt"), (("empty.txt", "empty file"),)),
    Case("whitespace only", catalogue("whitespace.txt"), (("whitespace.txt", "no text (only whitespace)"),)),
    Case("PDF named .txt", catalogue("pdf-named.txt"), (("pdf-named.txt", BINARY.format("a PDF file")),)),
    Case("PNG named .txt", catalogue("png-named.txt"), (("png-named.txt", BINARY.format("a PNG image")),)),
    Case("zip named .txt", catalogue("zip-named.txt"),
         (("zip-named.txt", BINARY.format("a zip archive or an Office document")),)),
    Case("invalid UTF-8", catalogue("invalid-utf8.txt"),
         (("invalid-utf8.txt", "not valid UTF-8: byte 0xFF at line 2 (offset 60) is not part of a character"),)),
    Case("UTF-8 cut in the middle of a character", written({"cut.txt": "Damascus — the envoy said é".encode()[:-1]}),
         (("cut.txt", "not valid UTF-8: byte 0xC3 at line 1 (offset 28) starts a character that the file cuts "
                      "short (truncated?)"),)),
    Case("bytes no supported encoding fits", written({"noise.txt": bytes(range(0x80, 0x100)) * 3}),
         (("noise.txt", "not valid UTF-8 and no supported legacy encoding (Windows-1252, Windows-1251, KOI8-R) "
                        "fits"),)),
    Case("byte Windows-1252 leaves undefined", written({"c1.txt": b"Iran \x81 supports Hezbollah.\n"}),
         (("c1.txt", "not valid Windows-1252: byte 0x81 at line 1 (offset 5) is not a character in it"),)),
    Case("control characters", written({"ctrl.txt": b"\x01\x02\x03 Iran" * 20}),
         (("ctrl.txt", "binary content (control characters), not text"),)),
    Case("UTF-16 without a byte-order mark", written({"u16.txt": "Iran supports Hezbollah.\n".encode("utf-16-le")}),
         (("u16.txt", "binary content (NUL bytes; or UTF-16 without a byte-order mark), not text"),)),
    Case("UTF-16 with a byte-order mark", written({"u16.txt": "Iran supports Hezbollah.\n".encode("utf-16")}),
         docs=(plain("u16.txt", "Iran supports Hezbollah.\n", "utf-16"),)),
    Case("Windows-1252", catalogue("windows-1252.txt"), docs=(plain("windows-1252.txt", CP1252_TEXT, "cp1252"),),
         sentences=("“Russia supports the Syrian government,” the envoy said — over a café crème.",
                    "Iran’s support for Hezbollah continues.")),
    Case("Latin-1 (read as Windows-1252, its superset)", catalogue("latin-1.txt"),
         docs=(plain("latin-1.txt", "Le président syrien a rencontré l'envoyé à Genève.\nTurkey opposes the YPG.\n",
                     "cp1252"),)),
    Case("Windows-1251 (Cyrillic)", written({"ru.txt": "Москва поддерживает правительство Сирии.\n".encode("cp1251")}),
         docs=(plain("ru.txt", "Москва поддерживает правительство Сирии.\n", "cp1251"),)),
    Case("UTF-8 byte-order mark", catalogue("bom.txt"),
         docs=(plain("bom.txt", "Russia supports the Syrian government.\nIran supports Hezbollah.\n", "utf-8-sig"),),
         sentences=("Russia supports the Syrian government.", "Iran supports Hezbollah.")),
    Case("CRLF line endings", catalogue("crlf.txt"), docs=(plain("crlf.txt", CRLF_TEXT),), sentences=FOUR_SENTENCES),
    Case("lone CR line endings", catalogue("cr.txt"), docs=(plain("cr.txt", CRLF_TEXT.replace("\r\n", "\r")),),
         sentences=FOUR_SENTENCES),
    Case("HTML", catalogue("article.html"), docs=(plain("article.html", HTML_TEXT, media="text/html"),),
         sentences=("Envoy in Geneva", "Russia supports the Syrian government & its army.", "Turkey opposes the YPG.",
                    "Iran Hezbollah")),
    Case("HTML with no text outside the markup",
         written({"blank.html": b"<html><head><title>T</title></head><body><script>x()</script></body></html>"}),
         (("blank.html", "no text outside the markup"),)),
    Case("same article twice under two names", catalogue("same-1.txt", "same-2.txt"),
         docs=(plain("same-1.txt", SAME, sources=("same-1.txt", "same-2.txt")),)),
    Case("copies differing in one character", written({"a.txt": SAME.encode(), "b.txt": SAME.encode()[:-2] + b"!\n"}),
         docs=(plain("a.txt", SAME), plain("b.txt", SAME[:-2] + "!\n"))),
    Case("same file name, different texts", written({"x/doc.txt": b"Iran supports Hezbollah.\n",
                                                      "y/doc.txt": b"Turkey opposes the YPG.\n"}),
         docs=(plain("doc.txt", "Iran supports Hezbollah.\n", sources=("x/doc.txt",)),
               plain("doc.txt~2", "Turkey opposes the YPG.\n", sources=("y/doc.txt",)))),
    Case("named pipe", fifo, (("pipe.txt", "not a regular file (a named pipe)"),)),
    Case("folder named x.txt", folder_named_txt, docs=(plain("inner.txt", "Iran supports Hezbollah.\n",
                                                             sources=("x.txt/inner.txt",)),)),
    Case("unreadable file (permission denied)", permission_denied,
         (("locked.txt", "cannot read: Permission denied"),)),
    Case("folder that cannot be listed", folder_permission_denied,
         (("locked", "cannot list the folder: Permission denied"),),
         docs=(plain("open.txt", "Turkey opposes the YPG.\n"),)),
    pytest.param(Case("unreadable file (chmod 000)", chmod_000, (("locked.txt", "cannot read: Permission denied"),)),
                 marks=pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")),
    Case("broken symbolic link", broken_link, (("broken.txt", "broken symbolic link (to missing.txt)"),)),
    Case("broken symbolic link named on the command line", broken_link_named,
         (("gone.txt", "broken symbolic link (to missing.txt)"),)),
    Case("symbolic link loop between files", file_link_loop,
         (("a.txt", "symbolic link loop"), ("b.txt", "symbolic link loop"))),
    Case("symbolic link loop between folders", folder_link_loop,
         (("sub/up", "symbolic link loop (a link to a folder that contains it); folder skipped"),),
         docs=(plain("doc.txt", "Iran supports Hezbollah.\n", sources=("sub/doc.txt",)),)),
    Case("file named twice on the command line, any suffix", named_file,
         docs=(plain("notes.text", "Iran supports Hezbollah.\n"),)),
    Case("other suffixes and hidden files in folders", other_files,
         docs=(plain("kept.md", "Turkey opposes the YPG.\n"),)),
]


def _case_id(case: Case | object) -> str:
    return case.id if isinstance(case, Case) else case.values[0].id


def _relative(path: str, tmp: Path) -> str:
    return str(Path(path).relative_to(tmp))


def _doc(source: SourceDoc, tmp: Path) -> Doc:
    return Doc(source.doc_id, tuple(_relative(p, tmp) for p in source.sources), source.encoding,
               source.media_type, source.text)


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = scan(case.make(tmp_path, monkeypatch), LIMIT)
    assert sorted((_relative(p.path, tmp_path), p.reason) for p in corpus.problems) == sorted(case.problems)
    assert [_doc(load(entry, LIMIT), tmp_path) for entry in corpus.entries] == list(case.docs)


GRAPH_CASES = [c for c in CASES if isinstance(c, Case) and c.docs]


@pytest.mark.parametrize("case", GRAPH_CASES, ids=[c.id for c in GRAPH_CASES])
def test_graph_keeps_text_offsets_encoding_and_sources(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        nlp, settings) -> None:
    """Every nif:Sentence's anchorOf is the context's nif:isString between its offsets; the document
    records its encoding, media type and every file that held it."""
    corpus = scan(case.make(tmp_path, monkeypatch), LIMIT)
    layout = load_layout(settings.path("layout.yaml"))
    sources = [load(entry, LIMIT) for entry in corpus.entries]
    graph = union(build_dataset(analyse_all(nlp, layout, sources), settings))
    for source, want in zip(sources, case.docs):
        doc = graph.value(predicate=DCTERMS.identifier, object=Literal(want.doc_id))
        context = graph.value(predicate=AKG.document, object=doc)
        assert str(graph.value(context, NIF.isString)) == want.text
        assert str(graph.value(doc, AKG.encoding)) == want.encoding
        assert str(graph.value(doc, DCTERMS["format"])) == want.media_type
        assert sorted(_relative(str(s), tmp_path) for s in graph.objects(doc, AKG.sourceFile)) == list(want.sources)
        anchors = _sentences(graph, context, want.text)
        if case.sentences and source is sources[0]:
            assert anchors == list(case.sentences)


def _sentences(graph, context: URIRef, text: str) -> list[str]:
    """The sentences of `context` in text order, each checked against the text between its offsets."""
    found = []
    for sentence in graph.subjects(NIF.referenceContext, context):
        assert (sentence, RDF.type, NIF.Sentence) in graph
        begin, end = int(graph.value(sentence, NIF.beginIndex)), int(graph.value(sentence, NIF.endIndex))
        anchor = str(graph.value(sentence, NIF.anchorOf))
        assert anchor == text[begin:end], (begin, end)
        found.append((begin, anchor))
    return [anchor for _begin, anchor in sorted(found)]


def test_file_over_the_limit_is_refused_from_its_size_before_reading(tmp_path: Path) -> None:
    """A 50 MB file: refused with the limit and how to raise it; the refusal reads none of it."""
    line = b"Russia supports the Syrian government. Iran supports Hezbollah.\n"
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        for _ in range(50 * 2**20 // (len(line) * 1024) + 1):
            handle.write(line * 1024)
    size = big.stat().st_size
    assert size > 50 * 2**20
    tracemalloc.start()
    try:
        corpus = scan([tmp_path], LIMIT)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(p.path, p.reason) for p in corpus.problems] == [
        (str(big), f"{size:,} bytes is over the limit of 20,000,000 (raise it with --max-bytes)")]
    assert corpus.entries == []
    assert peak < 1_000_000


def test_raised_limit_reads_a_50_mb_file(tmp_path: Path) -> None:
    line = "Russia supports the Syrian government. Iran supports Hezbollah.\n"
    (tmp_path / "big.txt").write_text(line * (50 * 2**20 // len(line) + 1), encoding="utf-8")
    corpus = scan([tmp_path], 60_000_000)
    assert corpus.problems == []
    assert [(e.doc_id, e.encoding) for e in corpus.entries] == [("big.txt", "utf-8")]


def test_folder_of_10000_small_files_gives_10000_documents(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"doc-{i:05d}.txt").write_text(f"Report {i}: Iran supports Hezbollah.\n", encoding="utf-8")
    corpus = scan([tmp_path], LIMIT)
    assert corpus.problems == []
    assert [entry.doc_id for entry in corpus.entries] == [f"doc-{i:05d}.txt" for i in range(10_000)]
    assert len({entry.content_hash for entry in corpus.entries}) == 10_000


def test_a_file_changed_after_the_scan_is_not_read_as_the_scanned_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Iran supports Hezbollah.\n", encoding="utf-8")
    [entry] = scan([tmp_path], LIMIT).entries
    (tmp_path / "a.txt").write_text("Turkey opposes the YPG.\n", encoding="utf-8")
    assert load(entry, LIMIT).text == "Iran supports Hezbollah.\n"
    (tmp_path / "b.txt").write_text("Iran opposes Hezbollah.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="changed since the build started"):
        load(entry, LIMIT)
    (tmp_path / "b.txt").unlink()
    with pytest.raises(FileNotFoundError):
        load(entry, LIMIT)


def test_the_catalogue_folder_as_a_whole() -> None:
    """Read in one go, the catalogue gives the same problems and documents as case by case."""
    corpus = scan([BAD], LIMIT)
    assert sorted(Path(p.path).name for p in corpus.problems) == [
        "empty.txt", "invalid-utf8.txt", "pdf-named.txt", "png-named.txt", "whitespace.txt", "zip-named.txt"]
    assert [e.doc_id for e in corpus.entries] == [
        "article.html", "bom.txt", "cr.txt", "crlf.txt", "latin-1.txt", "same-1.txt", "windows-1252.txt"]
