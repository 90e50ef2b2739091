"""The comparison itself on hand-made rows: what counts as a dispute and what does not."""
from __future__ import annotations

import pytest

from kg.compare.contested import INCOMPATIBLE, OPPOSITE, find_contests
from kg.compare.figures import group_figures
from kg.compare.framing import framing_table
from kg.compare.records import ClaimRow, DescriptorRow, Evidence, FigureRow
from kg.cues import load_cues

ACTOR = "https://w3id.org/actorkg/actor/"
PLACE = "https://w3id.org/actorkg/place/"


@pytest.fixture(scope="module")
def cues(settings):
    return load_cues(settings.path("cues.yaml"))


def evidence(document: str, begin: int = 0, section: str = "body", said_by: str | None = None) -> Evidence:
    return Evidence(document, section, f"a sentence of {document}", begin, begin + 10, said_by)


def claim(document: str, subject: str, relation: str, obj: str, polarity: str = "positive",
          kind: str = "Actor", label: str | None = None, begin: int = 0) -> ClaimRow:
    iri = f"{document}#claim-{subject}-{relation}-{obj}-{polarity}-{begin}"
    base = PLACE if kind == "Place" else ACTOR
    return ClaimRow(iri, ACTOR + subject, subject, relation, base + obj, label or obj, kind, polarity,
                    evidence(document, begin))


def figure(document: str, value: str, low: float | None, high: float | None, about: str | None = "nusra",
           counted: str = "fighter", place: str | None = None, begin: int = 0) -> FigureRow:
    return FigureRow(f"{document}#q-{value}-{begin}", ACTOR + about if about else None, about, counted, value, low, high,
                     PLACE + place if place else None, place, evidence(document, begin))


def descriptor(document: str, actor: str, word: str, section: str = "body", begin: int = 0) -> DescriptorRow:
    return DescriptorRow(f"{document}#d-{actor}-{word}-{begin}", ACTOR + actor, actor, word,
                         evidence(document, begin, section))


# ---------------------------------------------------------------- contested claims

def test_one_source_asserts_what_another_denies(cues):
    yes = claim("a.txt", "iran", "supports", "hezbollah")
    no = claim("b.txt", "iran", "supports", "hezbollah", "negative")
    [contest] = find_contests([yes, no], cues.comparison)
    assert (contest.kind, contest.first, contest.second) == (OPPOSITE, yes, no)


def test_a_place_is_one_place_however_written(cues):
    yes = claim("a.txt", "russia", "attacks", "east_aleppo", kind="Place", label="east Aleppo")
    no = claim("b.txt", "russia", "attacks", "eastern_aleppo", "negative", kind="Place", label="Eastern Aleppo")
    west = claim("c.txt", "russia", "attacks", "west_aleppo", "negative", kind="Place", label="west-Aleppo")
    assert [(c.first, c.second) for c in find_contests([yes, no, west], cues.comparison)] == [(yes, no)]


def test_incompatible_relations_on_one_pair(cues):
    backs = claim("a.txt", "iran", "supports", "hezbollah")
    attacks = claim("b.txt", "iran", "attacks", "hezbollah")
    allied = claim("c.txt", "hezbollah", "alliedWith", "iran")
    opposes = claim("d.txt", "iran", "opposes", "hezbollah")
    kinds = {(c.kind, c.first.relation, c.second.relation) for c in
             find_contests([backs, attacks, allied, opposes], cues.comparison)}
    assert kinds == {(INCOMPATIBLE, "supports", "attacks"), (INCOMPATIBLE, "supports", "opposes"),
                     (INCOMPATIBLE, "alliedWith", "attacks"), (INCOMPATIBLE, "alliedWith", "opposes")}


