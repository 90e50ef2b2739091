"""The only conftest: the real spaCy pipeline, loaded once per session, and helpers shared by the tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.actors.gazetteer import load_gazetteer
from kg.actors.names import normalise
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(workers=1)


@pytest.fixture(scope="session")
def nlp(settings):
    from kg.nlp.pipeline import make_nlp

    return make_nlp(settings)


@pytest.fixture(scope="session")
def names(settings):
    """Every name of every gazetteer actor (normalised) -> its key: lets tests speak in names."""
    gazetteer = load_gazetteer(settings.ontology)
    table = {}
    for entry in gazetteer.actors.values():
        for name in (entry.label, *entry.aliases):
            table[normalise(name)] = entry.key
    return table


@pytest.fixture(scope="session")
def extract(nlp, names):
    """A sentence in -> its claims as (subject, relation, object, polarity, asserter) named as the test wrote them."""

    def run(text: str) -> set[tuple[str, ...]]:
        doc = nlp(text)
        labels = {e.key: e.label for e in doc._.akg_entities.values()}
        out = set()
        for c in doc._.akg_claims:
            out.add((labels.get(c.subject, c.subject), c.relation, labels.get(c.object, c.object), c.polarity,
                     labels.get(c.asserted_by, "") if c.asserted_by else ""))
        return out

    return run


@pytest.fixture(scope="session")
def key_of(names):
    """A name as a test writes it -> the key the pipeline gives that actor (gazetteer key, else its slug)."""
    from kg.actors.names import slug

    def key(name: str) -> str:
        return names.get(normalise(name), slug(name))

    return key


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_output(tmp_path_factory, seeds_dir) -> Path:
    """The seeds built once for the session, through the CLI, into a temporary output folder."""
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path_factory.mktemp("seeds-output")
    result = CliRunner().invoke(app, ["build", str(seeds_dir), "-o", str(out), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    return out


SMALL_CORPUS = {
    "a.txt": "Envoy talks\n\nThe UN envoy Staffan de Mistura met John Kerry in Geneva. "
             "Russia supports the Syrian government.\n",
    "b.txt": "Hezbollah\n\nIran supports Hezbollah. Hezbollah fights alongside the Syrian Arab Army.\n",
    "c.txt": "Denial\n\nIran denied that it supports Hezbollah. Lavrov met Kerry in Geneva on Monday.\n",
    "d.txt": "Aleppo\n\nRussia bombed Aleppo, the opposition said.\n",
    "e.txt": "Again\n\nRussia supports the Syrian government. Staffan de Mistura met John Kerry.\n",
}


@pytest.fixture(scope="session")
def small_corpus() -> dict[str, str]:
    """Five short documents (file name -> text) with claims that agree and disagree across them."""
    return dict(SMALL_CORPUS)
