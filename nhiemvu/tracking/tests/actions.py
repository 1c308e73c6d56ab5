"""The task page's actions as its tests drive them: a task, each action's state, actor and
valid form (tests of the plain and the htmx doors share them)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from nhiemvu.accounts.choices import Role
from nhiemvu.tracking import services
from nhiemvu.tracking.choices import EventKind
from tests.factories import make_task, moment, person

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def days_ago(count):
    return timezone.localdate() - timedelta(days=count)


def page_task(cast):
    """Assigned by the province to the Sở NN a month ago, due in a month, in agriculture."""
    return make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=days_ago(30),
        due_on=timezone.localdate() + timedelta(days=30),
        field=cast.agriculture,
        content="Xây dựng kế hoạch phòng chống cháy rừng",
    )


def accepted(task, cast):
    services.accept(task, by=cast.focal_officer, at=moment(days_ago(29)))
    return task


def prepare(action, task, cast):
    """The task in a state that allows `action`, who may do it, and a valid form."""
    actor, data = cast.focal_officer, {}
    if action == "accept":
        pass
    elif action == "progress":
        accepted(task, cast)
        data = {"note": "Đã ban hành kế hoạch", "percent": "40"}
    elif action == "request-extension":
        accepted(task, cast)
        data = {
            "proposed": f"{task.due_in_force + timedelta(days=10):%d/%m/%Y}",
            "reason": "Chờ ý kiến các sở",
        }
    elif action == "decide-extension":
        accepted(task, cast)
        services.request_extension(
            task,
            by=cast.focal_officer,
            at=moment(days_ago(20)),
            proposed=task.due_in_force + timedelta(10),
            reason="x",
        )
        actor, data = cast.leader, {"approve": "1", "note": "Đồng ý"}
    elif action == "complete":
        accepted(task, cast)
        data = {"result_document": "125/BC-SNN", "completed_on": f"{days_ago(2):%d/%m/%Y}", "note": "Xong"}
    elif action == "delegate":
        accepted(task, cast)
        data = {"to_unit": str(cast.forestry.pk), "content": "Kiểm tra các khu rừng"}
    elif action == "return":
        accepted(task, cast)
        data = {"reason": "Không thuộc chức năng của Sở"}
    elif action == "reassign":
        services.return_task(
            task, by=cast.focal_officer, at=moment(days_ago(29)), reason="Không thuộc chức năng"
        )
        actor, data = cast.desk, {"to_unit": str(cast.finance_department.pk)}
    elif action == "reopen":
        accepted(task, cast)
        services.complete(
            task,
            by=cast.focal_officer,
            at=moment(days_ago(10)),
            completed_on=days_ago(10),
            result_document="1/BC",
        )
        actor, data = cast.desk, {"reason": "Kết quả chưa đạt"}
    elif action == "cancel":
        actor, data = cast.desk, {"reason": "Văn bản đã bị thay thế"}
    elif action == "contribute":
        task.coordinating_units.add(cast.finance_department)
        actor = person(Role.FOCAL_OFFICER, cast.finance_department, username="daumoi_stc")
        data = {"unit": str(cast.finance_department.pk), "note": "Đã bố trí kinh phí"}
    task.refresh_from_db()
    return actor, data


ACTIONS = {
    "accept": EventKind.ACCEPTED,
    "progress": EventKind.PROGRESS,
    "request-extension": EventKind.EXTENSION_REQUESTED,
    "decide-extension": EventKind.EXTENSION_APPROVED,
    "complete": EventKind.COMPLETED,
    "delegate": None,  # a child task, not an event of this one
    "return": EventKind.RETURNED,
    "reassign": EventKind.REASSIGNED,
    "reopen": EventKind.REOPENED,
    "cancel": EventKind.CANCELLED,
    "contribute": EventKind.CONTRIBUTED,
}
# What the lead unit's or the assigning unit's side does: a coordinating unit does none of it.
NOT_COORDINATING = [action for action in ACTIONS if action != "contribute"]


def post(client, user, task, action, data, **headers):
    client.force_login(user)
    return client.post(reverse("tracking:task_action", args=[task.pk, action]), data, **headers)


def snapshot(task):
    task.refresh_from_db()
    return (task.events.count(), task.children.count(), task.lifecycle, task.lead_unit_id, task.due_in_force)
