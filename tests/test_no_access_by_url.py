"""A user can never see or change another province's task, directive, file, unit, user or
calendar entry by typing its address or posting to it (issue 13, "Every POST"): every address
of the app that names an object answers such a user 403 or 404 (405 to a GET of a POST-only
address), and nothing changes.

Every URL pattern that takes an argument is listed below with the object it names: a new page
fails `test_every_address_that_names_an_object_is_probed` until it is added here.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import RoleAssignment, User
from nhiemvu.administration.forms import CHANGE_FORMS
from nhiemvu.compliance.models import RegisterLine, SentReport
from nhiemvu.directives.attachments import attach_file
from nhiemvu.directives.choices import Secrecy
from nhiemvu.directives.models import Directive, SecretEntry
from nhiemvu.reminders import services as reminders
from nhiemvu.reminders.models import Notification, OutboxMessage
from nhiemvu.tracking import services
from nhiemvu.tracking.attachments import attach_to_event
from nhiemvu.tracking.forms import ACTION_FORMS
from nhiemvu.tracking.models import Task, TaskEvent
from nhiemvu.units.models import FocalOfficer, Unit
from nhiemvu.urging import services as urging
from nhiemvu.urging.models import ExplanationRequest, Urging
from nhiemvu.workdays import services as workdays
from nhiemvu.workdays.choices import OverrideKind
from nhiemvu.workdays.models import DayOverride
from tests.factories import (
    DirectiveFactory,
    FocalOfficerFactory,
    UnitFactory,
    make_task,
    moment,
    person,
    with_role,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
# Addresses with an argument that names no object of a province.
NOT_AN_OBJECT = {
    "attachment_download": "probed with the two kinds of file it serves",
    "password_reset_confirm": "a signed token: Django's own view",
    "reports:report": "a report's name; its figures are over what the user may see (reports/tests/test_report_pages.py)",
}
# What a probe posts: enough for each form to be valid, so that only the permission stops it.
POSTED = {
    "content": "Nhiệm vụ giả mạo",
    "note": "Đã thực hiện",
    "reason": "Không thuộc chức năng",
    "percent": "50",
    "proposed": "31/12/2026",
    "approve": "1",
    "completed_on": "01/12/2026",
    "result_document": "99/BC-GM",
    "new_name": "Tên giả mạo",
    "on": "01/12/2026",
    "full_name": "Kẻ Giả Mạo",
    "role": Role.ADMIN,
    "password1": "mat-khau-gia-mao-2026",
    "password2": "mat-khau-gia-mao-2026",
    "kind": "criticism",
    "text": "Đôn đốc giả mạo",
    "question": "Giải trình giả mạo",
    "answer": "Giải trình giả mạo",
    "dong-remarks": "Ghi chú giả mạo",
    "bao_cao-report": "year",
    "bao_cao-sent_on": "01/12/2026",
}


def patterns(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the Django admin has its own gate, tests/test_admin_site.py
            yield from patterns(entry, namespace + (f"{entry.namespace}:" if entry.namespace else ""))
        elif isinstance(entry, URLPattern) and entry.pattern.regex.groups:
            yield namespace + entry.name


@pytest.fixture
def world(cast):
    """Kon Tum's objects, one of each kind an address can name."""
    directive = DirectiveFactory(number_symbol="11/KH-UBND", created_by=cast.desk)
    task = make_task(
        directive=directive,
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2026, 3, 2),
        due_on=date(2026, 12, 31),
    )
    event = services.update_progress(task, by=cast.focal_officer, at=moment(date(2026, 3, 5)), note="Đã làm")
    event_file = attach_to_event(
        event=event, by=cast.focal_officer, uploaded=SimpleUploadedFile("bc.pdf", PDF, "application/pdf")
    )
    directive_file = attach_file(
        directive=directive, by=cast.desk, uploaded=SimpleUploadedFile("kh.pdf", PDF, "application/pdf")
    )
    secret = SecretEntry.objects.create(
        secrecy=Secrecy.SECRET,
        number_symbol="5/KH-UBND",
        issued_on=date(2026, 5, 15),
        lead_unit=cast.agriculture_department,
        due_on=date(2026, 6, 30),
    )
    secret.allowed_users.set([cast.desk])
    correction = workdays.add_correction(
        day=date(2026, 3, 9),
        kind=OverrideKind.DAY_OFF,
        name="Nghỉ bù",
        legal_basis="1/TB-UBND",
        by=cast.admin,
    )
    officer = FocalOfficerFactory(unit=cast.justice_department, full_name="Trần Thị B")
    overdue = make_task(
        directive=directive,
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2026, 3, 2),
        due_on=date(2026, 3, 31),
        content="Nhiệm vụ đã trễ hạn",
    )
    letter = urging.urge(
        by=cast.desk,
        at=moment(date(2026, 4, 2)),
        unit=cast.agriculture_department,
        tasks=[overdue],
        kind="reminder",
        text="Đề nghị khẩn trương",
    )
    explanation = urging.request_explanation(
        by=cast.admin, at=moment(date(2026, 4, 2)), task=overdue, question="Đề nghị giải trình"
    )
    reminders.run_day(date(2026, 4, 2), now=moment(date(2026, 4, 2), 7, 5))
    reminder = OutboxMessage.objects.filter(recipient=cast.focal_officer).first()
    notification = Notification.objects.filter(recipient=cast.focal_officer).first()
    role = cast.focal_officer.roles.get()
    department, user, action = cast.agriculture_department.pk, cast.focal_officer.pk, task.pk
    return {
        "directive_detail": [reverse("directive_detail", args=[directive.pk])],
        "directive_assign": [reverse("directive_assign", args=[directive.pk])],
        "secret_entry_edit": [reverse("secret_entry_edit", args=[secret.pk])],
        "attachment_download": [event_file.file.url, directive_file.file.url],
        "tracking:task_detail": [reverse("tracking:task_detail", args=[task.pk])],
        "tracking:task_action": [
            reverse("tracking:task_action", args=[action, name]) for name in ACTION_FORMS
        ],
        "administration:unit_detail": [reverse("administration:unit_detail", args=[department])],
        "administration:unit_change": [
            reverse("administration:unit_change", args=[department, change]) for change in CHANGE_FORMS
        ],
        "administration:focal_officer_unit": [
            reverse("administration:focal_officer_unit", args=[cast.justice_department.pk])
        ],
        "administration:focal_officer_remove": [
            reverse("administration:focal_officer_remove", args=[officer.pk])
        ],
        "administration:user_detail": [reverse("administration:user_detail", args=[user])],
        "administration:role_add": [reverse("administration:role_add", args=[user])],
        "administration:role_remove": [reverse("administration:role_remove", args=[user, role.pk])],
        "administration:user_password": [reverse("administration:user_password", args=[user])],
        "administration:correction_remove": [
            reverse("administration:correction_remove", args=[correction.pk])
        ],
        "urging:urge": [reverse("urging:urge", args=[action]), reverse("urging:urge", args=[overdue.pk])],
        "urging:request_explanation": [reverse("urging:request_explanation", args=[overdue.pk])],
        "urging:answer": [reverse("urging:answer", args=[explanation.pk])],
        "urging:urging_letter": [reverse("urging:urging_letter", args=[letter.pk])],
        "compliance:unit_line": [reverse("compliance:unit_line", args=[2026, cast.justice_department.pk])],
        "reminders:notification_open": [reverse("reminders:notification_open", args=[notification.pk])],
        "reminders:resend": [reverse("reminders:resend", args=[reminder.pk])],
        "compliance:sent_report": [
            reverse("compliance:sent_report", args=[2026, cast.justice_department.pk])
        ],
    }


