"""The HTML graph in a real browser: Debian's chromium, headless, driven over the DevTools protocol.

Each page is written to a temporary folder and opened from disk (file://), as a user would.
"""
from __future__ import annotations

import base64
import io
import json
import random
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

import kg
from kg.graph.namespaces import AKG, NIF, PROV
from kg.outputs.viz import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"),
]
websocket = pytest.importorskip("websocket", reason="websocket-client (the test extra) is not installed")
Image = pytest.importorskip("PIL.Image", reason="Pillow (the test extra) is not installed")

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--no-default-browser-check", "--mute-audio",
         "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1")
VIEWPORT = {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False}
RELATIONS = ("allegianceTo", "affiliatedWith", "alliedWith", "supports", "opposes", "attacks", "requests",
             "rejects", "accuses", "meetsWith", "leaderOf", "memberOf")
KINDS = ("Person", "ArmedGroup", "State", "InternationalOrganization", "Organization")
PROBE = """Probe <script>window.__xss=1</script> headline <img src=x onerror="window.__xss=1">

Russia supports the Syrian government, <script>window.__xss=1</script> the report said.

Iran attacks Israel <img src=x onerror="window.__xss=1"> according to officials.

Hezbollah accused the United States of lying, see <a href="javascript:alert(1)">javascript:alert(1)</a> here.
"""


class Chromium:
    """One headless browser; one DevTools websocket, with a session per open page."""

    def __init__(self, profile: Path, timeout: float = 30.0) -> None:
        self.process = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=timeout,
                                                  suppress_origin=True)
        self.calls = 0
        self.events: dict[str | None, list[dict[str, Any]]] = {}

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self.calls += 1
        message: dict[str, Any] = {"id": self.calls, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == self.calls:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.setdefault(reply.get("sessionId"), []).append(reply)

    def open(self, page: Path) -> Tab:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, session, target)
        for domain in ("Runtime", "Log", "Network", "Page"):
            tab.call(f"{domain}.enable")
        tab.call("Emulation.setDeviceMetricsOverride", VIEWPORT)
        tab.call("Page.navigate", {"url": page.resolve().as_uri()})
        return tab

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:  # the browser may already be gone; it is stopped below either way
            pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


