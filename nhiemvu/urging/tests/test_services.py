"""Urging a unit and asking it to explain (urging.services), the rules and who may."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nhiemvu.tracking import services as tracking
from nhiemvu.urging import services
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.models import AppendOnlyError, ExplanationRequest, Urging
from nhiemvu.urging.tests.conftest import LATE_DAY
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db


def urge(cast, tasks, names, *, by=None, unit=None, day=LATE_DAY, **extra):
    extra.setdefault("kind", UrgingKind.REMINDER)
    extra.setdefault("text", "Đề nghị khẩn trương hoàn thành, báo cáo kết quả.")
    return services.urge(
        by=by or cast.desk,
        at=moment(day),
        unit=unit or cast.agriculture_department,
        tasks=[tasks[name] for name in names],
        **extra,
    )


def test_the_office_urges_one_unit_about_several_of_its_tasks_seed_004_art_6_1_d(cast, tasks):
    urging = urge(cast, tasks, ["overdue", "later"], kind=UrgingKind.CRITICISM, urged_on=date(2026, 5, 11))
    assert urging.unit == cast.agriculture_department
    assert urging.issuing_unit == cast.province
    assert urging.by == cast.desk
    assert urging.urged_on == date(2026, 5, 11)
    assert urging.recorded_at == moment(LATE_DAY)
    assert set(urging.tasks.all()) == {tasks["overdue"], tasks["later"]}
    assert urging.get_kind_display() == "Phê bình"


def test_an_urging_takes_the_recording_day_when_no_date_is_given(cast, tasks):
    assert urge(cast, tasks, ["overdue"]).urged_on == LATE_DAY


def test_an_urging_is_never_changed_nor_deleted(cast, tasks):
    urging = urge(cast, tasks, ["overdue"])
    urging.text = "Sửa lại"
    with pytest.raises(AppendOnlyError):
        urging.save()
    with pytest.raises(AppendOnlyError):
        urging.delete()
    with pytest.raises(AppendOnlyError):
        Urging.objects.filter(pk=urging.pk).update(text="Sửa lại")


@pytest.mark.parametrize(
    ("names", "unit", "message"),
    [
        ([], None, "ít nhất một nhiệm vụ"),
        (["justice"], None, "không do đơn vị được đôn đốc chủ trì"),
        (["done"], None, "không còn đang thực hiện"),
        (["overdue", "child"], None, "không do đơn vị được đôn đốc chủ trì"),
    ],
)
def test_only_the_units_own_open_tasks_are_urged(cast, tasks, names, unit, message):
    with pytest.raises(ValidationError, match=message):
        urge(cast, tasks, names, by=cast.admin)
    assert not Urging.objects.exists()


def test_one_urging_names_the_tasks_of_one_assigning_unit(cast, tasks):
    """The Sở's task for its Chi cục and one the province gave the Chi cục: two issuers."""
    own = make_task(
        lead_unit=cast.forestry,
        assigning_unit=cast.province,
        assigned_on=date(2026, 3, 4),
        due_on=date(2026, 5, 1),
    )
    with pytest.raises(ValidationError, match="cùng một đơn vị giao"):
        services.urge(
            by=cast.admin,
            at=moment(LATE_DAY),
            unit=cast.forestry,
            tasks=[tasks["child"], own],
            kind=UrgingKind.REMINDER,
            text="Đề nghị khẩn trương",
        )
    assert (
        services.urge(
            by=cast.admin,
            at=moment(LATE_DAY),
            unit=cast.forestry,
            tasks=[own],
            kind=UrgingKind.REMINDER,
            text="Đề nghị khẩn trương",
        ).issuing_unit
        == cast.province
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"text": "   "}, "không được để trống"),
        ({"kind": "khen_thuong"}, "không hợp lệ"),
        ({"urged_on": date(2026, 5, 13)}, "không được sau ngày ghi nhận"),
        ({"urged_on": date(2026, 3, 1)}, "trước ngày giao"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_saves_nothing(cast, tasks, extra, message):
    with pytest.raises(ValidationError, match=message):
        urge(cast, tasks, ["overdue"], **extra)
    assert not Urging.objects.exists()


@pytest.mark.parametrize("who", ["unit_leader", "focal_officer", "specialist", "other_officer", "viewer"])
def test_those_who_carry_tasks_out_or_only_read_do_not_urge_the_province_s_tasks(cast, tasks, who):
    with pytest.raises(PermissionDenied):
        urge(cast, tasks, ["overdue"], by=getattr(cast, who))
    assert not Urging.objects.exists()


def test_a_department_urges_its_sub_unit_about_what_it_delegated_seed_003_art_10_2_c(cast, tasks):
    urging = urge(cast, tasks, ["child"], by=cast.focal_officer, unit=cast.forestry)
    assert urging.issuing_unit == cast.agriculture_department
    with pytest.raises(PermissionDenied):
        urge(cast, tasks, ["child"], by=cast.desk, unit=cast.forestry)


def test_a_field_limited_leader_urges_only_in_their_field(cast, tasks):
    urge(cast, tasks, ["overdue"], by=cast.leader)
    with pytest.raises(PermissionDenied):
        urge(cast, tasks, ["justice"], by=cast.leader, unit=cast.justice_department)


def test_the_urgeable_tasks_are_the_units_open_ones_the_user_may_urge(cast, tasks):
    agri = cast.agriculture_department
    assert set(services.urgeable_tasks(cast.desk, agri)) == {tasks["overdue"], tasks["later"]}
    assert set(services.urgeable_tasks(cast.focal_officer, agri)) == set()
    assert set(services.urgeable_tasks(cast.focal_officer, cast.forestry)) == {tasks["child"]}


# --- explanation requests ---------------------------------------------------------------


def ask(cast, task, *, by=None, day=LATE_DAY):
    return services.request_explanation(
        by=by or cast.leader, at=moment(day), task=task, question="Đề nghị giải trình lý do chậm trễ."
    )


def test_a_leader_asks_the_lead_unit_to_explain_an_overdue_task_seed_004_art_5_1_e(cast, tasks):
    request = ask(cast, tasks["overdue"])
    assert request.unit == cast.agriculture_department
    assert request.requested_by == cast.leader
    assert not request.is_answered
    answered = services.answer_explanation(
        request, by=cast.focal_officer, at=moment(LATE_DAY, 15), answer="Do chưa bố trí được kinh phí."
    )
    assert answered.is_answered
    assert answered.answered_by == cast.focal_officer
    assert answered.answer == "Do chưa bố trí được kinh phí."


def test_overdue_from_the_day_after_the_due_date(cast, tasks):
    with pytest.raises(ValidationError, match="đang trễ hạn"):
        ask(cast, tasks["overdue"], day=date(2026, 4, 30))
    assert ask(cast, tasks["overdue"], day=date(2026, 5, 1))


@pytest.mark.parametrize("name", ["later", "done"])
def test_a_task_not_overdue_needs_no_explanation(cast, tasks, name):
    with pytest.raises(ValidationError, match="đang trễ hạn"):
        ask(cast, tasks[name], by=cast.admin)


def test_one_question_at_a_time(cast, tasks):
    request = ask(cast, tasks["overdue"])
    with pytest.raises(ValidationError, match="chưa được trả lời"):
        ask(cast, tasks["overdue"])
    services.answer_explanation(
        request, by=cast.unit_leader, at=moment(LATE_DAY, 10), answer="Đang hoàn thiện."
    )
    assert ask(cast, tasks["overdue"], day=date(2026, 5, 13))
    assert ExplanationRequest.objects.count() == 2


@pytest.mark.parametrize("who", ["desk", "inspection", "viewer", "focal_officer"])
def test_only_leaders_ask_for_explanations(cast, tasks, who):
    with pytest.raises(PermissionDenied):
        ask(cast, tasks["overdue"], by=getattr(cast, who))


def test_the_unit_asked_answers_once_and_no_one_else_does(cast, tasks):
    request = ask(cast, tasks["overdue"])
    for who in ("specialist", "other_officer", "desk", "leader"):
        with pytest.raises(PermissionDenied):
            services.answer_explanation(
                request, by=getattr(cast, who), at=moment(LATE_DAY, 10), answer="Lý do"
            )
    with pytest.raises(ValidationError, match="không được để trống"):
        services.answer_explanation(request, by=cast.focal_officer, at=moment(LATE_DAY, 10), answer=" ")
    with pytest.raises(ValidationError, match="trước thời điểm yêu cầu"):
        services.answer_explanation(request, by=cast.focal_officer, at=moment(LATE_DAY, 8), answer="Lý do")
    services.answer_explanation(request, by=cast.focal_officer, at=moment(LATE_DAY, 10), answer="Lý do")
    with pytest.raises(ValidationError, match="đã được giải trình"):
        services.answer_explanation(
            request, by=cast.unit_leader, at=moment(LATE_DAY, 11), answer="Lý do khác"
        )
    request.refresh_from_db()
    assert request.answer == "Lý do" and request.answered_by == cast.focal_officer


def test_the_unit_asked_still_answers_after_the_task_moves_on(cast, tasks):
    request = ask(cast, tasks["overdue"])
    tracking.reassign(
        tasks["overdue"], by=cast.desk, at=moment(LATE_DAY, 10), to_unit=cast.finance_department
    )
    services.answer_explanation(
        request, by=cast.focal_officer, at=moment(LATE_DAY, 11), answer="Đã chuyển giao"
    )
