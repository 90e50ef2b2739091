"""A point of view that opens the sentence makes its holder the claim's speaker: "For Russia, ...",
"In Moscow's view, ..."; a time phrase does not ("For years, ...")."""
import pytest

CASES = [
    ("But for Russia, ISIL is a minor annoyance compared with Jabhat al-Nusra.",
     {("Russian government", "opposes", "Islamic State", "positive", "Russian government")}),
    ("In Moscow's view, the United States supports Jabhat al-Nusra.",
     {("United States government", "supports", "Jabhat Fatah al-Sham", "positive", "Russian government")}),
    ("For years, Russia has backed Assad.",
     {("Russian government", "supports", "Bashar al-Assad", "positive", "")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_a_point_of_view_is_the_speaker(extract, text, expected):
    assert extract(text) == expected
