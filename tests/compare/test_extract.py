"""The per-document extractors on single sentences: figures (Quantity) and descriptors (Description)."""
from __future__ import annotations

import pytest

from kg.compare.descriptors import find_descriptions
from kg.compare.quantities import find_quantities
from kg.cues import load_cues


@pytest.fixture(scope="module")
def cues(settings):
    return load_cues(settings.path("cues.yaml"))


@pytest.fixture(scope="module")
def figures(nlp, cues):
    """Text -> {value as written: (about, counted, low, high)}."""

    def run(text: str) -> dict[str, tuple]:
        return {q.value: (q.about, q.counted, q.low, q.high) for q in find_quantities(nlp(text), cues)}

    return run


@pytest.fixture(scope="module")
def described(nlp, cues):
    """Text -> {(actor key, descriptor)}."""

    def run(text: str) -> set[tuple[str, str]]:
        return {(d.key, d.descriptor) for d in find_descriptions(nlp(text), cues)}

    return run


def test_a_figure_about_a_named_group(figures, key_of):
    found = figures("The envoy referred to about 900 former Nusra Front fighters in the city.")
    assert found == {"about 900": (key_of("Nusra Front"), "fighter", 900, 900)}


def test_a_total_and_a_part_in_one_sentence(figures, key_of):
    found = figures("Al-Julani leads the Levant Conquest Front. De Mistura said that among the 8,000 or so fighters "
                    "from rebel groups in the East Aleppo pocket are nearly 1,000 fighters from the al-Qaeda-linked group.")
    assert found["8,000 or so"] == (None, "fighter", 8000, 8000)
    assert found["nearly 1,000"][1:] == ("fighter", None, 1000)


def test_a_figure_in_a_predicate(figures, key_of):
    found = figures("Mr de Mistura said about 900 of the 8,000 fighters in eastern Aleppo were members of "
                    "Jabhat Fateh al-Sham.")
    assert found["about 900"] == (key_of("Jabhat Fateh al-Sham"), "fighter", 900, 900)
    assert found["8,000"] == (None, "fighter", 8000, 8000)


def test_a_count_phrase_names_the_group(figures, key_of):
    found = figures("The envoy said that Jabhat al-Nusra terrorists number is more than half of the militants, "
                    "that is, at least 4,000 bayonets.")
    assert found["at least 4,000"] == (key_of("Jabhat al-Nusra"), "bayonet", 4000, None)


def test_ranges_residents_and_addressees(figures):
    assert figures("There are probably no more than 4-5,000 fighters in east-Aleppo.") == {
        "no more than 4-5,000": (None, "fighter", None, 5000)}
    assert figures("The envoy spoke of 275,000 residents.") == {"275,000": (None, "resident", 275000, 275000)}
    assert figures("“A thousand of you are deciding on the destiny of the city,” he said.") == {
        "A thousand": (None, "member", 1000, 1000)}


def test_casualties_count_the_dead(figures):
    assert figures("The bombing has killed at least 500 civilians.") == {"at least 500": (None, "dead", 500, None)}


def test_numbers_that_count_nothing(figures):
    assert figures("In 2016 the council met 3 times on page 12 and 50% of the delegates left.") == {}
    assert figures("There are some 3-5 civilians per fighter.") == {}


def test_apposition_modifier_and_name(described, key_of):
    assert (key_of("JFS"), "jihadist") in described("JFS, the jihadist group, refused to leave.")
    assert (key_of("Free Syrian Army"), "moderate") in described("The moderate rebels of the Free Syrian Army left.")
    assert (key_of("Syria"), "regime") in described("The Assad regime bombed the city.")
    assert (key_of("Syria"), "government") in described("The Syrian government rejected the plan.")
    assert (key_of("Nour al-Din al-Zenki Movement"), "gang") in described("The leaders of the al Zinki gang fled.")


def test_predicates(described, key_of):
    assert (key_of("Jabhat al-Nusra"), "terrorist") in described("Jabhat al-Nusra militants are terrorists.")
    assert (key_of("Hezbollah"), "terrorist") in described("Hezbollah is considered a terrorist group by the US.")
    assert (key_of("Hezbollah"), "terrorist") in described("The US considers Hezbollah a terrorist organisation.")


def test_what_describes_nothing(described, key_of):
    assert described("Hezbollah is not a terrorist group.") == set()
    assert described("The Syrian Opposition Coalition met in Istanbul.") == set()  # a word of a name
    assert described("Russia demanded the separation of rebels from JFS.") == set()
    assert described("The usual rebels supporters like Lister are hysterical.") == set()
