"""A good file, .xlsx or .csv, becomes directives, tasks and events as the services would make them."""

import csv
from datetime import date, datetime

import openpyxl
import pytest

from nhiemvu.dates import start_of_day
from nhiemvu.directives.choices import DirectiveType, SourceChannel
from nhiemvu.directives.models import Directive
from nhiemvu.importing.columns import BASE_COLUMNS
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row, write_csv, write_xlsx
from nhiemvu.tracking import services
from nhiemvu.tracking.choices import EventKind, EventSource, Lifecycle
from nhiemvu.tracking.models import Task, TaskEvent
from tests.factories import DirectiveFactory

pytestmark = pytest.mark.django_db


def test_rows_become_directives_tasks_and_assigned_events(units, write_file):
    path = write_file(
        [
            row(content="Rà soát thủ tục hành chính", lead="Sở Nội vụ", due_on="31/05/2019"),
            row(content="Báo cáo tình hình giải ngân", lead="Sở Tài chính"),
            row(
                number_symbol="270/QĐ-UBND",
                issued_on="02/04/2019",
                summary="Ban hành kế hoạch cải cách",
                content="Xây dựng kế hoạch",
                lead="Sở Tư pháp",
                assigned_on="03/04/2019",
            ),
        ]
    )
    result = import_tasks(path, today=TODAY)

    assert (result.tasks_created, result.tasks_skipped, len(result.directives_created)) == (3, 0, 2)
    letter = Directive.objects.get(number_symbol="1196/UBND-TH")
    assert letter.doc_type == DirectiveType.OFFICIAL_LETTER and letter.channel == SourceChannel.IMPORT
    assert letter.issued_on == date(2019, 5, 10) and letter.issuer == "UBND tỉnh Kon Tum"
    assert letter.issuer_unit == units["province"]
    assert letter.summary == "V/v triển khai các nhiệm vụ sau giao ban tháng 5"
    assert Directive.objects.get(number_symbol="270/QĐ-UBND").doc_type == DirectiveType.DECISION

    task = Task.objects.get(content="Rà soát thủ tục hành chính")
    assert task.directive == letter and task.lead_unit == units["noi_vu"]
    assert task.assigning_unit == units["province"]
    assert (task.assigned_on, task.due_on, task.due_in_force) == (
        date(2019, 5, 10),
        date(2019, 5, 31),
        date(2019, 5, 31),
    )
    assert (task.lifecycle, task.percent, task.completed_on) == (Lifecycle.NOT_STARTED, 0, None)
    assert task.assignment_recorded_at == task.state_recorded_at == start_of_day(date(2019, 5, 10))
    assert task.completion_recorded_at is None
    assert Task.objects.get(content="Báo cáo tình hình giải ngân").due_in_force is None  # no due date

    event = task.events.get()
    assert (event.kind, event.source, event.actor) == (EventKind.ASSIGNED, EventSource.IMPORT, None)
    assert (event.effective_on, event.recorded_at) == (date(2019, 5, 10), start_of_day(date(2019, 5, 10)))
    assert (event.lead_unit, event.lifecycle, event.due_in_force) == (
        units["noi_vu"],
        Lifecycle.NOT_STARTED,
        date(2019, 5, 31),
    )


def test_a_completed_row_gets_a_completed_event_on_its_own_day_domain_two_times(units, write_file):
    path = write_file(
        [
            row(
                due_on="12/05/2019",
                completed_on="10/05/2019",
                assigned_on="02/05/2019",
                issued_on="02/05/2019",
                note="Báo cáo số 141/BC-SNV",
            )
        ]
    )
    import_tasks(path, today=TODAY)

    task = Task.objects.get()
    assert (task.lifecycle, task.percent, task.completed_on) == (Lifecycle.COMPLETED, 100, date(2019, 5, 10))
    assert task.assignment_recorded_at == start_of_day(date(2019, 5, 2))
    assert task.state_recorded_at == task.completion_recorded_at == start_of_day(date(2019, 5, 10))
    assigned, completed = task.events.order_by("recorded_at", "id")
    assert assigned.kind == EventKind.ASSIGNED and completed.kind == EventKind.COMPLETED
    assert (completed.effective_on, completed.recorded_at) == (
        date(2019, 5, 10),
        start_of_day(date(2019, 5, 10)),
    )
    assert completed.result_document == "Báo cáo số 141/BC-SNV" and completed.source == EventSource.IMPORT
    assert (completed.lifecycle, completed.completed_on, completed.due_in_force) == (
        Lifecycle.COMPLETED,
        date(2019, 5, 10),
        date(2019, 5, 12),
    )


