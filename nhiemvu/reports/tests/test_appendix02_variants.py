"""Seed 000 appendix 02 as a document, rebuilt from the seed's history, and its variants: by
coordinating unit, sub-units rolled up to their parent, "open within deadline" split; each as
of a past moment too."""

import csv
import io
import random
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation
from docx import Document as WordDocument
from openpyxl import load_workbook

from nhiemvu.reports import writers
from nhiemvu.reports.appendix02 import COORDINATING, appendix02, as_document
from nhiemvu.reports.services import unit_report
from nhiemvu.reports.writers.cells import display_text
from nhiemvu.tracking import services
from nhiemvu.units.choices import UnitKind
from tests.factories import UnitFactory, make_task, moment
from tests.test_appendix_02 import APPENDIX_02, HEADER, generated_rows

pytestmark = pytest.mark.django_db

YEAR_FROM, YEAR_TO = date(2018, 1, 1), date(2018, 12, 31)
EXTRACTED = moment(date(2018, 12, 27), 15, 30)
CLASSES = ("total", "done_on_time", "done_late", "open_not_due", "open_no_deadline", "open_overdue")


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def test_appendix_02_document_equals_the_seeds_table_seed_000(tmp_path):
    """Seed 000 appendix 02, "Dữ liệu trích xuất trên phần mềm theo dõi lúc 15h30 ngày
    27/12/2018": the table rebuilt from the imported history, cell for cell."""
    province = UnitFactory(name="UBND tỉnh Kon Tum", kind=UnitKind.PROVINCE, scored_for_reform=False)
    for order, (name, *_counts) in enumerate(APPENDIX_02, start=1):
        UnitFactory(name=name, parent=province, sort_order=order)
    source = tmp_path / "nhiem-vu-2018.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(generated_rows(random.Random(2018)))
    call_command("import-tasks", str(source), stdout=io.StringIO())

    document = as_document(appendix02(date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED))

    assert document.heading == [
        "PHỤ LỤC 02",
        "Kết quả thực hiện nhiệm vụ giao các cơ quan, đơn vị trong năm 2018",
    ]
    assert document.extraction.startswith("Dữ liệu trích xuất lúc 15h30 ngày 27/12/2018")
    (table,) = document.tables()
    assert [(column.group, column.title) for column in table.columns] == [
        (None, "TT"),
        (None, "Cơ quan được giao"),
        (None, "Tổng số nhiệm vụ giao"),
        ("Đã hoàn thành", "Đúng hạn"),
        ("Đã hoàn thành", "Quá hạn"),
        ("Chưa hoàn thành", "Trong hạn"),
        ("Chưa hoàn thành", "Trễ hạn"),
    ]
    printed = [[number, *line] for number, line in enumerate(APPENDIX_02, start=1)]
    assert [row.cells for row in table.rows if row.role == "data"] == printed
    assert [row.cells for row in table.rows if row.role == "total"] == [
        [None, "Tổng số", 3393, 2330, 491, 544, 28]
    ]
    # The same table in the files a clerk files: the .xlsx's cells, the .docx's text.
    total = [None, "Tổng số", 3393, 2330, 491, 544, 28]
    sheet = load_workbook(io.BytesIO(writers.render(document, "xlsx"))).active
    names = {name for name, *_counts in APPENDIX_02} | {"Tổng số"}
    assert [list(row[:7]) for row in sheet.iter_rows(values_only=True) if row[1] in names] == [
        *printed,
        total,
    ]
    (word_table,) = WordDocument(io.BytesIO(writers.render(document, "docx"))).tables
    shown = [[cell.text for cell in row.cells] for row in word_table.rows if row.cells[1].text in names]
    assert shown == [
        [display_text(value, column.kind) for value, column in zip(line, table.columns, strict=True)]
        for line in [*printed, total]
    ]


@pytest.fixture
def tree():
    """UBND tỉnh ─ Sở NN ─ Chi cục Kiểm lâm ─ Hạt Kiểm lâm; ─ UBND huyện ─ Phòng NN; ─ Sở Tư pháp."""
    province = UnitFactory(name="UBND tỉnh Kon Tum", kind=UnitKind.PROVINCE)
    agriculture = UnitFactory(name="Sở Nông nghiệp và Phát triển nông thôn", parent=province, sort_order=1)
    forestry = UnitFactory(name="Chi cục Kiểm lâm", kind=UnitKind.SUB_UNIT, parent=agriculture)
    ranger = UnitFactory(name="Hạt Kiểm lâm Đắk Hà", kind=UnitKind.SUB_UNIT, parent=forestry)
    district = UnitFactory(name="UBND huyện Đắk Hà", kind=UnitKind.DISTRICT, parent=province, sort_order=2)
    district_office = UnitFactory(name="Phòng Nông nghiệp huyện", kind=UnitKind.SUB_UNIT, parent=district)
    justice = UnitFactory(name="Sở Tư pháp", parent=province, sort_order=3)
    return {
        "province": province,
        "agriculture": agriculture,
        "forestry": forestry,
        "ranger": ranger,
        "district": district,
        "district_office": district_office,
        "justice": justice,
    }