@pytest.fixture
def outsider():
    """A person of a second province holding every role but the administrator's: what any one
    of those roles lets through, this person reaches too."""
    province = UnitFactory(name="UBND tỉnh Quảng Ngãi", short_name="UBND tỉnh", code="QN")
    department = UnitFactory(name="Sở Nông nghiệp và Phát triển nông thôn", parent=province, code="QN.SNN")
    user = person(Role.OFFICE_DESK, province, username="qn_moi_vai_tro")
    for role in (Role.LEADER, Role.INSPECTION, Role.VIEWER):
        with_role(user, role, province)
    for role in (Role.UNIT_LEADER, Role.FOCAL_OFFICER, Role.SPECIALIST):
        with_role(user, role, department)
    return user


def state():
    """What a probe could change, as comparable values."""
    return (
        list(Task.objects.order_by("pk").values_list("lead_unit", "lifecycle", "due_in_force", "percent")),
        TaskEvent.objects.count(),
        Directive.objects.count(),
        list(SecretEntry.objects.values_list("number_symbol", "due_on")),
        list(DayOverride.objects.order_by("pk").values_list("date", "kind")),
        list(FocalOfficer.objects.order_by("pk").values_list("full_name", "phone")),
        list(Unit.objects.order_by("pk").values_list("name", "active_until", "parent")),
        list(RoleAssignment.objects.order_by("pk").values_list("user", "role", "unit")),
        list(User.objects.order_by("pk").values_list("password", "is_active")),
        Urging.objects.count(),
        list(ExplanationRequest.objects.order_by("pk").values_list("answer", "answered_at")),
        RegisterLine.objects.count(),
        SentReport.objects.count(),
        list(Notification.objects.order_by("pk").values_list("read_at", flat=True)),
        list(OutboxMessage.objects.order_by("pk").values_list("state", "resent_at")),
    )


def test_every_address_that_names_an_object_is_probed(world):
    assert set(patterns()) - set(NOT_AN_OBJECT) <= set(world), "add the new address to `world`"


def test_another_provinces_people_reach_no_object_by_its_address_and_change_nothing(client, world, outsider):
    before = state()
    client.force_login(outsider)
    for name, urls in world.items():
        for url in urls:
            got = client.get(url).status_code
            assert got in (403, 404, 405), f"GET {url} ({name}): {got}"
            posted = client.post(url, POSTED).status_code
            assert posted in (403, 404), f"POST {url} ({name}): {posted}"
    assert state() == before
