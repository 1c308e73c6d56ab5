"""OWASP's rule for CSV/Excel injection: every cell we write that starts like a formula is text."""

import pytest

from nhiemvu.spreadsheet import looks_like_formula, neutralise


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_starts_like_a_formula_is_written_as_text(text):
    assert looks_like_formula(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Sở Nội vụ", "1196/UBND-TH", "", 12, 3.5, None])
def test_other_values_are_written_as_they_are(value):
    assert neutralise(value) == value
