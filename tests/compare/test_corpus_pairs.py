"""Small hand-written document pairs, built into graphs: each kind of disagreement is reported with
both sentences and both sources, and pairs that agree report nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Literal
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.compare import actor_panels, compare
from kg.compare.contested import INCOMPATIBLE, OPPOSITE
from kg.cues import load_cues
from kg.errors import InputError
from kg.graph.namespaces import ACTOR, AKG
from kg.outputs.serialize import union
from kg.types import DocResult, Quantity


@pytest.fixture(scope="module")
def cues(settings):
    return load_cues(settings.path("cues.yaml"))


@pytest.fixture
def corpus(tmp_path, settings):
    """Documents (name -> text) -> the folder that holds them and the graph built from it."""

    def build(**documents: str):
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, text in documents.items():
            (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        return folder, kg.build([folder], settings)

    return build


def test_a_denied_bombing_of_a_place(corpus, cues, key_of):
    _, graph = corpus(a="Russia bombed east Aleppo.", b="Russia did not bomb eastern Aleppo.")
    [contest] = compare(graph, cues).contests
    assert contest.kind == OPPOSITE
    assert (contest.first.subject, contest.first.relation, contest.first.polarity) == (
        str(ACTOR[key_of("Russia")]), "attacks", "positive")
    assert contest.first.object_kind == contest.second.object_kind == "Place"
    assert (contest.first.evidence.document, contest.first.evidence.sentence) == ("a.txt", "Russia bombed east Aleppo.")
    assert (contest.second.evidence.document, contest.second.evidence.sentence) == (
        "b.txt", "Russia did not bomb eastern Aleppo.")


def test_two_sources_that_say_the_same_bombing(corpus, cues):
    _, graph = corpus(a="Russia bombed east Aleppo.", b="Russia bombed eastern Aleppo.")
    assert compare(graph, cues).contests == []


def test_support_against_attack(corpus, cues):
    _, graph = corpus(a="Iran backs Hezbollah.", b="Iran attacked Hezbollah.")
    [contest] = compare(graph, cues).contests
    assert (contest.kind, contest.first.relation, contest.second.relation) == (INCOMPATIBLE, "supports", "attacks")
    assert {contest.first.evidence.document, contest.second.evidence.document} == {"a.txt", "b.txt"}


def test_support_in_other_words(corpus, cues):
    _, graph = corpus(a="Iran backs Hezbollah.", b="Iran supports Hezbollah.")
    assert compare(graph, cues).contests == []


def test_disputed_fighter_counts(corpus, cues, key_of):
    _, graph = corpus(a="About 900 Nusra Front fighters remain in the city.",
                      b="At least 4,000 Nusra Front fighters remain in the city.")
    [group] = [g for g in compare(graph, cues).figures if g.about == str(ACTOR[key_of("Nusra Front")])]
    assert [(f.value, f.evidence.document) for f in group.figures] == [("About 900", "a.txt"), ("At least 4,000", "b.txt")]
    assert group.disputed


def test_fighter_counts_that_agree(corpus, cues):
    _, graph = corpus(a="About 900 Nusra Front fighters remain in the city.",
                      b="Nearly 1,000 Nusra Front fighters remain in the city.")
    [group] = compare(graph, cues).figures
    assert len(group.figures) == 2 and not group.disputed


def test_regime_or_government(corpus, cues):
    _, graph = corpus(a="The Syrian government rejected the plan.", b="The Assad regime rejected the plan.")
    [framing] = compare(graph, cues).framing
    assert framing.actor_label and framing.differs
    assert framing.by_source == {"a.txt": {"government": 1}, "b.txt": {"regime": 1}}


def test_the_same_words_frame_nothing_differently(corpus, cues):
    _, graph = corpus(a="The Syrian government rejected the plan.", b="The Syrian government accepted the offer.")
    assert [f.differs for f in compare(graph, cues).framing] == [False]


def test_sources_and_filters(corpus, cues):
    _, graph = corpus(a="Russia bombed east Aleppo. Iran backs Hezbollah.",
                      b="Russia did not bomb eastern Aleppo.", c="Iran backs Hezbollah.")
    comparison = compare(graph, cues)
    assert {s.source.document: s.contested for s in comparison.sources} == {"a.txt": 1, "b.txt": 1, "c.txt": 0}
    assert len(compare(graph, cues, actor="Russia").contests) == 1
    assert compare(graph, cues, actor="Hezbollah").contests == []
    assert [s.source.document for s in compare(graph, cues, source="c").sources] == ["c.txt"]
    assert compare(graph, cues, source="c").contests == []
    with pytest.raises(InputError):
        compare(graph, cues, actor="Nobody At All")
    with pytest.raises(InputError):
        compare(graph, cues, source="zzz")


def test_the_graph_holds_figures_and_descriptions(corpus, key_of):
    _, graph = corpus(a="About 900 Nusra Front fighters remain in the city. The Assad regime rejected the plan.")
    g = union(graph)
    [figure] = g.subjects(RDF.type, AKG.QuantityClaim)
    assert g.value(figure, AKG.about) == ACTOR[key_of("Nusra Front")]
    assert (g.value(figure, AKG.value), g.value(figure, AKG.counted)) == (Literal("About 900"), Literal("fighter"))
    assert float(g.value(figure, AKG.minValue)) == float(g.value(figure, AKG.maxValue)) == 900
    syria = ACTOR[key_of("Syria")]
    [description] = g.objects(syria, AKG.describedAs)
    assert (description, RDF.type, AKG.Description) in g
    assert g.value(description, AKG.descriptor) == Literal("regime")


def test_named_queries_say_what_compare_says(corpus, settings, tmp_path, cues):
    folder, graph = corpus(a="Russia bombed east Aleppo. Iran backs Hezbollah. About 900 Nusra Front fighters left.",
                           b="Russia did not bomb eastern Aleppo. Iran attacked Hezbollah.",
                           c="The Assad regime rejected the plan.")
    out = tmp_path / "out"
    kg.write_outputs(graph, out)
    named = kg.named_queries(settings)
    rows = kg.query(out, named["contested"].text).rows
    assert len(rows) == len(compare(graph, cues).contests) == 2
    assert {str(r[0]) for r in rows} == {OPPOSITE, INCOMPATIBLE}
    assert len(kg.query(out, named["quantities"].text).rows) == 1
    assert len(kg.query(out, named["quantities-of"].bind({"actor": "Nusra Front"})).rows) == 1
    assert len(kg.query(out, named["framing-of"].bind({"actor": "Syria"})).rows) == 1
    assert {str(r[0]): int(r[4]) for r in kg.query(out, named["sources"].text).rows} == {
        "a.txt": 1, "b.txt": 1, "c.txt": 0}


def test_kg_compare(corpus, tmp_path):
    _, graph = corpus(a="Russia bombed east Aleppo.", b="Russia did not bomb eastern Aleppo.")
    out = tmp_path / "out"
    kg.write_outputs(graph, out)
    runner = CliRunner()
    text = runner.invoke(app, ["compare", "-o", str(out)])
    assert text.exit_code == 0, text.output
    assert "opposite polarity" in text.output and " NOT attacks " in text.output
    assert "Russia did not bomb eastern Aleppo." in text.output
    data = json.loads(runner.invoke(app, ["compare", "-o", str(out), "--format", "json", "--actor", "Russia"]).output)
    assert [c["kind"] for c in data["contested"]] == [OPPOSITE]
    assert {s["document"]: s["contested"] for s in data["sources"]} == {"a.txt": 1, "b.txt": 1}
    missing = runner.invoke(app, ["compare", "-o", str(out), "--actor", "Nobody At All"])
    assert missing.exit_code == 2 and "no actor named" in missing.output
    assert runner.invoke(app, ["compare", "-o", str(Path(tmp_path / "nowhere"))]).exit_code == 2


def test_panels_for_the_page(corpus, cues, key_of):
    _, graph = corpus(a="Russia bombed east Aleppo. About 900 Nusra Front fighters left. The Assad regime left.",
                      b="Russia did not bomb eastern Aleppo. At least 4,000 Nusra Front fighters left.")
    panels = actor_panels(graph, cues)
    russia, nusra, syria = (panels[str(ACTOR[key_of(n)])] for n in ("Russia", "Nusra Front", "Syria"))
    assert [c["kind"] for c in russia["contested"]] == [OPPOSITE]
    assert nusra["quantities"][0]["disputed"] and len(nusra["quantities"][0]["figures"]) == 2
    assert syria["framing"]["sources"]["a.txt"]["descriptors"] == {"regime": 1}
    json.dumps(panels)


def test_results_with_figures_survive_json():
    from dataclasses import replace

    quantity = Quantity("nusra", "fighter", "at least 4,000", 4000.0, None, 0, 40, 9, 23, "staffan_de_mistura",
                        "place:east_aleppo")
    result = DocResult.from_json(json.loads(json.dumps(_empty_result().to_json())))
    with_figure = replace(result, quantities=(quantity,))
    assert DocResult.from_json(json.loads(json.dumps(with_figure.to_json()))) == with_figure


def _empty_result() -> DocResult:
    from kg.types import DocMeta, SourceDoc

    return DocResult(SourceDoc("a.txt", "text", ("a.txt",), "utf-8", "sha256:" + "0" * 64), DocMeta(), (), (), (), (), ())
