"""Any invalid row: nothing is imported, and every error is listed with its row and column
(row as Excel shows it: the header is row 1), in Vietnamese then English (the issue)."""

from datetime import date

import openpyxl
import pytest
from django.utils import translation

from nhiemvu.directives.models import Directive
from nhiemvu.importing.columns import BASE_COLUMNS, REQUIRED
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row, write_csv, write_xlsx
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

COLUMN_OF = dict(
    zip(
        (
            "number_symbol",
            "issued_on",
            "issuer",
            "summary",
            "content",
            "lead",
            "coordinating",
            "assigned_on",
            "due_on",
            "completed_on",
            "note",
        ),
        BASE_COLUMNS,
        strict=True,
    )
)


def errors_of(source, **options) -> list[str]:
    """The messages of a rejected import, after checking that nothing at all was written."""
    before = (
        Directive.objects.count(),
        Task.objects.count(),
        TaskEvent.objects.count(),
        Unit.objects.count(),
    )
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(source, today=TODAY, **options)
    after = (Directive.objects.count(), Task.objects.count(), TaskEvent.objects.count(), Unit.objects.count())
    assert after == before, "nothing may be imported"
    return [str(issue) for issue in rejected.value.issues]


def test_the_issue_example_message_for_an_invalid_date(units, write_file):
    path = write_file([row(content=f"Nhiệm vụ {n}") for n in range(5)] + [row(due_on="31/02/2019")])
    assert errors_of(path) == [
        "Dòng 7, cột “Hạn xử lý”: ngày không hợp lệ “31/02/2019” / Row 7, column “Hạn xử lý”: invalid date “31/02/2019”"
    ]


def test_in_english_the_message_is_said_once(units, write_file):
    path = write_file([row(due_on="31/02/2019"), row(content="")])
    with translation.override("en"):
        errors = errors_of(path)
    assert errors == [
        "Row 2, column “Hạn xử lý”: invalid date “31/02/2019”",
        "Row 3, column “Nội dung nhiệm vụ”: missing value (required)",
    ]


def test_a_good_row_is_not_imported_when_another_row_is_bad(units, write_file):
    errors_of(write_file([row(content="Tốt"), row(content="Xấu", assigned_on="hôm qua")]))


@pytest.mark.parametrize(
    "column", ["number_symbol", "issued_on", "issuer", "summary", "content", "lead", "assigned_on"]
)
def test_a_missing_required_value(units, write_file, column):
    assert errors_of(write_file([row(**{column: ""})])) == [
        (
            f"Dòng 2, cột “{COLUMN_OF[column]}”: thiếu giá trị (bắt buộc) / "
            f"Row 2, column “{COLUMN_OF[column]}”: missing value (required)"
        )
    ]


def test_the_optional_columns_are_exactly_the_four_of_the_issue():
    assert set(BASE_COLUMNS) - set(REQUIRED) == {"Đơn vị phối hợp", "Hạn xử lý", "Ngày hoàn thành", "Ghi chú"}


