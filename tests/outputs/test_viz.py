"""The HTML graph, without a browser: hand-made RDF in, the page's markup and its JSON data out."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser

import numpy as np
import pytest
from rdflib import RDF, Dataset, Literal, URIRef, XSD
from rdflib.namespace import DCTERMS, OWL, SKOS

from kg.graph.namespaces import AKG, NIF, PROV
from kg.outputs.htmlgraph.layout import layout
from kg.outputs.viz import render_html, utf16_span

BASE = "https://example.org/test/"
DATA_BLOCK = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.DOTALL)
PROBES = ("<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">', "javascript:alert(1)",
          "</script><script>window.__xss=1</script>", "<!--<script>")


@dataclass
class Corpus:
    """A small graph in the shape SCHEMA.md fixes: one named graph per document, one shared."""

    dataset: Dataset = field(default_factory=Dataset)
    claims: int = 0

    def actor(self, key: str, label: str, kind: str = "State", aliases: tuple[str, ...] = (),
              same_as: str | None = None) -> URIRef:
        node = URIRef(f"{BASE}actor/{key}")
        shared = self.dataset.graph(URIRef(f"{BASE}graph/shared"))
        shared.add((node, RDF.type, AKG[kind]))
        shared.add((node, SKOS.prefLabel, Literal(label)))
        shared.add((node, AKG.mentionCount, Literal(1)))
        for alias in aliases:
            shared.add((node, SKOS.altLabel, Literal(alias)))
        if same_as:
            shared.add((node, OWL.sameAs, URIRef(same_as)))
        return node

    def claim(self, subject: URIRef, relation: str, obj: URIRef, sentence: str, trigger: str, *,
              doc: str = "a.txt", title: str = "A report", polarity: str = "positive", confidence: float = 0.8,
              section: str = "body", asserted_by: URIRef | None = None, trigger_at: int | None = None) -> None:
        graph = self.dataset.graph(URIRef(f"{BASE}graph/{doc}"))
        document, context = URIRef(f"{BASE}doc/{doc}"), URIRef(f"{BASE}doc/{doc}#context")
        graph.add((document, RDF.type, AKG.Document))
        graph.add((document, DCTERMS.identifier, Literal(doc)))
        graph.add((document, DCTERMS.title, Literal(title)))
        graph.add((context, RDF.type, NIF.Context))
        graph.add((context, AKG.document, document))
        begin = 1000 * self.claims
        node = URIRef(f"{BASE}doc/{doc}#char={begin},{begin + len(sentence)}")
        graph.add((node, RDF.type, NIF.Sentence))
        graph.add((node, NIF.anchorOf, Literal(sentence)))
        graph.add((node, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        graph.add((node, NIF.endIndex, Literal(begin + len(sentence), datatype=XSD.nonNegativeInteger)))
        graph.add((node, NIF.referenceContext, context))
        graph.add((node, AKG.section, Literal(section)))
        claim = URIRef(f"{BASE}doc/{doc}#claim-{self.claims}")
        start = begin + (sentence.index(trigger) if trigger_at is None else trigger_at)
        for p, o in ((RDF.type, AKG.Claim), (RDF.subject, subject), (RDF.predicate, AKG[relation]),
                     (RDF.object, obj), (AKG.polarity, Literal(polarity)), (AKG.confidence, Literal(confidence)),
                     (AKG.assertedBy, asserted_by or document), (PROV.wasDerivedFrom, node),
                     (AKG.trigger, Literal(trigger)),
                     (AKG.triggerBegin, Literal(start, datatype=XSD.nonNegativeInteger)),
                     (AKG.triggerEnd, Literal(start + len(trigger), datatype=XSD.nonNegativeInteger))):
            graph.add((claim, p, o))
        self.claims += 1


def page_data(page: str) -> dict:
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def outside_data(page: str) -> str:
    return DATA_BLOCK.sub("", page)


class Markup(HTMLParser):
    """The page's elements as a browser's parser sees them (script and style bodies are text)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def edges_by_relation(data: dict) -> dict[tuple[str, bool], dict]:
    return {(e["r"], e["n"]): e for e in data["edges"]}


