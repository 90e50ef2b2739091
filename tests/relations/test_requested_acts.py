"""What a request asks for is not asserted ("urged X to attack Y" says no attack), but the end of an
act it asks for presupposes the act ("urged X to stop shelling Y": X shells Y); outside a request,
ending an act denies it."""
import pytest

CASES = [
    ("Washington urged Ankara to attack ISIS.",
     {("United States government", "requests", "Turkish government", "positive", "")}),
    ("Congress is asking Obama to help Iran.",
     {("Congress", "requests", "Barack Obama", "positive", "")}),
    ("Obama was urged by Congress to help Iran.", {("Congress", "requests", "Barack Obama", "positive", "")}),
    ("Washington urged Ankara to stop shelling the YPG.",
     {("United States government", "requests", "Turkish government", "positive", ""),
      ("Turkish government", "attacks", "People's Protection Units", "positive", "")}),
    ("The US called on Iran to stop arming Hezbollah.",
     {("United States government", "requests", "Iranian government", "positive", ""),
      ("Iranian government", "supports", "Hezbollah", "positive", "")}),
    ("Turkey stopped shelling the YPG.",
     {("Turkish government", "attacks", "People's Protection Units", "negative", "")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_a_requested_act_is_not_asserted(extract, text, expected):
    assert extract(text) == expected
