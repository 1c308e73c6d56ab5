"""Data quality of imported text (issue 12 #5, #12): one normalisation for every importer,
invisible characters, letter case of symbols, digits of dates, cells read as formulas."""

import openpyxl
import pytest

from nhiemvu.directives.models import Directive
from nhiemvu.importing.cells import cell_date
from nhiemvu.importing.columns import CONTENT, ISSUED_ON, LEAD_UNIT, NOTE
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.template import write_template
from nhiemvu.importing.tests.conftest import TODAY, row
from nhiemvu.text import normalise_text
from nhiemvu.tracking.models import Task

pytestmark = pytest.mark.django_db


def issues_of(path):
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(path, today=TODAY)
    return [(issue.row, issue.column, str(issue)) for issue in rejected.value.issues]


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("\u200b", ""),
        ("\ufeffSở Nội vụ", "Sở Nội vụ"),
        ("Sở\u00a0 Nội   vụ ", "Sở Nội vụ"),
        ("So\u031b\u0309 Nội vụ", "Sở Nội vụ"),  # decomposed (NFD) "ở"
    ],
)
def test_normalise_text_nfc_no_format_characters_single_spaces(raw, clean):
    assert normalise_text(raw) == clean


def test_a_content_of_only_a_zero_width_space_is_missing(units, write_file):
    ((number, column, text),) = issues_of(write_file([row(content="\u200b")]))
    assert (number, column) == (2, CONTENT) and "thiếu giá trị" in text


def test_zero_width_characters_do_not_split_a_unit_name(units, write_file):
    import_tasks(write_file([row(lead="Sở\u200b Nội vụ\ufeff")]), today=TODAY)
    assert Task.objects.get().lead_unit == units["noi_vu"]


def test_a_symbol_typed_in_lower_case_is_the_same_directive(units, write_file):
    """Decree 30/2020 appendix I: the symbol is in capitals; 12/ubnd-th is 12/UBND-TH."""
    path = write_file(
        [row(number_symbol="12/UBND-TH", content="Một"), row(number_symbol="12/ubnd-th", content="Hai")]
    )
    import_tasks(path, today=TODAY)
    assert list(Directive.objects.values_list("number_symbol", flat=True)) == ["12/UBND-TH"]
    assert Task.objects.count() == 2


@pytest.mark.parametrize("text", ["١٠/٠٥/٢٠١٩", "１０/０５/２０１９", "10/05/２０１９"])
def test_a_date_with_non_ascii_digits_is_invalid(text):
    with pytest.raises(ValueError):
        cell_date(text)


def test_a_date_cell_with_non_ascii_digits_is_an_error_at_its_cell(units, write_file):
    ((number, column, text),) = issues_of(write_file([row(issued_on="１０/０５/２０１９")]))
    assert (number, column) == (2, ISSUED_ON) and "ngày không hợp lệ" in text


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_refused(units, write_file, start):
    """OWASP "CSV Injection" (nhiemvu.spreadsheet.refused_on_import), by row and column."""
    path = write_file([row(content="Một"), row(content="Hai", note=f'{start}HYPERLINK("http://x","y")')])
    if write_file.suffix == "xlsx":  # openpyxl writes "=…" as a formula: make it the text cell a user typed
        workbook = openpyxl.load_workbook(path)
        workbook.active["K3"].data_type = "s"
        workbook.save(path)
    ((number, column, text),) = issues_of(path)
    assert (number, column) == (3, NOTE) and f"bắt đầu bằng “{start}”" in text
    assert not Task.objects.exists()


@pytest.mark.parametrize("content", ["- Rà soát các văn bản", "+ Báo cáo kết quả"])
def test_a_task_written_as_a_list_item_is_text_not_a_formula(units, write_file, content):
    import_tasks(write_file([row(content=content)]), today=TODAY)
    assert Task.objects.get().content == content


def test_a_unit_name_as_formula_is_refused(units, write_file):
    ((number, column, _text),) = issues_of(write_file([row(lead="=1+1")]))[:1]
    assert (number, column) == (2, LEAD_UNIT)


def test_the_template_cells_pass_through_neutralise(tmp_path, monkeypatch):
    """Every cell of the template goes through nhiemvu.spreadsheet.neutralise: a column
    text starting with "=" would be written with the apostrophe."""
    from nhiemvu.importing import columns, template

    monkeypatch.setattr(template, "COLUMNS", ("=Cột", *columns.COLUMNS[1:]))
    monkeypatch.setitem(template.GUIDANCE, "=Cột", ("giải thích", "=1+1"))
    monkeypatch.setitem(template.WIDTHS, "=Cột", 10)
    path = write_template(tmp_path / "mau.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook["Nhiệm vụ"]["A1"].value == "'=Cột"
    assert workbook["Hướng dẫn"]["D2"].value == "'=1+1"