@pytest.fixture
def corpus() -> Corpus:
    return Corpus()


def test_several_claims_between_a_pair_are_one_edge_with_a_count(corpus):
    russia, assad = corpus.actor("russia", "Russia"), corpus.actor("assad", "Bashar al-Assad", "Person")
    for n in range(3):
        corpus.claim(russia, "supports", assad, f"Russia backs Assad, day {n}.", "backs", doc=f"d{n}.txt")
    corpus.claim(russia, "attacks", assad, "Russia bombed Assad's palace.", "bombed")
    data = page_data(render_html(corpus.dataset))
    edges = edges_by_relation(data)
    assert len(data["edges"]) == 2
    assert len(edges["supports", False]["claims"]) == 3
    assert len(edges["attacks", False]["claims"]) == 1
    assert {len(data["documents"]), len(data["sentences"]), len(data["claims"])} == {4}
    sizes = {node["label"]: node["size"] for node in data["nodes"]}
    assert sizes["Russia"] == sizes["Bashar al-Assad"] > 8


def test_symmetric_relations_are_one_edge_whichever_way_round(corpus):
    kerry, lavrov = corpus.actor("kerry", "John Kerry", "Person"), corpus.actor("lavrov", "Sergei Lavrov", "Person")
    corpus.claim(kerry, "meetsWith", lavrov, "Kerry met Lavrov in Geneva.", "met")
    corpus.claim(lavrov, "meetsWith", kerry, "Lavrov met Kerry again.", "met")
    data = page_data(render_html(corpus.dataset))
    assert len(data["edges"]) == 1 and len(data["edges"][0]["claims"]) == 2
    assert [r["symmetric"] for r in data["relations"]] == [True]
    directions = {(data["claims"][k]["s"], data["claims"][k]["o"]) for k in data["edges"][0]["claims"]}
    assert len(directions) == 2, "each claim keeps its own direction for the evidence panel"


def test_negative_claims_are_their_own_dashed_edge(corpus):
    nusra = corpus.actor("nusra", "Jabhat al-Nusra", "ArmedGroup")
    qaeda = corpus.actor("qaeda", "al-Qaeda", "ArmedGroup")
    corpus.claim(nusra, "affiliatedWith", qaeda, "Nusra is al-Qaeda's affiliate.", "affiliate")
    corpus.claim(nusra, "affiliatedWith", qaeda, "Nusra is not linked to al-Qaeda.", "linked", polarity="negative")
    page = render_html(corpus.dataset)
    edges = edges_by_relation(page_data(page))
    assert edges["affiliatedWith", True]["claims"] != edges["affiliatedWith", False]["claims"]
    assert "item.dashes = true" in page and "if (edge.n)" in page


def test_evidence_carries_document_asserter_section_confidence_and_trigger(corpus):
    moallem = corpus.actor("moallem", "Walid al-Moallem", "Person", aliases=("Moallem", "Walid Muallem"),
                           same_as="http://www.wikidata.org/entity/Q297431")
    mistura = corpus.actor("mistura", "Staffan de Mistura", "Person")
    corpus.claim(moallem, "rejects", mistura, "Moallem rejects de Mistura's plan.", "rejects", title="Syria Daily",
                 section="comment", confidence=0.65, asserted_by=moallem)
    data = page_data(render_html(corpus.dataset))
    claim = data["claims"][0]
    sentence = data["sentences"][claim["t"]]
    assert sentence["x"][claim["h"][0]:claim["h"][1]] == "rejects"
    assert sentence["s"] == "comment"
    assert claim["c"] == 0.65 and claim["n"] is False
    assert data["documents"][sentence["d"]] == {"id": "a.txt", "title": "Syria Daily"}
    assert data["asserters"][claim["a"]] == "Walid al-Moallem"
    actor = next(n for n in data["nodes"] if n["label"] == "Walid al-Moallem")
    assert actor["aliases"] == ["Moallem", "Walid Muallem"]
    assert actor["wikidata"] == "https://www.wikidata.org/wiki/Q297431"
    assert actor["kind"] == "Person" and actor["claims"] == 1


