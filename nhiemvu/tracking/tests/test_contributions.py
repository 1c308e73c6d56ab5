"""A coordinating unit reports what it did for a task (seed 003 art. 10.2.b: it informs the
lead unit of the progress and result of its part; seed 004 art. 2.2-2.3): an event of the
task's history, with its unit and documents, that changes neither the task's state nor any
figure of the reports."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import User
from nhiemvu.reports.services import unit_report
from nhiemvu.tracking import permissions, services
from nhiemvu.tracking.choices import EventKind, Lifecycle
from nhiemvu.tracking.models import Task, TaskEvent, TaskEventAttachment
from nhiemvu.tracking.permissions import Action
from nhiemvu.tracking.status import TransitionError
from tests.factories import make_task, moment, person

pytestmark = pytest.mark.django_db

ASSIGNED_ON = date(2018, 5, 2)
DUE = date(2018, 6, 15)
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def task(cast):
    """The province's task to the Sở Nông nghiệp, the Sở Tài chính and the Sở Tư pháp coordinating."""
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=ASSIGNED_ON,
        due_on=DUE,
        field=cast.agriculture,
        coordinating_units=[cast.finance_department, cast.justice_department],
    )
    services.accept(task, by=cast.focal_officer, at=moment(date(2018, 5, 3)))
    return task


@pytest.fixture
def finance_focal(cast):
    return person(Role.FOCAL_OFFICER, cast.finance_department, username="daumoi_stc")


def contribute(task, by, unit, *, day=date(2018, 5, 10), **kwargs):
    kwargs.setdefault("note", "Đã thẩm định dự toán kinh phí")
    return services.contribute(task, by=by, at=moment(day, 10), unit=unit, **kwargs)


def frozen(task):
    """The task row and its events: what a refused contribution leaves as it was."""
    row = Task.objects.filter(pk=task.pk).values().get()
    return row, list(TaskEvent.objects.filter(task=task).order_by("id").values())


def test_a_coordinating_units_focal_officer_records_its_part_with_both_dates(cast, task, finance_focal):
    before = Task.objects.get(pk=task.pk)
    event = contribute(task, finance_focal, cast.finance_department, effective_on=date(2018, 5, 8))
    assert (event.kind, event.contributing_unit, event.actor) == (
        EventKind.CONTRIBUTED,
        cast.finance_department,
        finance_focal,
    )
    assert event.note == "Đã thẩm định dự toán kinh phí"
    assert (event.effective_on, event.recorded_at) == (date(2018, 5, 8), moment(date(2018, 5, 10), 10))
    after = Task.objects.get(pk=task.pk)
    state = ("lead_unit_id", "due_in_force", "completed_on", "lifecycle", "percent")
    assert [getattr(after, name) for name in state] == [getattr(before, name) for name in state]
    # Practice 6: the row is still the last snapshot, which the contribution carries on.
    assert (event.lifecycle, event.due_in_force, event.lead_unit_id) == (
        Lifecycle.IN_PROGRESS,
        DUE,
        cast.agriculture_department.pk,
    )
    assert after.state_recorded_at == event.recorded_at
    assert task.events.exclude(pk=event.pk).filter(superseded_at__isnull=True).count() == 0


def test_without_an_effective_date_the_contribution_takes_effect_on_the_day_recorded(
    cast, task, finance_focal
):
    assert contribute(task, finance_focal, cast.finance_department).effective_on == date(2018, 5, 10)


@pytest.mark.parametrize("role", [Role.UNIT_LEADER, Role.FOCAL_OFFICER, Role.SPECIALIST])
def test_each_member_of_the_coordinating_unit_may_report_for_it(cast, task, role):
    member = person(role, cast.finance_department)
    assert contribute(task, member, cast.finance_department).actor == member


def test_the_unit_above_a_coordinating_sub_unit_reports_for_it(cast, task):
    """A unit acts for its sub-units (seed 003 art. 6.3.a): the Sở for its Chi cục."""
    task.coordinating_units.add(cast.district_agriculture)
    district_focal = person(Role.FOCAL_OFFICER, cast.district)
    event = contribute(task, district_focal, cast.district_agriculture)
    assert event.contributing_unit == cast.district_agriculture


@pytest.mark.parametrize("who", ["focal_officer", "unit_leader", "specialist", "desk", "leader", "viewer"])
def test_the_lead_unit_and_the_office_do_not_report_a_coordinating_units_part(cast, task, who):
    before = frozen(task)
    with pytest.raises(PermissionDenied, match="báo cáo kết quả phối hợp"):
        contribute(task, getattr(cast, who), cast.finance_department)
    assert frozen(task) == before


def test_a_member_reports_only_for_their_own_unit(cast, task, finance_focal):
    before = frozen(task)
    with pytest.raises(PermissionDenied):
        contribute(task, finance_focal, cast.justice_department)
    assert frozen(task) == before


def test_a_unit_that_does_not_coordinate_the_task_reports_nothing(cast, task):
    """Not even the system itself (`by=None`, an import) records it for another unit."""
    with pytest.raises(ValidationError, match="không phối hợp"):
        contribute(task, None, cast.district)
    with pytest.raises(PermissionDenied):
        contribute(task, person(Role.FOCAL_OFFICER, cast.district), cast.district)


def test_a_unit_that_now_leads_the_task_no_longer_reports_as_coordinating(cast, task):
    services.reassign(task, by=cast.desk, at=moment(date(2018, 5, 9)), to_unit=cast.finance_department)
    with pytest.raises(PermissionDenied):
        contribute(task, person(Role.FOCAL_OFFICER, cast.finance_department), cast.finance_department)


