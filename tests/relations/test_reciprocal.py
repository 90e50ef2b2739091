"""Coordinated actors acting on each other: "X and Y clash", "X and Y accused each other" give the
claim both ways and no alliance."""
import pytest

CASES = [
    ("Ahrar al-Sham and HTS clash again in western Aleppo countryside.",
     {("Ahrar al-Sham", "attacks", "Hay'at Tahrir al-Sham", "positive", ""),
      ("Hay'at Tahrir al-Sham", "attacks", "Ahrar al-Sham", "positive", "")}),
    ("Ahrar al-Sham and HTS attacked one another in Idlib.",
     {("Ahrar al-Sham", "attacks", "Hay'at Tahrir al-Sham", "positive", ""),
      ("Hay'at Tahrir al-Sham", "attacks", "Ahrar al-Sham", "positive", "")}),
    ("Russia and Turkey accused each other of violating the ceasefire.",
     {("Russian government", "accuses", "Turkish government", "positive", ""),
      ("Turkish government", "accuses", "Russian government", "positive", "")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_coordinated_actors_act_on_each_other(extract, text, expected):
    assert extract(text) == expected


def test_an_organ_fighting_beside_its_own_state_is_not_its_ally(extract):
    assert extract("Iran and its Revolutionary Guards attacked ISIS.") == {
        ("Iranian government", "attacks", "Islamic State", "positive", ""),
        ("Islamic Revolutionary Guard Corps", "attacks", "Islamic State", "positive", ""),
        ("Islamic Revolutionary Guard Corps", "memberOf", "Iranian government", "positive", "")}
