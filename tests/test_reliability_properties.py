"""Property-based tests over arbitrary Unicode documents (line breaks of every kind, emoji, right-to-left
scripts, combining marks, control characters; no NUL, which ingest refuses): the build never crashes,
every sentence's offsets give back its text, also after a round trip through Turtle, and every graph
passes the SHACL shapes. One pipeline (the session's `nlp`) serves every example."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF

from kg.api import build_dataset
from kg.graph.iris import doc_graph
from kg.graph.namespaces import AKG, NIF
from kg.ingest.decode import decode
from kg.ingest.html import html_to_text
from kg.ingest.layout import load_layout
from kg.ingest.read import content_hash
from kg.nlp.analyse import analyse_all
from kg.outputs.serialize import union
from kg.outputs.validate import validate_graph
from kg.types import SourceDoc

FRAGMENTS = (
    "Russia supports the Syrian government.", "Iran supports Hezbollah.", "Turkey opposes the YPG.",
    "The envoy met Assad in Damascus.", '"We will not leave," Hezbollah said.', "1 Comment", "By John Smith | Reuters",
    "\n", "\r\n", "\r", "\n\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\t", "  ", "\u00a0",
    "😀", "👩\u200d👩\u200d👧", "🇸🇾", "e\u0301", "a\u0308\u0323", "\u200f", "\u202e", "\u200b", "\ufeff",
    "مرحبا بالعالم.", "שלום עולם.", "Россия поддерживает Сирию.", "中文句子。", "Ｒｕｓｓｉａ",
    "«", "»", "“", "”", "—", "...", "?!", "&", "<b>", "\\", '"""', "'", "\x01", "\x1f", "\x7f",
)
TEXT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
PIECES = st.one_of(st.sampled_from(FRAGMENTS), st.text(TEXT_CHARS, max_size=30))
DOCUMENTS = st.lists(PIECES, min_size=1, max_size=30).map("".join).filter(lambda text: text.strip() != "")
SETTINGS = hypothesis_settings(max_examples=30, deadline=None, database=None,
                               suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@SETTINGS
@given(text=DOCUMENTS)
def test_any_document_builds_with_exact_offsets_and_valid_graph(nlp, settings, text: str) -> None:
    source = SourceDoc("doc.txt", text, ("doc.txt",), "utf-8", content_hash(text))
    results = list(analyse_all(nlp, load_layout(settings.path("layout.yaml")), [source]))
    dataset = build_dataset(results, settings)
    assert validate_graph(union(dataset), settings.path("shapes.ttl")) == []
    own = dataset.graph(doc_graph("doc.txt")).serialize(format="turtle", encoding="utf-8")
    for graph in (union(dataset), Graph().parse(data=own, format="turtle")):
        doc = graph.value(predicate=DCTERMS.identifier, object=Literal("doc.txt"))
        context = graph.value(predicate=AKG.document, object=doc)
        assert str(graph.value(context, NIF.isString)) == text
        for sentence in graph.subjects(NIF.referenceContext, context):
            assert (sentence, RDF.type, NIF.Sentence) in graph
            begin, end = int(graph.value(sentence, NIF.beginIndex)), int(graph.value(sentence, NIF.endIndex))
            assert 0 <= begin < end <= len(text)
            assert str(graph.value(sentence, NIF.anchorOf)) == text[begin:end]


@hypothesis_settings(max_examples=200, deadline=None, database=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"), max_size=200))
def test_utf8_text_decodes_to_itself_and_a_bom_is_dropped(text: str) -> None:
    if text.strip() and not text.startswith("\ufeff"):
        assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")


@hypothesis_settings(max_examples=200, deadline=None, database=None)
@given(markup=st.lists(st.one_of(st.sampled_from(("<p>", "</p>", "<script>", "</script>", "<style>", "</style>",
                                                 "<head>", "</head>", "<body>", "<br/>", "<![if x]>", "<!--", "-->",
                                                 "<pre>", "</pre>", "&amp;", "&#0;", "&#x110000;", "&", "<", ">",
                                                 "\r\n", "\r")),
                                 st.text(TEXT_CHARS, max_size=20)), max_size=40).map("".join))
def test_html_extraction_never_fails_and_keeps_no_cr(markup: str) -> None:
    text = html_to_text(markup)
    assert text.endswith("\n") and "\r" not in text