def test_the_check_reads_the_locked_row_not_a_stale_copy(cast, task, finance_focal):
    stale = Task.objects.get(pk=task.pk)
    task.coordinating_units.remove(cast.finance_department)
    with pytest.raises(PermissionDenied):
        contribute(stale, finance_focal, cast.finance_department)


@pytest.mark.parametrize("closing", ["complete", "cancel"])
def test_a_closed_task_takes_no_more_contributions(cast, task, finance_focal, closing):
    if closing == "complete":
        services.complete(
            task,
            by=cast.focal_officer,
            at=moment(date(2018, 5, 9)),
            completed_on=date(2018, 5, 9),
            result_document="1/BC",
        )
    else:
        services.cancel(task, by=cast.desk, at=moment(date(2018, 5, 9)), reason="Văn bản bị thay thế")
    before = frozen(task)
    with pytest.raises(TransitionError, match="không ghi nhận thêm kết quả phối hợp"):
        contribute(task, finance_focal, cast.finance_department)
    assert frozen(task) == before


def test_a_returned_task_still_takes_the_coordinating_units_report(cast, task, finance_focal):
    services.return_task(
        task, by=cast.focal_officer, at=moment(date(2018, 5, 9)), reason="Không thuộc chức năng"
    )
    event = contribute(task, finance_focal, cast.finance_department)
    assert event.lifecycle == Lifecycle.RETURNED


def test_a_contribution_says_what_was_done(cast, task, finance_focal):
    with pytest.raises(ValidationError, match="không được để trống"):
        contribute(task, finance_focal, cast.finance_department, note="  ")


@pytest.mark.parametrize(
    ("effective_on", "message"),
    [(date(2018, 5, 11), "không được sau ngày cập nhật"), (date(2018, 5, 1), "trước ngày giao")],
)
def test_the_effective_date_lies_between_the_assignment_and_the_record(
    cast, task, finance_focal, effective_on, message
):
    with pytest.raises(TransitionError, match=message):
        contribute(task, finance_focal, cast.finance_department, effective_on=effective_on)


def test_the_units_documents_are_kept_with_its_contribution(cast, task, finance_focal):
    files = [SimpleUploadedFile("TĐ 15.pdf", PDF), SimpleUploadedFile("Dự toán.pdf", PDF)]
    event = contribute(task, finance_focal, cast.finance_department, files=files)
    attachments = TaskEventAttachment.objects.filter(event=event).order_by("name")
    assert [(a.name, a.uploaded_by, a.size) for a in attachments] == [
        ("Dự toán.pdf", finance_focal, len(PDF)),
        ("TĐ 15.pdf", finance_focal, len(PDF)),
    ]


def test_a_refused_document_saves_neither_it_nor_the_contribution(cast, task, finance_focal):
    before = frozen(task)
    files = [SimpleUploadedFile("TĐ.pdf", PDF), SimpleUploadedFile("gia.pdf", b"<html><script>")]
    with pytest.raises(ValidationError):
        contribute(task, finance_focal, cast.finance_department, files=files)
    assert frozen(task) == before
    assert not TaskEventAttachment.objects.filter(event__task=task).exists()


def test_a_contribution_changes_no_figure_of_the_report_now_or_as_of_any_moment(cast, task, finance_focal):
    """The status engine's SQL twin reads the contribution's snapshot as the state it carries on."""
    moments = [moment(date(2018, 5, 9), 12), moment(date(2018, 5, 10), 12), moment(date(2018, 7, 1), 12)]

    def figures():
        return [
            [row.as_dict() for row in unit_report(date_from=ASSIGNED_ON, date_to=DUE, as_of=at).rows]
            for at in moments
        ]

    before = figures()
    contribute(task, finance_focal, cast.finance_department)
    services.update_progress(task, by=cast.focal_officer, at=moment(date(2018, 5, 11)), note="Đang làm")
    contribute(task, finance_focal, cast.finance_department, day=date(2018, 5, 12))
    assert figures() == before


def test_the_list_of_tasks_one_may_report_on_agrees_with_can_for_every_persona(cast, task):
    """permissions.actionable (for lists) and permissions.can (one task) say the same."""
    forestry_coordinated = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=cast.province,
        assigned_on=ASSIGNED_ON,
        coordinating_units=[cast.forestry, cast.district_agriculture],
    )
    make_task(lead_unit=cast.finance_department, assigning_unit=cast.province, assigned_on=ASSIGNED_ON)
    users = [member for member in vars(cast).values() if isinstance(member, User)] + [
        person(Role.SPECIALIST, cast.finance_department),
        person(Role.UNIT_LEADER, cast.district),
        person(Role.FOCAL_OFFICER, cast.forestry),
    ]
    every = list(Task.objects.all())
    for user in users:
        expected = {t.pk for t in every if permissions.can(user, Action.CONTRIBUTE, t)}
        listed = set(
            Task.objects.filter(permissions.actionable(user, Action.CONTRIBUTE)).values_list("pk", flat=True)
        )
        assert listed == expected, user.username
    # Not trivially: the Sở above the Chi cục reports on the justice task it coordinates through it.
    assert permissions.can(cast.focal_officer, Action.CONTRIBUTE, forestry_coordinated)
    assert not permissions.can(cast.focal_officer, Action.CONTRIBUTE, task)