def test_trigger_found_by_its_words_when_the_offsets_disagree(corpus):
    a, b = corpus.actor("a", "Iran"), corpus.actor("b", "Hezbollah", "ArmedGroup")
    corpus.claim(a, "supports", b, "Iran arms and funds Hezbollah.", "funds", trigger_at=0)
    data = page_data(render_html(corpus.dataset))
    claim = data["claims"][0]
    assert data["sentences"][0]["x"][claim["h"][0]:claim["h"][1]] == "funds"


def test_trigger_offsets_count_utf16_units_as_javascript_does():
    text = "\U0001F600 Russia \u2013 backs Assad"
    start = text.index("backs")
    begin, end = utf16_span(text, (start, start + 5))
    assert text.encode("utf-16-le")[2 * begin:2 * end].decode("utf-16-le") == "backs"
    assert utf16_span(text, None) is None


def test_only_wikidata_items_become_links(corpus):
    evil = corpus.actor("evil", "Evil", same_as="javascript:alert(1)")
    lookalike = corpus.actor("lookalike", "Lookalike", same_as="https://evil.example/www.wikidata.org/wiki/Q1")
    good = corpus.actor("good", "Good", same_as="https://www.wikidata.org/wiki/Q42")
    corpus.claim(evil, "opposes", lookalike, "Evil opposes Lookalike.", "opposes")
    corpus.claim(good, "opposes", evil, "Good opposes Evil.", "opposes")
    links = {n["label"]: n["wikidata"] for n in page_data(render_html(corpus.dataset))["nodes"]}
    assert links == {"Evil": None, "Lookalike": None, "Good": "https://www.wikidata.org/wiki/Q42"}


def test_legend_names_every_actor_type_and_relation_family(corpus):
    page = render_html(corpus.dataset)
    legend = page[page.index('<section id="legend">'):]
    legend = legend[:legend.index("</section>")]
    for name in ("Person", "Armed group", "State", "International organisation", "Organisation", "Place",
                 "Population", "Allegiance, affiliation, alliance, support",
                 "Opposition, attacks, accusations, rejections", "Meetings and requests", "Structure",
                 "negative"):
        assert name in legend


def test_nothing_is_loaded_from_anywhere(corpus):
    a = corpus.actor("a", "A", same_as="http://www.wikidata.org/entity/Q1")
    corpus.claim(a, "supports", corpus.actor("b", "B"), 'A supports B, see <a href="https://example.com/x">x</a>.',
                 "supports")
    page = render_html(corpus.dataset)
    markup = Markup(page)
    for tag, attrs in markup.tags:
        for name, value in attrs.items():
            assert not re.match(r"\s*(?:[a-z][a-z0-9+.-]*:)?//", value, re.I), (tag, name, value)
    assert [attrs for tag, attrs in markup.tags if tag == "link"] == [{"rel": "icon", "href": "data:,"}]
    scripts = [attrs for tag, attrs in markup.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "graph-data"}, {}, {}], "no script has a src"
    assert not {tag for tag, _ in markup.tags} & {"iframe", "frame", "img", "object", "embed", "base", "audio", "video"}
    assert not re.search(r"@import|url\(\s*[\"']?(?:https?:)?//", "".join(markup.styles), re.I)
    csp = next(attrs["content"] for tag, attrs in markup.tags if attrs.get("http-equiv") == "Content-Security-Policy")
    script_src = csp.split("script-src")[1].split(";")[0]
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in script_src and script_src.count("'sha256-") == 2
    assert "vis-network" in page and len(page) > 400_000, "vis.js is inlined"


