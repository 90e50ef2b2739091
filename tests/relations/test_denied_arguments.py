"""A name set against another in the same slot is denied, whatever the clause asserts: "X, not Y",
"X rather than Y", "instead of Y", "neither X nor Y"."""
import pytest

CASES = [
    ("Russian officials insisted that Moscow was shielding international law, not Assad.",
     {("Russian government", "supports", "Bashar al-Assad", "negative", "Russian government")}),
    ("The Free Syrian Army will keep fighting the Islamic State rather than the regime.",
     {("Free Syrian Army", "attacks", "Islamic State", "positive", ""),
      ("Free Syrian Army", "opposes", "Islamic State", "positive", ""),
      ("Free Syrian Army", "attacks", "Syrian government", "negative", ""),
      ("Free Syrian Army", "opposes", "Syrian government", "negative", "")}),
    ("Neither Ahrar al-Sham nor Jaysh al-Islam joined Hay'at Tahrir al-Sham.",
     {("Ahrar al-Sham", "alliedWith", "Hay'at Tahrir al-Sham", "negative", ""),
      ("Hay'at Tahrir al-Sham", "alliedWith", "Jaysh al-Islam", "negative", "")}),
    ("Iran is not an ally of Hezbollah.", {("Hezbollah", "alliedWith", "Iranian government", "negative", "")}),
    # what the denied phrase itself says stands
    ("It was Russia's support for the Syrian Arab Army, not the US-led coalition, that defeated the Islamic State.",
     {("Russian government", "supports", "Syrian Arab Army", "positive", ""),
      ("United States government", "leaderOf", "Global Coalition against Daesh", "positive", ""),
      ("Russian government", "attacks", "Islamic State", "positive", "")}),
    # a cleft sentence the parser hangs on the verb of its relative clause ("break" ends relations elsewhere)
    ("It was Russia’s support for the Syrian Arab Army, not the US-led coalition, that broke the terrorists.",
     {("Russian government", "supports", "Syrian Arab Army", "positive", ""),
      ("United States government", "leaderOf", "Global Coalition against Daesh", "positive", "")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_a_name_set_against_another_is_denied(extract, text, expected):
    assert extract(text) == expected
