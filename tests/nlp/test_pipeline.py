import pytest


@pytest.mark.parametrize("text, sentences", [
    # a headline and a byline have no full stop: each line break ends a sentence
    ("Russia backs Assad in Aleppo\nBy Jane Doe\nThe envoy met the rebels on Monday.",
     ["Russia backs Assad in Aleppo", "By Jane Doe", "The envoy met the rebels on Monday."]),
    ("Talks resume\r\n\r\nThe envoy met the rebels.", ["Talks resume", "The envoy met the rebels."]),
    ("The envoy met the rebels. They talked.", ["The envoy met the rebels.", "They talked."]),
])
def test_line_breaks_end_sentences(nlp, text, sentences):
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == sentences