@pytest.mark.parametrize("rows", [
    # the same claim from two sources
    [claim("a.txt", "iran", "supports", "hezbollah"), claim("b.txt", "iran", "supports", "hezbollah")],
    # one document that contradicts itself is not two sources
    [claim("a.txt", "iran", "supports", "hezbollah"), claim("a.txt", "iran", "supports", "hezbollah", "negative", begin=50)],
    # a denial of something else
    [claim("a.txt", "iran", "supports", "hezbollah"), claim("b.txt", "iran", "supports", "hamas", "negative")],
    # supporting one actor and attacking another; attacked by the one it supports
    [claim("a.txt", "iran", "supports", "hezbollah"), claim("b.txt", "iran", "attacks", "isis"),
     claim("c.txt", "hezbollah", "attacks", "iran")],
    # a denied attack does not contradict support
    [claim("a.txt", "iran", "supports", "hezbollah"), claim("b.txt", "iran", "attacks", "hezbollah", "negative")],
])
def test_agreeing_sources_give_nothing(cues, rows):
    assert find_contests(rows, cues.comparison) == []


# ---------------------------------------------------------------- figures

def test_disputed_figures_stand_side_by_side(cues):
    rows = [figure("a.txt", "about 900", 900, 900), figure("b.txt", "at least 4,000", 4000, None),
            figure("c.txt", "nearly 1,000", None, 1000), figure("d.txt", "8,000 or so", 8000, 8000, about=None,
                                                                   place="east_aleppo")]
    groups = {(g.counted, g.about_label, g.place): g for g in group_figures(rows, cues)}
    nusra = groups[("fighters", "nusra", None)]
    assert [f.value for f in nusra.figures] == ["about 900", "nearly 1,000", "at least 4,000"]
    assert {(a.value, b.value) for a, b in nusra.disputed} == {("about 900", "at least 4,000"),
                                                              ("nearly 1,000", "at least 4,000")}
    assert [f.value for f in groups[("fighters", None, "east aleppo")].figures] == ["8,000 or so"]


@pytest.mark.parametrize("rows", [
    # figures that agree within rounding
    [figure("a.txt", "275,000", 275000, 275000, about=None, counted="resident", place="east_aleppo"),
     figure("b.txt", "some 270,000", 270000, 270000, about=None, counted="civilian", place="eastern_aleppo")],
    # different documents, different things: about nobody and nowhere
    [figure("a.txt", "500", 500, 500, about=None), figure("b.txt", "8,000", 8000, 8000, about=None)],
    # two death tolls for one place are two attacks
    [figure("a.txt", "27", 27, 27, about=None, counted="dead", place="aleppo"),
     figure("b.txt", "at least 500", 500, None, about=None, counted="dead", place="aleppo")],
    # one source giving two figures
    [figure("a.txt", "900", 900, 900), figure("a.txt", "4,000", 4000, 4000, begin=90)],
])
def test_figures_that_do_not_dispute(cues, rows):
    assert all(not g.disputed for g in group_figures(rows, cues))


def test_counted_words_fall_in_their_group(cues):
    rows = [figure("a.txt", "900", 900, 900, counted="militant"), figure("b.txt", "4,000", 4000, 4000, counted="bayonet")]
    [group] = group_figures(rows, cues)
    assert group.counted == "fighters" and group.disputed


# ---------------------------------------------------------------- framing

def test_framing_table():
    rows = [descriptor("a.txt", "syria", "regime"), descriptor("b.txt", "syria", "government"),
            descriptor("b.txt", "syria", "government", begin=40), descriptor("a.txt", "jfs", "jihadist"),
            descriptor("b.txt", "jfs", "jihadist"), descriptor("b.txt", "jfs", "terrorist", section="comment")]
    table = {f.actor_label: f for f in framing_table(rows)}
    assert table["syria"].differs
    assert table["syria"].by_source == {"a.txt": {"regime": 1}, "b.txt": {"government": 2}}
    assert table["jfs"].by_source["b.txt (comments)"] == {"terrorist": 1}


def test_sources_that_agree_frame_nothing_differently():
    rows = [descriptor("a.txt", "syria", "government"), descriptor("b.txt", "syria", "government")]
    assert not framing_table(rows)[0].differs