def test_document_text_reaches_the_page_only_as_escaped_json(corpus):
    probe = " ".join(PROBES)
    a = corpus.actor("a", f"Actor {probe}", aliases=(probe,), same_as="javascript:alert(1)")
    b = corpus.actor("b", "B & C")
    asserter = corpus.actor("c", f"Speaker {probe}", "Person")
    corpus.claim(a, "accuses", b, f"A accuses B {probe} of lying.", "accuses", doc="x.html", title=f"Title {probe}",
                 asserted_by=asserter)
    page = render_html(corpus.dataset)
    markup = outside_data(page)
    for text in PROBES + ("window.__xss", "alert(1)"):
        assert text not in markup
    raw = DATA_BLOCK.search(page).group(1)
    assert not set("<>&") & set(raw), "the JSON block has no raw <, > or &"
    assert page.lower().count("</script") == 3
    data = page_data(page)
    assert data["sentences"][0]["x"] == f"A accuses B {probe} of lying."
    assert data["documents"][0]["title"] == f"Title {probe}"
    labels = {n["label"] for n in data["nodes"]}
    assert f"Actor {probe}" in labels and "B & C" in labels
    assert data["asserters"] == [f"Speaker {probe}"]
    script = page[page.rindex("<script>"):]
    assert not re.search(r"(?:inner|outer)HTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function", script)


def test_same_graph_gives_the_same_page_byte_for_byte(corpus, tmp_path):
    actors = [corpus.actor(f"x{i}", f"Actor {i}", "ArmedGroup", aliases=(f"Ahrar al Sham {i}", f"Ahrar Al Sham {i}"))
              for i in range(30)]
    for i in range(60):
        corpus.claim(actors[i % 30], ("attacks", "supports", "meetsWith")[i % 3], actors[(i * 7 + 3) % 30],
                     f"Sentence {i}: they act.", "act", doc=f"d{i % 4}.txt")
    first = render_html(corpus.dataset)
    trig = tmp_path / "graph.trig"
    trig.write_bytes(corpus.dataset.serialize(format="trig", encoding="utf-8"))
    reloaded = Dataset()
    reloaded.parse(trig, format="trig")
    assert render_html(corpus.dataset) == first == render_html(reloaded)
    script = ("import sys; from rdflib import Dataset; from kg.outputs.viz import render_html; d = Dataset();"
              "d.parse(sys.argv[1], format='trig'); sys.stdout.write(render_html(d))")
    pages = {subprocess.run([sys.executable, "-c", script, str(trig)], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert pages == {first}, "nothing depends on the order of a set of strings"


def test_layout_keeps_the_main_component_free_and_the_rest_still_and_apart():
    edges = [(0, 1), (1, 2), (2, 0), (2, 3), (4, 5), (6, 7)]
    placed = layout(10, edges)
    assert placed.moving.tolist() == [True] * 4 + [False] * 6
    assert np.isfinite(placed.positions).all()
    distances = np.hypot(*(placed.positions[:, None, :] - placed.positions[None, :, :]).transpose(2, 0, 1))
    assert distances[~np.eye(10, dtype=bool)].min() > 20
    again = layout(10, edges)
    assert (again.positions == placed.positions).all()


def test_actors_without_claims_are_in_the_data_but_hidden_at_first(corpus):
    corpus.actor("lonely", "Lonely Actor", "Organization")
    page = render_html(corpus.dataset)
    data = page_data(page)
    assert [(n["label"], n["claims"]) for n in data["nodes"]] == [("Lonely Actor", 0)]
    assert data["edges"] == [] and data["claims"] == []
    assert 'id="show-isolated"' in page


def test_an_empty_graph_still_gives_a_page():
    data = page_data(render_html(Dataset()))
    assert data["nodes"] == [] and data["edges"] == []