class Tab:
    def __init__(self, browser: Chromium, session: str, target: str) -> None:
        self.browser, self.session, self.target = browser, session, target

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, self.session)

    def js(self, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in reply:
            raise AssertionError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def stabilised_ms(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js("document.body && document.body.getAttribute('data-stabilized')")
            if value:
                return int(value)
            time.sleep(0.05)
        raise AssertionError("the page never reported a settled layout")

    def events(self, *methods: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.browser.events.get(self.session, []) if e["method"] in methods]

    def errors(self) -> list[str]:
        out = [json.dumps(e["exceptionDetails"])[:400] for e in self.events("Runtime.exceptionThrown")]
        out += [json.dumps(e["args"])[:400] for e in self.events("Runtime.consoleAPICalled")
                if e["type"] in ("error", "assert")]
        out += [e["entry"]["text"][:400] for e in self.events("Log.entryAdded") if e["entry"]["level"] == "error"]
        return out

    def requests(self) -> list[str]:
        return [e["request"]["url"] for e in self.events("Network.requestWillBeSent")]

    def screenshot(self, selector: str) -> Any:
        box = self.js(f"JSON.stringify(document.querySelector({json.dumps(selector)}).getBoundingClientRect())")
        rect = json.loads(box)
        clip = {"x": rect["x"], "y": rect["y"], "width": rect["width"], "height": rect["height"], "scale": 1}
        data = self.call("Page.captureScreenshot", {"format": "png", "clip": clip})["data"]
        return Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def close(self) -> None:
        self.browser.call("Target.closeTarget", {"targetId": self.target})


def synthetic(actors: int, claims: list[tuple[int, str, int, bool]], documents: int = 20) -> Dataset:
    """A graph in the shape of SCHEMA.md: actors 0..n-1, one sentence per claim."""
    base = "https://example.org/synthetic/"
    dataset = Dataset()
    shared = dataset.graph(URIRef(base + "graph/shared"))
    nodes = [URIRef(f"{base}actor/{i}") for i in range(actors)]
    for i, node in enumerate(nodes):
        shared.add((node, RDF.type, AKG[KINDS[i % len(KINDS)]]))
        shared.add((node, SKOS.prefLabel, Literal(f"Actor {i}")))
        shared.add((node, SKOS.altLabel, Literal(f"A{i}")))
        shared.add((node, AKG.mentionCount, Literal(1 + i % 7)))
        shared.add((node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/Q{100 + i}")))
    offsets = [0] * documents
    for k, (a, relation, b, negative) in enumerate(claims):
        d = k % documents
        graph = dataset.graph(URIRef(f"{base}graph/{d}"))
        doc, context = URIRef(f"{base}doc/{d}"), URIRef(f"{base}doc/{d}#context")
        text = f"Reports say Actor {a} {relation} Actor {b}, officials confirmed on day {k}."
        begin = offsets[d]
        offsets[d] += len(text) + 1
        sentence = URIRef(f"{base}doc/{d}#char={begin},{begin + len(text)}")
        claim = URIRef(f"{base}doc/{d}#claim-{k}")
        start = begin + text.index(relation)
        for s, p, o in (
            (doc, RDF.type, AKG.Document), (doc, DCTERMS.identifier, Literal(f"doc-{d:03}.txt")),
            (doc, DCTERMS.title, Literal(f"Synthetic report {d}")), (context, AKG.document, doc),
            (sentence, RDF.type, NIF.Sentence), (sentence, NIF.anchorOf, Literal(text)),
            (sentence, NIF.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)),
            (sentence, NIF.referenceContext, context),
            (sentence, AKG.section, Literal("comment" if k % 10 == 9 else "body")),
            (claim, RDF.type, AKG.Claim), (claim, RDF.subject, nodes[a]), (claim, RDF.predicate, AKG[relation]),
            (claim, RDF.object, nodes[b]), (claim, AKG.polarity, Literal("negative" if negative else "positive")),
            (claim, AKG.confidence, Literal(round(0.5 + (k % 10) / 20, 2))), (claim, AKG.assertedBy, doc),
            (claim, PROV.wasDerivedFrom, sentence), (claim, AKG.trigger, Literal(relation)),
            (claim, AKG.triggerBegin, Literal(start, datatype=XSD.nonNegativeInteger)),
            (claim, AKG.triggerEnd, Literal(start + len(relation), datatype=XSD.nonNegativeInteger)),
        ):
            graph.add((s, p, o))
    return dataset


def random_claims(actors: int, count: int, seed: int = 7) -> list[tuple[int, str, int, bool]]:
    """Claims between actors drawn with a long tail (a few actors in many claims), as in news."""
    rnd = random.Random(seed)
    weights = [1.0 / (1 + i) ** 0.6 for i in range(actors)]
    out = []
    for k in range(count):
        a, b = rnd.choices(range(actors), weights, k=2)
        out.append((a, RELATIONS[rnd.randrange(len(RELATIONS))], b if b != a else (a + 1) % actors, k % 11 == 0))
    return out


def write(folder: Path, name: str, dataset: Dataset) -> Path:
    path = folder / name
    path.write_text(render_html(dataset), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pages")


@pytest.fixture(scope="module")
def seeds_page(pages: Path, seeds_dir: Path, settings) -> Path:
    return write(pages, "seeds.html", kg.build([seeds_dir], settings))


@pytest.fixture
def open_page(browser: Chromium) -> Iterator[Callable[[Path], tuple[Tab, int]]]:
    """Opens a page in a new tab and waits for its layout to settle: (tab, ms since navigation)."""
    opened: list[Tab] = []

    def open_(page: Path) -> tuple[Tab, int]:
        opened.append(browser.open(page))
        return opened[-1], opened[-1].stabilised_ms()

    yield open_
    for tab in opened:
        tab.close()


def test_seeds_page_loads_offline_without_errors_and_draws(open_page, seeds_page):
    page, _ms = open_page(seeds_page)
    time.sleep(0.3)  # the frame after the layout settles
    assert page.errors() == []
    assert page.requests() == [seeds_page.resolve().as_uri()], "no request but the page itself"
    image = page.screenshot("#graph")
    pixels = image.width * image.height
    data = image.tobytes()  # RGB, three bytes a pixel
    drawn = [data[k:k + 3] for k in range(0, len(data), 3) if min(data[k:k + 3]) < 200]
    inked = len(drawn)
    assert inked > pixels * 0.005, f"the canvas is blank: {inked} of {pixels} pixels drawn"
    colours = set(drawn)
    assert len(colours) > 20, "actors are coloured by type"
    assert page.js("actorGraph.network.physics.physicsEnabled") is False, "physics stops once settled"


def test_seeds_page_evidence_search_and_filters(open_page, seeds_page):
    page, _ms = open_page(seeds_page)
    data = json.loads(page.js("document.getElementById('graph-data').textContent"))
    busiest = max(range(len(data["edges"])), key=lambda i: len(data["edges"][i]["claims"]))
    page.js(f"actorGraph.showEdge({busiest})")
    cards = page.js("Array.from(document.querySelectorAll('#evidence .claim')).map(c => c.textContent)")
    marks = page.js("Array.from(document.querySelectorAll('#evidence .claim mark')).map(m => m.textContent)")
    assert len(cards) == len(data["edges"][busiest]["claims"]) > 1
    assert len(marks) == len(cards), "each sentence has its relation words highlighted"
    assert all("Asserted by" in c and "Confidence" in c and "Document" in c and "Section" in c for c in cards)
    assert page.js(f"actorGraph.network.body.data.edges.get({busiest}).label").endswith(f"\u00d7{len(cards)}")

    def search(words: str) -> str:
        page.js(f"document.getElementById('search').value = {json.dumps(words)};"
                "document.getElementById('search-form').requestSubmit()")
        return page.js("document.querySelector('#evidence h2').textContent")

    known = max((n for n in data["nodes"] if n["wikidata"] and n["claims"]), key=lambda n: n["claims"])
    assert search(known["label"].upper()) == known["label"]
    assert page.js("Array.from(document.querySelectorAll('#evidence a')).map(a => a.href)") == [known["wikidata"]]
    assert page.js("actorGraph.network.getSelectedNodes()") == [data["nodes"].index(known)]
    names = [name.casefold() for n in data["nodes"] for name in (n["label"], *n["aliases"])]
    unique = [(a, n["label"]) for n in data["nodes"] if n["claims"] for a in n["aliases"] if names.count(a.casefold()) == 1]
    assert search(unique[0][0]) == unique[0][1], "an alias finds its actor"

    def shown() -> int:
        return int(page.js("document.getElementById('summary').textContent").split(" of ")[0].split(", ")[1])

    total = shown()
    page.js("document.querySelector('#relation-filters input').click()")
    assert shown() < total
    page.js("document.getElementById('documents-none').click()")
    assert shown() == 0
    page.js("document.getElementById('documents-all').click()")
    page.js("document.querySelector('#relation-filters input').click()")
    assert shown() == total
    page.js("var r = document.getElementById('confidence'); r.value = '0.85'; r.dispatchEvent(new Event('input'))")
    assert 0 < shown() < total
    assert page.errors() == []


def test_hover_and_click_on_the_canvas_show_evidence(open_page, pages):
    claims = [(0, "supports", 1, False), (0, "supports", 1, False), (0, "supports", 1, True), (2, "attacks", 0, False),
              (1, "meetsWith", 2, False)]
    page, _ms = open_page(write(pages, "small.html", synthetic(3, claims, documents=2)))
    edges = page.js("actorGraph.network.body.data.edges.get()")
    supports = {bool(e.get("dashes")): e for e in edges if e["label"].startswith("supports")}
    assert supports[False]["label"] == "supports \u00d72" and supports[True]["label"] == "supports"
    assert [e["label"] for e in edges if "arrows" in e] == ["meets with"], "no arrow on a symmetric relation"

    def on_screen(canvas_point: str) -> list[float]:
        return page.js(f"(() => {{ const n = actorGraph.network, p = n.canvasToDOM({canvas_point}),"
                       " r = document.getElementById('graph').getBoundingClientRect();"
                       " return [p.x + r.left, p.y + r.top]; })()")

    def heading() -> str:
        return page.js("document.querySelector('#evidence h2').textContent")

    def middle(edge: dict) -> list[float]:
        return on_screen(f"actorGraph.network.body.edges[{json.dumps(edge['id'])}].edgeType.getPoint(0.5)")

    page.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": middle(supports[False])[0],
                                           "y": middle(supports[False])[1]})
    assert heading() == "Actor 0 \u2192 Actor 1", "hovering an edge shows its claims"
    assert page.js("document.querySelectorAll('#evidence .claim').length") == 2
    attack = next(e for e in edges if e["label"] == "attacks")
    page.click(*middle(attack))
    assert heading() == "Actor 2 \u2192 Actor 0"
    page.click(*on_screen("actorGraph.network.getPosition(2)"))
    assert heading() == "Actor 2"
    assert page.js("document.querySelectorAll('#evidence .claim').length") == 2
    assert page.errors() == []


def test_xss_probe_document_runs_nothing(open_page, pages, settings):
    corpus = pages / "probe"
    corpus.mkdir()
    (corpus / "probe.txt").write_text(PROBE, encoding="utf-8")
    dataset = kg.build([corpus], settings)
    page, _ms = open_page(write(pages, "probe.html", dataset))
    data = json.loads(page.js("document.getElementById('graph-data').textContent"))
    assert len(data["claims"]) >= 2 and any("<script>" in s["x"] for s in data["sentences"])
    texts = []
    for i in range(len(data["edges"])):
        page.js(f"actorGraph.showEdge({i})")
        texts.append(page.js("document.getElementById('evidence').textContent"))
    for i in range(len(data["nodes"])):
        page.js(f"actorGraph.showActor({i})")
    panel = " ".join(texts)
    assert "<script>window.__xss=1</script>" in panel and '<img src=x onerror="window.__xss=1">' in panel
    assert page.js("typeof window.__xss") == "undefined"
    assert page.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.js("document.scripts.length") == 3
    links = page.js("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    assert all(link.startswith("https://www.wikidata.org/wiki/Q") for link in links)
    assert page.errors() == [], "no script ran, and none was even tried (the CSP would report it)"


def test_two_thousand_actors_ten_thousand_claims_settle_within_five_seconds(open_page, pages):
    dataset = synthetic(2000, random_claims(2000, 10_000), documents=50)
    page, ms = open_page(write(pages, "big.html", dataset))
    assert ms < 5000, f"load and layout took {ms} ms"
    assert page.js("actorGraph.network.physics.physicsEnabled") is False
    assert page.js("document.getElementById('summary').textContent").endswith("10000 of 10000 claims shown")
    assert page.errors() == []
