"""Who acts in an infinitive clause: a purpose clause is its sender's ("sent troops to support X"),
an object-control verb's object acts ("urged X to stop"), a recipient of permission acts."""
import pytest

CASES = [
    ("Egypt sent troops to support Syrian government forces.",
     {("Egyptian government", "supports", "Syrian Arab Army", "positive", "")}),
    ("Hezbollah sent fighters to Aleppo to reinforce the Syrian army.",
     {("Hezbollah", "supports", "Syrian Arab Army", "positive", "")}),
    ("Russia sent troops to Syria to support Assad.",  # the parser takes "to Syria" for a recipient
     {("Russian government", "supports", "Bashar al-Assad", "positive", "")}),
    ("Turkey launched Operation Olive Branch to drive the YPG out of Afrin.",  # an operation is no actor
     {("Turkish government", "attacks", "People's Protection Units", "positive", "")}),
    ("Turkey urged Russia to stop the bombing.",
     {("Turkish government", "requests", "Russian government", "positive", "")}),
    ("Obama said he would not give permission to Russia to help Israel",
     {("Barack Obama", "supports", "Russian government", "negative", "Barack Obama")}),  # not Obama helps Israel
]


@pytest.mark.parametrize("text, expected", CASES)
def test_who_acts_in_an_infinitive_clause(extract, text, expected):
    assert extract(text) == expected