@pytest.mark.parametrize(
    ("values", "column", "vietnamese"),
    [
        (
            {"completed_on": "09/05/2019"},
            "Ngày hoàn thành",
            "ngày hoàn thành 09/05/2019 trước ngày giao 10/05/2019",
        ),
        ({"due_on": "09/05/2019"}, "Hạn xử lý", "hạn xử lý 09/05/2019 trước ngày giao 10/05/2019"),
        ({"assigned_on": "09/05/2019"}, "Ngày giao", "ngày giao 09/05/2019 trước ngày ban hành 10/05/2019"),
        ({"assigned_on": "01/01/2020"}, "Ngày giao", "ngày 01/01/2020 chưa đến (hôm nay là 31/12/2019)"),
        ({"completed_on": "01/01/2020"}, "Ngày hoàn thành", "chưa đến"),
        ({"issued_on": "2019-13-01"}, "Ngày ban hành", "ngày không hợp lệ “2019-13-01”"),
        ({"assigned_on": "10/5/19"}, "Ngày giao", "ngày không hợp lệ “10/5/19”"),
        ({"completed_on": "01/01/0019"}, "Ngày hoàn thành", "ngày không hợp lệ"),
        (
            {"coordinating": "Sở Tài chính; sở nội vụ"},
            "Đơn vị phối hợp",
            "đơn vị chủ trì “Sở Nội vụ” không được",
        ),
        ({"number_symbol": "1196 UBND TH"}, "Số, ký hiệu", "không đúng dạng"),
        ({"number_symbol": "UBND-TH"}, "Số, ký hiệu", "không đúng dạng"),
        ({"lead": "Sở Khoa học"}, "Đơn vị chủ trì", "không có đơn vị “Sở Khoa học” trong hệ thống"),
        ({"coordinating": "Sở Tài chính; Sở Y tế"}, "Đơn vị phối hợp", "không có đơn vị “Sở Y tế”"),
        ({"lead": "Sở Nội vụ; Sở Tài chính"}, "Đơn vị chủ trì", "chỉ ghi một đơn vị chủ trì"),
    ],
)
def test_each_kind_of_invalid_row(units, write_file, values, column, vietnamese):
    (message,) = errors_of(write_file([row(**values)]))
    assert message.startswith(f"Dòng 2, cột “{column}”: ")
    assert vietnamese in message.split(" / ")[0]
    assert f" / Row 2, column “{column}”: " in message


def test_an_issue_date_in_the_future(units, write_file):
    messages = errors_of(write_file([row(issued_on="01/01/2020", assigned_on="01/01/2020")]))
    assert [message.split(":")[0] for message in messages] == [
        "Dòng 2, cột “Ngày ban hành”",
        "Dòng 2, cột “Ngày giao”",
    ]
    assert all(
        "chưa đến (hôm nay là 31/12/2019)" in message and "is in the future" in message
        for message in messages
    )


def test_a_due_date_in_the_future_is_fine(units, write_file):
    assert import_tasks(write_file([row(due_on="31/12/2030")]), today=TODAY).tasks_created == 1


def test_every_error_is_listed_in_row_then_column_order(units, write_file):
    path = write_file(
        [
            row(),
            row(assigned_on="32/05/2019", lead="Sở Không Có"),
            row(content="", due_on="xx"),
            row(number_symbol="???", completed_on="01/01/2020"),
        ]
    )
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(path, today=TODAY)
    located = [(issue.row, issue.column) for issue in rejected.value.issues]
    assert located == [
        (3, "Đơn vị chủ trì"),
        (3, "Ngày giao"),
        (4, "Nội dung nhiệm vụ"),
        (4, "Hạn xử lý"),
        (5, "Số, ký hiệu"),
        (5, "Ngày hoàn thành"),
    ]
    assert rejected.value.message().startswith(
        "Không nhập tệp: 6 lỗi, chưa nhập dữ liệu nào / Import rejected: 6 error(s), nothing was imported\n"
    )


def test_row_numbers_count_blank_rows_as_excel_does(units, tmp_path):
    path = write_xlsx(tmp_path / "co-dong-trong.xlsx", [row(), [], [None] * 11, row(due_on="1/1/1")])
    assert errors_of(path) == [
        "Dòng 5, cột “Hạn xử lý”: ngày không hợp lệ “1/1/1” / Row 5, column “Hạn xử lý”: invalid date “1/1/1”"
    ]


def test_a_number_in_a_date_cell_is_not_a_date(units, tmp_path):
    path = write_xlsx(tmp_path / "so.xlsx", [row(due_on=43600)])
    assert errors_of(path) == [
        "Dòng 2, cột “Hạn xử lý”: ngày không hợp lệ “43600” / Row 2, column “Hạn xử lý”: invalid date “43600”"
    ]


def test_data_outside_the_template_columns(units, tmp_path):
    path = write_xlsx(tmp_path / "thua-cot.xlsx", [[*row(), None, "lạc chỗ"]])
    assert errors_of(path) == [
        "Dòng 2: có dữ liệu ở ô M2, ngoài các cột của tệp mẫu / Row 2: data in cell M2, outside the template's columns"
    ]


