"""cues.yaml `stance_prefixes`: the name after "anti-", "pro-", "non-" names a stance, not the actor who acts."""
import pytest

CASES = [
    ("Pro-Assad militias attacked Ahrar al-Sham in Aleppo.", set()),
    ("Pro-Russian fighters attacked Ahrar al-Sham.", set()),
    ("Non-Russian forces attacked Ahrar al-Sham.", set()),
    ("Russian forces attacked Ahrar al-Sham.", {("Russian Armed Forces", "attacks", "Ahrar al-Sham", "positive", "")}),
    ("The anti-Assad camp is led by the United States.",
     {("United States government", "opposes", "Bashar al-Assad", "positive", "")}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_a_prefixed_name_is_not_the_actor(extract, text, expected):
    assert extract(text) == expected