def test_without_a_note_the_result_document_names_the_file(units, write_file):
    import_tasks(write_file([row(completed_on="20/05/2019")], name="so-theo-doi-2019"), today=TODAY)
    completed = TaskEvent.objects.get(kind=EventKind.COMPLETED)
    assert completed.result_document == f"Nhập từ tệp so-theo-doi-2019.{write_file.suffix}"


def test_imported_task_equals_what_assign_task_and_complete_make(units, write_file):
    """The issue: snapshot and current-state columns exactly as assign_task + complete."""
    values = {"assigned_on": date(2019, 5, 2), "due_on": date(2019, 5, 12), "completed_on": date(2019, 5, 20)}
    import_tasks(
        write_file(
            [
                row(
                    assigned_on="02/05/2019",
                    issued_on="02/05/2019",
                    due_on="12/05/2019",
                    completed_on="20/05/2019",
                    note="Công văn 88/SNV-VP",
                )
            ]
        ),
        today=TODAY,
    )
    imported = Task.objects.get()
    by_hand = services.assign_task(
        directive=DirectiveFactory(issued_on=date(2019, 5, 2)),
        by=None,
        at=start_of_day(values["assigned_on"]),
        content=imported.content,
        lead_unit=units["noi_vu"],
        assigning_unit=units["province"],
        assigned_on=values["assigned_on"],
        due_on=values["due_on"],
    )
    services.complete(
        by_hand,
        by=None,
        at=start_of_day(values["completed_on"]),
        completed_on=values["completed_on"],
        result_document="Công văn 88/SNV-VP",
    )
    by_hand.refresh_from_db()

    columns = (
        "assigning_unit_id",
        "lead_unit_id",
        "assigned_on",
        "due_on",
        "due_in_force",
        "completed_on",
        "lifecycle",
        "percent",
        "assignment_recorded_at",
        "state_recorded_at",
        "completion_recorded_at",
        "fingerprint",
    )
    assert {c: getattr(imported, c) for c in columns} == {c: getattr(by_hand, c) for c in columns}
    snapshot = (
        "kind",
        "effective_on",
        "recorded_at",
        "lead_unit_id",
        "due_in_force",
        "completed_on",
        "lifecycle",
        "percent",
        "result_document",
        "actor_id",
        "superseded_at",
    )

    def events(task):
        return [{c: getattr(e, c) for c in snapshot} for e in task.events.order_by("recorded_at", "id")]

    assert events(imported) == events(by_hand)


def test_rows_with_the_same_number_and_issue_date_share_one_directive(units, write_file):
    path = write_file(
        [
            row(content="Nhiệm vụ một", lead="Sở Nội vụ"),
            row(content="Nhiệm vụ hai", lead="Sở Tài chính"),
            row(number_symbol="Số: 1196/UBND-TH", content="Nhiệm vụ ba", lead="Sở Tư pháp"),  # normalised
            # Same number, other issue date: another document.
            row(issued_on="10/05/2018", assigned_on="11/05/2018", content="Nhiệm vụ năm trước"),
        ]
    )
    result = import_tasks(path, today=TODAY)
    assert len(result.directives_created) == 2
    shared = Directive.objects.get(number_symbol="1196/UBND-TH", issued_on=date(2019, 5, 10))
    assert sorted(shared.tasks.values_list("content", flat=True)) == [
        "Nhiệm vụ ba",
        "Nhiệm vụ hai",
        "Nhiệm vụ một",
    ]


