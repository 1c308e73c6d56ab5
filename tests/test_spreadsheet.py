"""OWASP's rule for CSV/Excel injection: every cell we write that starts like a formula is text."""

import pytest

from nhiemvu.spreadsheet import looks_like_formula, neutralise, refused_on_import


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_starts_like_a_formula_is_written_as_text(text):
    assert looks_like_formula(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Sở Nội vụ", "1196/UBND-TH", "", 12, 3.5, None])
def test_other_values_are_written_as_they_are(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("text", ["=1+1", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0", '+HYPERLINK("http://x")'])
def test_an_import_refuses_what_would_run_as_a_formula(text):
    assert refused_on_import(text)


@pytest.mark.parametrize("text", ["- Rà soát văn bản", "+ Báo cáo", "+84 260 3862 345", "0260 3862 345"])
def test_an_import_takes_list_items_and_phone_numbers_as_text(text):
    assert not refused_on_import(text)
