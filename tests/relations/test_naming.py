"""Who a noun phrase names: the examples after "such as", the object of a naming verb before "as"
("Washington regards HTS as al-Qaeda's Syrian branch": HTS is the branch), and not whoever trained or
backed the forces it names."""
import pytest

CASES = [
    ("The army was fighting terrorist organisations such as HTS that were armed by the Turkish regime.",
     {("Turkish government", "supports", "Hay'at Tahrir al-Sham", "positive", "")}),
    ("Washington regards HTS as al-Qaeda's Syrian branch.",
     {("Hay'at Tahrir al-Sham", "affiliatedWith", "al-Qaeda", "positive", "")}),
    ("Ankara regards the YPG as an extension of the PKK.",
     {("People's Protection Units", "affiliatedWith", "Kurdistan Workers' Party", "positive", "")}),
    # forces trained or backed by X are not X's own: X does not act through them
    ("Kurdish-led forces backed by the US-led coalition captured Raqqa.",
     {("United States government", "leaderOf", "Global Coalition against Daesh", "positive", "")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_who_a_noun_phrase_names(extract, text, expected):
    assert extract(text) == expected
