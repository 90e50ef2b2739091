"""Sentences the parser gets partly wrong, and what the extractor still reads in them: a verb tagged
as an adverb ("back"), a seat of government after "in" hung on the verb, a gerund taken for a noun."""
import pytest

CASES = [
    ("Russia and Iran back the government in Damascus.",
     {("Russian government", "supports", "Syrian government", "positive", ""),
      ("Iranian government", "supports", "Syrian government", "positive", "")}),
    ("Russia supports the government in Damascus, Lavrov said.",
     {("Russian government", "supports", "Syrian government", "positive", "Sergei Lavrov")}),
    ("Jordan has denied arming rebels of the Southern Front.",
     {("Jordanian government", "supports", "Southern Front", "negative", "Jordanian government")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_a_parser_slip_still_gives_the_claims(extract, text, expected):
    assert extract(text) == expected