def test_an_ambiguous_unit_name(units, write_file):
    UnitFactory(code="SNV2", name="Sở  nội vụ", parent=units["dak_ha"])
    (message,) = errors_of(write_file([row()]))
    assert (
        "tên “Sở Nội vụ” trùng với 2 đơn vị: Sở Nội vụ (mã SNV, thuộc UBND tỉnh Kon Tum); "
        "Sở  nội vụ (mã SNV2, thuộc UBND huyện Đắk Hà); hãy ghi mã đơn vị"
    ) in message


def test_an_active_unit_is_preferred_to_an_ended_one_of_the_same_name(units, write_file):
    UnitFactory(code="SNV-CU", name="Sở Nội vụ", parent=units["province"], active_until=date(2010, 12, 31))
    import_tasks(write_file([row()]), today=TODAY)
    assert Task.objects.get().lead_unit == units["noi_vu"]


def test_a_unit_that_had_ended_on_the_assignment_date_leads_no_task(units, write_file):
    units["dak_ha"].active_until = date(2019, 1, 1)
    units["dak_ha"].save()
    (message,) = errors_of(write_file([row(lead="UBND huyện Đắk Hà")]))
    assert message.startswith(
        "Dòng 2, cột “Đơn vị chủ trì”: đơn vị “UBND huyện Đắk Hà” không hoạt động vào ngày giao"
    )


def test_the_same_task_twice_with_different_data_is_an_error(units, write_file):
    (message,) = errors_of(write_file([row(due_on="31/05/2019"), row(due_on="30/06/2019")]))
    assert message.startswith("Dòng 3: cùng nhiệm vụ với dòng 2")


def test_rows_of_one_directive_must_describe_it_alike(units, write_file):
    (message,) = errors_of(write_file([row(content="Một"), row(content="Hai", summary="Trích yếu khác")]))
    assert message.startswith(
        "Dòng 3, cột “Trích yếu”: khác với dòng 2 cùng số, ký hiệu, ngày ban hành và cơ quan ban hành"
    )


def test_the_same_number_and_date_from_another_issuer_is_another_directive_decree_30_2020(units, write_file):
    """Numbers are each issuing body's own: two bodies' 12/UBND-TH of one day are two directives."""
    import_tasks(
        write_file([row(content="Một"), row(content="Hai", issuer="Văn phòng Chính phủ", summary="Khác")]),
        today=TODAY,
    )
    assert sorted(Directive.objects.values_list("issuer", flat=True)) == [
        "UBND tỉnh Kon Tum",
        "Văn phòng Chính phủ",
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            [*BASE_COLUMNS[:8], "Thời hạn", *BASE_COLUMNS[9:]],
            [
                "Dòng 1: ô I1 là “Thời hạn”, cần “Hạn xử lý” / Row 1: cell I1 is “Thời hạn”, expected “Hạn xử lý”"
            ],
        ),
        (
            BASE_COLUMNS[:10],
            ["Dòng 1: ô K1 là “”, cần “Ghi chú” / Row 1: cell K1 is “”, expected “Ghi chú”"],
        ),
        (
            [*BASE_COLUMNS, "Người theo dõi"],
            [
                "Dòng 1: ô L1 “Người theo dõi” không thuộc tệp mẫu / Row 1: cell L1 “Người theo dõi” is not a column of the template"
            ],
        ),
        (
            [BASE_COLUMNS[1], BASE_COLUMNS[0], *BASE_COLUMNS[2:]],
            [
                "Dòng 1: ô A1 là “Ngày ban hành”, cần “Số, ký hiệu” / Row 1: cell A1 is “Ngày ban hành”, expected “Số, ký hiệu”",
                "Dòng 1: ô B1 là “Số, ký hiệu”, cần “Ngày ban hành” / Row 1: cell B1 is “Số, ký hiệu”, expected “Ngày ban hành”",
            ],
        ),
    ],
)
def test_a_wrong_header(units, write_file, header, expected):
    assert errors_of(write_file([row()], header=header)) == expected
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(write_file([row()], header=header), today=TODAY)
    assert (
        rejected.value.message()
        .splitlines()[-1]
        .startswith("Hãy dùng tệp mẫu của lệnh “nhiemvu export-template”")
    )


def test_a_missing_header(units, write_file):
    messages = errors_of(write_file([row()], header=None))
    assert messages[0].startswith("Dòng 1: ô A1 là “1196/UBND-TH”, cần “Số, ký hiệu”")


