"""Who acts in an infinitive clause: a purpose clause is its sender's ("sent troops to support X"),
an object-control verb's object acts ("urged X to stop"), so does an enabling verb's ("armed X to fight Y"),
a recipient of permission acts."""
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
    # an enabling verb's object acts in its purpose clause (cues enabling_verbs)
    ("The United States armed the Syrian Democratic Forces to fight the Islamic State.",
     {("United States government", "supports", "Syrian Democratic Forces", "positive", ""),
      ("Syrian Democratic Forces", "attacks", "Islamic State", "positive", ""),
      ("Syrian Democratic Forces", "opposes", "Islamic State", "positive", "")}),
    ("Iran trained Hezbollah fighters to attack Israel.",
     {("Iranian government", "supports", "Hezbollah", "positive", ""),
      ("Hezbollah", "attacks", "Israeli government", "positive", "")}),
    # a bare infinitive after an object: the object acts
    ("Iran and Hezbollah helped Syria defeat al-Qaeda.",
     {("Iranian government", "supports", "Syrian government", "positive", ""),
      ("Hezbollah", "supports", "Syrian government", "positive", ""),
      ("Syrian government", "attacks", "al-Qaeda", "positive", "")}),
    # a clause before a semicolon is not the complement of the verb after it
    ("Moscow and Damascus have called on the Americans to leave; Washington has refused.",
     {("Russian government", "requests", "United States government", "positive", ""),
      ("Syrian government", "requests", "United States government", "positive", "")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_who_acts_in_an_infinitive_clause(extract, text, expected):
    assert extract(text) == expected
