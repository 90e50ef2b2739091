"""A reported attack is the reporter's accusation of the attacker, unless the reporter is the attacker's own side."""
import pytest

CASES = [
    ("Russian jets bombed Ahrar al-Sham positions, the Syrian Observatory said.",
     {("Syrian Observatory for Human Rights", "accuses", "Russian government", "positive",
       "Syrian Observatory for Human Rights"),
      ("Russian government", "attacks", "Ahrar al-Sham", "positive", "Syrian Observatory for Human Rights")}),
    ("Russian jets bombed Ahrar al-Sham positions, the Russian Defence Ministry said.",
     {("Russian government", "attacks", "Ahrar al-Sham", "positive", "Russian Ministry of Defence")}),
    ("Turkish jets pounded positions of the YPG around Afrin, the Turkish military said.",
     {("Turkish government", "attacks", "People's Protection Units", "positive", "Turkish Armed Forces")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_a_reported_attack_accuses_only_the_other_side(extract, text, expected):
    assert extract(text) == expected