def assign(tree, lead, *, assigned_on=date(2018, 3, 1), due_on=None, coordinating=()):
    return make_task(
        lead_unit=tree[lead],
        assigning_unit=tree["province"],
        assigned_on=assigned_on,
        due_on=due_on,
        coordinating_units=[tree[name] for name in coordinating],
    )


def complete(task, day, recorded=None):
    services.complete(task, by=None, at=moment(recorded or day), completed_on=day, result_document="BC")


@pytest.fixture
def history(tree):
    """Tasks at every level, each class on 27/12/2018; one completed after that moment, one
    reassigned from the district to the department after it."""
    complete(assign(tree, "agriculture", due_on=date(2018, 4, 1)), date(2018, 3, 20))
    complete(assign(tree, "forestry", due_on=date(2018, 4, 1)), date(2018, 4, 10))
    assign(tree, "ranger", due_on=date(2019, 1, 31))
    assign(tree, "ranger")
    assign(tree, "district", due_on=date(2018, 6, 1))
    assign(tree, "district_office", due_on=date(2018, 6, 1))
    moved = assign(tree, "district_office", due_on=date(2019, 3, 1))
    services.reassign(moved, by=None, at=moment(date(2019, 1, 3)), to_unit=tree["forestry"])
    late_record = assign(tree, "justice", due_on=date(2018, 12, 1))
    complete(late_record, date(2018, 11, 30), recorded=date(2019, 1, 4))
    assign(tree, "province", due_on=date(2019, 6, 30))


def rows_of(report):
    return {row.unit: tuple(getattr(row, name) for name in CLASSES) for row in report.rows}


def add(*figures):
    return tuple(sum(values) for values in zip(*figures, strict=True))


@pytest.mark.parametrize("as_of", [EXTRACTED, moment(date(2019, 2, 1))])
def test_a_rolled_up_row_is_the_sum_of_its_subtrees_rows(tree, history, as_of):
    flat = rows_of(unit_report(date_from=YEAR_FROM, date_to=YEAR_TO, as_of=as_of))
    rolled = appendix02(date_from=YEAR_FROM, date_to=YEAR_TO, as_of=as_of, rolled_up_under=tree["province"])
    empty = (0,) * len(CLASSES)
    department = ("Sở Nông nghiệp và Phát triển nông thôn", "Chi cục Kiểm lâm", "Hạt Kiểm lâm Đắk Hà")
    district = ("UBND huyện Đắk Hà", "Phòng Nông nghiệp huyện")
    assert rows_of(rolled) == {
        "UBND tỉnh Kon Tum": flat["UBND tỉnh Kon Tum"],
        "Sở Nông nghiệp và Phát triển nông thôn": add(*(flat.get(name, empty) for name in department)),
        "UBND huyện Đắk Hà": add(*(flat.get(name, empty) for name in district)),
        "Sở Tư pháp": flat["Sở Tư pháp"],
    }
    assert [row.unit for row in rolled.rows] == [
        "UBND tỉnh Kon Tum",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "UBND huyện Đắk Hà",
        "Sở Tư pháp",
    ]
    assert rolled.totals == unit_report(date_from=YEAR_FROM, date_to=YEAR_TO, as_of=as_of).totals


def test_rolled_up_as_of_a_past_moment_counts_a_task_where_it_was_then(tree, history):
    def branch(as_of, name):
        report = appendix02(
            date_from=YEAR_FROM, date_to=YEAR_TO, as_of=as_of, rolled_up_under=tree["province"]
        )
        return rows_of(report)[name]

    # The district's task moved to the forestry sub-unit on 03/01/2019.
    assert branch(EXTRACTED, "UBND huyện Đắk Hà")[0] == 3
    assert branch(moment(date(2019, 2, 1)), "UBND huyện Đắk Hà")[0] == 2
    assert branch(EXTRACTED, "Sở Nông nghiệp và Phát triển nông thôn")[0] == 4
    assert branch(moment(date(2019, 2, 1)), "Sở Nông nghiệp và Phát triển nông thôn")[0] == 5
    # Rolled up one level lower: the department's sub-unit holds its own sub-unit.
    lower = appendix02(
        date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED, rolled_up_under=tree["agriculture"]
    )
    assert {row.unit: row.total for row in lower.rows} == {
        "Sở Nông nghiệp và Phát triển nông thôn": 1,
        "Chi cục Kiểm lâm": 3,
    }


