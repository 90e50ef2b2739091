"""A point of view that opens the sentence makes its holder the claim's speaker: "For Russia, ...",
"In Moscow's view, ..."; a time phrase does not ("For years, ..."). Inside a quotation, "we" is the
speaker's side: the organisation that speaks, or the one the speaking person's title names."""
import pytest

CASES = [
    ("But for Russia, ISIL is a minor annoyance compared with Jabhat al-Nusra.",
     {("Russian government", "opposes", "Islamic State", "positive", "Russian government")}),
    ("In Moscow's view, the United States supports Jabhat al-Nusra.",
     {("United States government", "supports", "Jabhat Fatah al-Sham", "positive", "Russian government")}),
    ('"We do not have any links with the PKK," PYD co-chair Salih Muslim said.',
     {("Democratic Union Party", "affiliatedWith", "Kurdistan Workers' Party", "negative", "Salih Muslim"),
      ("Salih Muslim", "leaderOf", "Democratic Union Party", "positive", "Salih Muslim")}),
    ('"We are not talking to the Syrian regime," Pentagon spokesman Jeff Davis said.',
     {("Syrian government", "meetsWith", "US Department of Defense", "negative", "Jeff Davis"),
      ("Jeff Davis", "memberOf", "US Department of Defense", "positive", "Jeff Davis")}),
    ("For years, Russia has backed Assad.",
     {("Russian government", "supports", "Bashar al-Assad", "positive", "")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_a_point_of_view_is_the_speaker(extract, text, expected):
    assert extract(text) == expected
