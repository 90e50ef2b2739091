"""Incremental builds into the persistent store: what a rebuild re-analyses, replaces and drops,
and that the result is always the graph a build from scratch gives."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import api
from kg.graph.iris import SHARED_GRAPH, doc_graph
from kg.incremental import BUILDING_FILE
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent


def write_corpus(folder: Path, docs: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def built(tmp_path: Path, settings, small_corpus) -> tuple[Path, Path]:
    corpus = write_corpus(tmp_path / "corpus", small_corpus)
    output = tmp_path / "output"
    report = api.build_to(output, [corpus], settings)
    assert report.documents == len(small_corpus) and report.reused == 0
    return corpus, output


@pytest.fixture()
def processed(monkeypatch) -> list[str]:
    """The doc ids that reach the per-document (NLP) stage."""
    seen: list[str] = []
    real = api.process

    def spy(entries, settings, on_document=None):
        seen.extend(entry.doc_id for entry in entries)
        return real(entries, settings, on_document)

    monkeypatch.setattr(api, "process", spy)
    return seen


def from_scratch(tmp_path: Path, corpus: Path, settings) -> bytes:
    output = tmp_path / "scratch"
    api.build_to(output, [corpus], settings)
    return (output / "graph.ttl").read_bytes()


def graph_nquads(output: Path, doc_id: str) -> set[str]:
    store = GraphStore.open_read_only(output / api.STORE_FOLDER)
    name = str(doc_graph(doc_id))
    return {line for line in api.export(output, "nq").decode("utf-8").splitlines() if line.endswith(f"<{name}> .")} \
        if store.has_graph(name) else set()


def test_unchanged_rerun_does_no_nlp(built, settings, monkeypatch, small_corpus):
    corpus, output = built
    before = {name: (output / name).stat().st_mtime_ns for name in api.OUTPUT_FILES}

    def no_nlp(*args, **kwargs):
        raise AssertionError("an unchanged corpus went through the NLP stage")

    monkeypatch.setattr(api, "process", no_nlp)
    monkeypatch.setattr("kg.nlp.parallel.tools", no_nlp)
    report = api.build_to(output, [corpus], settings)
    assert report.reused == len(small_corpus) and report.documents == len(small_corpus)
    assert sum(report.claims.values()) > 0 and report.actors > 0
    assert {name: (output / name).stat().st_mtime_ns for name in api.OUTPUT_FILES} == before


def test_unchanged_rerun_does_not_load_spacy(built, small_corpus):
    corpus, output = built
    code = ("import sys; from pathlib import Path; from kg import api; "
            f"r = api.build_to(Path({str(output)!r}), [Path({str(corpus)!r})]); "
            "print(r.reused, 'spacy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.split() == [str(len(small_corpus)), "False"]


def test_touching_one_document_reprocesses_only_it(built, settings, processed, tmp_path, small_corpus):
    corpus, output = built
    others = {doc_id: graph_nquads(output, doc_id) for doc_id in small_corpus if doc_id != "b.txt"}
    old_b = graph_nquads(output, "b.txt")
    (corpus / "b.txt").write_text("Hezbollah\n\nIran supports Hezbollah. Russia bombed Aleppo.\n", encoding="utf-8")
    report = api.build_to(output, [corpus], settings)
    assert processed == ["b.txt"]
    assert report.reused == len(small_corpus) - 1
    new_b = graph_nquads(output, "b.txt")
    assert new_b and new_b != old_b
    assert not any("alongside the Syrian Arab Army" in line for line in new_b)
    assert {doc_id: graph_nquads(output, doc_id) for doc_id in others} == others
    assert (output / "graph.ttl").read_bytes() == from_scratch(tmp_path, corpus, settings)


def test_removing_a_document_drops_its_graph(built, settings, processed, tmp_path, small_corpus):
    corpus, output = built
    (corpus / "c.txt").unlink()
    report = api.build_to(output, [corpus], settings)
    assert processed == [] and report.documents == len(small_corpus) - 1
    store = GraphStore.open_read_only(output / api.STORE_FOLDER)
    assert str(doc_graph("c.txt")) not in store.graph_names()
    assert str(SHARED_GRAPH) in store.graph_names()
    ttl = (output / "graph.ttl").read_bytes()
    assert b"c.txt" not in ttl and b"Lavrov met Kerry" not in ttl
    assert ttl == from_scratch(tmp_path, corpus, settings)
    assert len(list((output / api.STORE_FOLDER / "docs").glob("*.json"))) == len(small_corpus) - 1
    assert len(list((output / api.STORE_FOLDER / "docs").iterdir())) == 4 * (len(small_corpus) - 1)


def test_shared_graph_follows_the_documents(built, settings, tmp_path):
    """Only d.txt mentions Aleppo: removing it removes the place from the shared graph (and the union)."""
    corpus, output = built
    assert "aleppo" in api.export(output, "turtle").decode("utf-8")
    (corpus / "d.txt").unlink()
    api.build_to(output, [corpus], settings)
    assert "place:aleppo" not in api.export(output, "turtle").decode("utf-8")
    rows = api.query(output, "SELECT ?s WHERE { ?s ?p <https://w3id.org/actorkg/place/aleppo> }").rows
    assert rows == []


def test_added_and_renamed_documents(built, settings, processed, tmp_path):
    corpus, output = built
    (corpus / "f.txt").write_text("Talks\n\nLavrov met Kerry in Geneva on Monday. Iran supports Hezbollah.\n")
    (corpus / "a.txt").rename(corpus / "a2.txt")
    api.build_to(output, [corpus], settings)
    assert sorted(processed) == ["a2.txt", "f.txt"]
    assert (output / "graph.ttl").read_bytes() == from_scratch(tmp_path, corpus, settings)


def test_a_new_file_with_the_same_text_only_rewrites_the_graph(built, settings, processed, tmp_path, small_corpus):
    """A copy of a document is the same document with one more file: no NLP, its graph lists both files."""
    corpus, output = built
    (corpus / "z-copy.txt").write_text(small_corpus["e.txt"], encoding="utf-8")
    api.build_to(output, [corpus], settings)
    assert processed == []
    assert "z-copy.txt" in "".join(graph_nquads(output, "e.txt"))
    assert (output / "graph.ttl").read_bytes() == from_scratch(tmp_path, corpus, settings)


def test_a_new_pipeline_reprocesses_everything(built, settings, processed, monkeypatch, small_corpus):
    corpus, output = built
    monkeypatch.setattr(api, "pipeline_fingerprint", lambda settings: "another pipeline")
    report = api.build_to(output, [corpus], settings)
    assert sorted(processed) == sorted(small_corpus) and report.reused == 0


def test_an_interrupted_build_is_repaired(built, settings, monkeypatch, tmp_path):
    corpus, output = built
    (corpus / "b.txt").write_text("Hezbollah\n\nRussia bombed Aleppo.\n", encoding="utf-8")
    (corpus / "c.txt").unlink()
    real = api.process

    def crash(entries, settings, on_document=None):
        yield from real(entries, settings, on_document)
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "process", crash)
    with pytest.raises(KeyboardInterrupt):
        api.build_to(output, [corpus], settings)
    assert (output / api.STORE_FOLDER / BUILDING_FILE).exists()
    monkeypatch.setattr(api, "process", real)
    api.build_to(output, [corpus], settings)
    assert not (output / api.STORE_FOLDER / BUILDING_FILE).exists()
    assert (output / "graph.ttl").read_bytes() == from_scratch(tmp_path, corpus, settings)


def test_a_failing_document_is_skipped_then_retried(tmp_path, settings, processed, monkeypatch, small_corpus):
    import kg.nlp.analyse as analyse

    corpus = write_corpus(tmp_path / "corpus", small_corpus)
    output = tmp_path / "output"
    real = analyse.analyse_all

    def fragile(nlp, layout, docs, batch_size=8):
        for result in real(nlp, layout, docs, batch_size):
            if "Aleppo" in result.doc.text:
                raise RuntimeError("boom")
            yield result

    monkeypatch.setattr(analyse, "analyse_all", fragile)
    report = api.build_to(output, [corpus], settings)
    assert [problem.path.endswith("d.txt") for problem in report.problems] == [True]
    assert report.documents == len(small_corpus) - 1
    store = GraphStore.open_read_only(output / api.STORE_FOLDER)
    assert str(doc_graph("d.txt")) not in store.graph_names()
    assert len(store.graph_names()) == len(small_corpus)  # four documents and the shared graph
    monkeypatch.setattr(analyse, "analyse_all", real)
    processed.clear()
    api.build_to(output, [corpus], settings)
    assert processed == ["d.txt"]
    assert (output / "graph.ttl").read_bytes() == from_scratch(tmp_path, corpus, settings)