def test_rows_of_a_directive_already_in_the_system_join_it(units, write_file):
    existing = DirectiveFactory(
        number_symbol="1196/UBND-TH", issued_on=date(2019, 5, 10), channel=SourceChannel.PAPER
    )
    result = import_tasks(write_file([row()]), today=TODAY)
    assert result.directives_created == [] and Task.objects.get().directive == existing
    assert Directive.objects.count() == 1


def test_coordinating_units_are_linked_whatever_their_spacing_and_case(units, write_file):
    path = write_file(
        [row(lead="  sở nội   VỤ ", coordinating="Sở Tài chính;ubnd huyện đắk hà ; ; Sở Tài chính")]
    )
    import_tasks(path, today=TODAY)
    task = Task.objects.get()
    assert task.lead_unit == units["noi_vu"]
    assert set(task.coordinating_units.all()) == {units["tai_chinh"], units["dak_ha"]}


def test_the_note_of_an_open_task_is_kept_on_the_task(units, write_file):
    import_tasks(write_file([row(note="Chờ ý kiến của Bộ Nội vụ")]), today=TODAY)
    assert Task.objects.get().note == "Chờ ý kiến của Bộ Nội vụ"


def test_xlsx_date_cells_and_blank_rows_are_read(units, tmp_path):
    path = tmp_path / "ngay-that.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(BASE_COLUMNS))
    values = row(
        issued_on=datetime(2019, 5, 10), assigned_on=date(2019, 5, 10), due_on=datetime(2019, 5, 31, 0, 0)
    )
    sheet.append(values)
    sheet.append([])
    sheet.append(row(content="Sau một dòng trống", issued_on=datetime(2019, 5, 10), assigned_on="10/05/2019"))
    workbook.save(path)
    assert import_tasks(path, today=TODAY).tasks_created == 2
    assert Task.objects.get(due_on__isnull=False).due_on == date(2019, 5, 31)


def test_the_task_sheet_is_found_even_after_the_guide_sheet(units, tmp_path):
    path = write_xlsx(tmp_path / "hai-trang.xlsx", [row()])
    workbook = openpyxl.load_workbook(path)
    guide = workbook.create_sheet("Hướng dẫn", 0)
    guide.append(["Cột", "Cách ghi"])
    workbook.save(path)
    assert import_tasks(path, today=TODAY).tasks_created == 1


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_as_excel_saves_it_with_any_list_separator_and_bom(units, tmp_path, delimiter):
    path = write_csv(
        tmp_path / "excel.csv", [row(coordinating="Sở Tài chính; Sở Tư pháp")], delimiter=delimiter
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    import_tasks(path, today=TODAY)
    assert Task.objects.get().coordinating_units.count() == 2


def test_csv_without_bom_and_with_a_multiline_cell(units, tmp_path):
    path = write_csv(
        tmp_path / "no-bom.csv", [row(content="Dòng một\nDòng hai"), row(content="Khác")], bom=False
    )
    assert import_tasks(path, today=TODAY).tasks_created == 2
    assert Task.objects.filter(content="Dòng một\nDòng hai").exists()


def test_rows_already_read_can_be_imported_without_a_file(units):
    """The service takes rows from any door (a web upload read elsewhere), header first."""
    result = import_tasks([BASE_COLUMNS, row()], today=TODAY, source_name="tải lên")
    assert result.tasks_created == 1 and result.source_name == "tải lên"


def test_checking_takes_a_handful_of_queries_whatever_the_row_count(
    units, write_file, django_assert_max_num_queries
):
    rows = [
        row(number_symbol=f"{n}/UBND-TH", content=f"Nhiệm vụ {n}", lead="Sở Nội vụ") for n in range(1, 301)
    ]
    path = write_file(rows)
    with django_assert_max_num_queries(4):  # units, former names, directives, fingerprints
        import_tasks(path, today=TODAY, dry_run=True)
    with django_assert_max_num_queries(60):  # bulk inserts: a few per batch, not one per row
        assert import_tasks(path, today=TODAY).tasks_created == 300


def test_csv_header_written_by_the_csv_module_round_trips(tmp_path):
    path = write_csv(tmp_path / "h.csv", [])
    with open(path, encoding="utf-8-sig", newline="") as file:
        assert next(csv.reader(file)) == list(BASE_COLUMNS)