def test_a_blank_first_row(units, tmp_path):
    path = write_xlsx(tmp_path / "trong.xlsx", [row()], header=[None] * 11)
    assert errors_of(path)[0].startswith("Dòng 1: thiếu dòng tiêu đề")


def test_a_header_differing_only_in_case_and_spacing_is_accepted(units, write_file):
    header = [f"  {column.upper()} " for column in BASE_COLUMNS]
    assert import_tasks(write_file([row()], header=header), today=TODAY).tasks_created == 1


@pytest.mark.parametrize("name", ["nhiem-vu.xls", "nhiem-vu.txt", "nhiem-vu"])
def test_a_wrong_file_type(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"anything")
    (message,) = errors_of(path)
    assert "không đúng loại: chỉ nhận tệp .xlsx hoặc .csv" in message and "Wrong file type" in message


def test_a_missing_file(tmp_path):
    (message,) = errors_of(tmp_path / "khong-co.xlsx")
    assert message.startswith("Không đọc được tệp") and "Cannot read the file" in message


def test_a_damaged_xlsx(tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    (message,) = errors_of(path)
    assert message.startswith("Không đọc được tệp “hong.xlsx”: tệp Excel bị lỗi")


def test_a_text_file_named_xlsx(tmp_path):
    path = tmp_path / "gia.xlsx"
    path.write_text("Số, ký hiệu;Ngày ban hành")
    (message,) = errors_of(path)
    assert "không phải tệp Excel .xlsx" in message and "not an Excel .xlsx file" in message


def test_a_csv_not_in_utf8(tmp_path):
    path = tmp_path / "cp1258.csv"
    path.write_bytes(",".join(BASE_COLUMNS).encode("utf-8")[:20] + "\nđơn vị".encode("utf-16"))
    (message,) = errors_of(path)
    assert "không mã hóa UTF-8" in message and "not UTF-8 encoded" in message


def test_an_xlsx_renamed_to_csv(tmp_path):
    path = write_xlsx(tmp_path / "that.xlsx", [row()]).rename(tmp_path / "doi-ten.csv")
    (message,) = errors_of(path)
    assert "đây là tệp Excel đổi đuôi thành .csv" in message


@pytest.mark.parametrize("content", [b"", b"   \n", b"\xef\xbb\xbf"])
def test_an_empty_csv(tmp_path, content):
    path = tmp_path / "rong.csv"
    path.write_bytes(content)
    (message,) = errors_of(path)
    assert "rỗng" in message and "empty" in message


def test_an_empty_workbook(tmp_path):
    path = tmp_path / "rong.xlsx"
    openpyxl.Workbook().save(path)
    assert errors_of(path) == ["Tệp rỗng / The file is empty"]


def test_a_header_without_data_rows(units, write_file):
    assert errors_of(write_file([])) == ["Tệp không có dòng dữ liệu nào / The file has no data rows"]


def test_an_unknown_assigning_unit_code(units, write_file):
    (message,) = errors_of(write_file([row()]), assigning_unit="KHONGCO")
    assert message == (
        "Không có đơn vị mã “KHONGCO” (tùy chọn --assigning-unit) / No unit with code “KHONGCO” (option --assigning-unit)"
    )


def test_without_an_issuer_unit_nor_a_single_root_the_assigning_unit_must_be_given(units, write_file):
    UnitFactory(code="UBND-QN", name="UBND tỉnh Quảng Ngãi", kind="province")
    (message,) = errors_of(
        write_file([row(issuer="Văn phòng Chính phủ"), row(issuer="Văn phòng Chính phủ", content="B")])
    )
    assert "không xác định được đơn vị giao nhiệm vụ (dòng 2, 3)".capitalize() in message
    assert "--assigning-unit" in message and "2 đơn vị cấp cao nhất" in message


def test_csv_rows_are_numbered_like_excel_rows(units, tmp_path):
    path = write_csv(tmp_path / "dong.csv", [row(content="Hai\ndòng"), [], row(lead="Không có")])
    (message,) = errors_of(path)
    assert message.startswith("Dòng 4, cột “Đơn vị chủ trì”")