def test_by_coordinating_unit_each_task_counts_for_every_unit_coordinating_it_seed_003_art_10_2_b(tree):
    # Due dates around 27/12/2018: on time, late, not yet due, none, overdue.
    first = assign(tree, "agriculture", due_on=date(2018, 5, 1), coordinating=["justice", "district"])
    complete(first, date(2018, 4, 20))
    second = assign(tree, "justice", due_on=date(2018, 5, 1), coordinating=["district"])
    complete(second, date(2018, 6, 1))
    assign(tree, "district", due_on=date(2019, 3, 1), coordinating=["justice"])
    assign(tree, "district", coordinating=["agriculture"])
    assign(tree, "agriculture", due_on=date(2018, 10, 1), coordinating=["district"])
    assign(tree, "justice", due_on=date(2018, 10, 1))  # nobody coordinates it
    completed_after = assign(tree, "justice", due_on=date(2019, 1, 15), coordinating=["agriculture"])
    complete(completed_after, date(2019, 1, 10))
    assign(tree, "justice", assigned_on=date(2019, 1, 5), coordinating=["agriculture"])  # outside the period

    report = appendix02(date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED, counted_by=COORDINATING)
    assert rows_of(report) == {
        #                                          total on time late  not due  none  overdue
        "Sở Nông nghiệp và Phát triển nông thôn": (2, 0, 0, 1, 1, 0),
        "UBND huyện Đắk Hà": (3, 1, 1, 0, 0, 1),
        "Sở Tư pháp": (2, 1, 0, 1, 0, 0),
    }
    assert report.totals.total == 7  # task–unit pairs
    now = appendix02(
        date_from=YEAR_FROM, date_to=YEAR_TO, as_of=moment(date(2019, 2, 1)), counted_by=COORDINATING
    )
    assert rows_of(now)["Sở Nông nghiệp và Phát triển nông thôn"] == (2, 1, 0, 0, 1, 0)
    document = as_document(report)
    assert document.tables()[0].columns[1].title == "Cơ quan phối hợp"
    assert document.blocks[1].text == "Mỗi nhiệm vụ được tính cho từng cơ quan phối hợp thực hiện."


def test_rolling_up_coordinating_units_is_refused(tree):
    with pytest.raises(ValidationError):
        appendix02(
            date_from=YEAR_FROM,
            date_to=YEAR_TO,
            as_of=EXTRACTED,
            counted_by=COORDINATING,
            rolled_up_under=tree["province"],
        )


def test_open_within_deadline_is_one_column_unless_split(tree, history):
    report = appendix02(date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED, units=[tree["ranger"]])
    (table,) = as_document(report).tables()
    assert [column.title for column in table.columns][5:] == ["Trong hạn", "Trễ hạn"]
    assert table.rows[0].cells == [1, "Hạt Kiểm lâm Đắk Hà", 2, 0, 0, 2, 0]

    split = appendix02(
        date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED, units=[tree["ranger"]], split_no_deadline=True
    )
    (table,) = as_document(split).tables()
    assert [(column.group, column.title) for column in table.columns][5:] == [
        ("Chưa hoàn thành", "Chưa đến hạn"),
        ("Chưa hoàn thành", "Không có hạn"),
        ("Chưa hoàn thành", "Trễ hạn"),
    ]
    assert table.rows[0].cells == [1, "Hạt Kiểm lâm Đắk Hà", 2, 0, 0, 1, 1, 0]
    assert table.rows[-1].cells == [None, "Tổng số", 2, 0, 0, 1, 1, 0]


def test_the_title_names_the_assigning_unit_and_the_period(tree, history):
    report = appendix02(
        date_from=date(2018, 1, 1), date_to=date(2018, 6, 30), as_of=EXTRACTED, assigned_by=tree["province"]
    )
    assert as_document(report).heading[1] == (
        "Kết quả thực hiện nhiệm vụ do UBND tỉnh Kon Tum giao các cơ quan, đơn vị trong 6 tháng đầu năm 2018"
    )
    odd = appendix02(date_from=date(2018, 2, 3), date_to=date(2018, 6, 30), as_of=EXTRACTED)
    assert as_document(odd).heading[1] == (
        "Kết quả thực hiện nhiệm vụ giao các cơ quan, đơn vị từ 03/02/2018 đến 30/06/2018"
    )


def test_as_data_gives_every_class_and_the_seeds_within_deadline(tree, history):
    data = appendix02(date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED, units=[tree["ranger"]]).as_data()
    assert data["as_of"] == "2018-12-27T15:30+07:00" and data["counted_by"] == "lead"
    assert data["rows"] == [
        {
            "unit": "Hạt Kiểm lâm Đắk Hà",
            "total": 2,
            "done_on_time": 0,
            "done_late": 0,
            "open_not_due": 1,
            "open_no_deadline": 1,
            "open_overdue": 0,
            "open_within_deadline": 2,
        }
    ]
    assert data["totals"]["open_within_deadline"] == 2
