"""The system's monthly urging on the database (urging.services.urge_overdue): what it makes
on 20 May 2026, the first working day after the update of the 19th (seed 003 art. 20.1),
for the tasks of conftest.py; run twice it makes nothing new; the unit's people learn it;
the office sees it as the system's and downloads its letter."""

import io
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document as open_docx

from nhiemvu.reminders.choices import Channel, Rule
from nhiemvu.reminders.delivery import deliver_pending
from nhiemvu.reminders.models import Notification, OutboxMessage
from nhiemvu.reports import writers
from nhiemvu.tracking import services as tracking
from nhiemvu.units.choices import UnitKind
from nhiemvu.urging import services
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.jobs import urge_units_with_overdue_tasks
from nhiemvu.urging.letter import urging_letter
from nhiemvu.urging.models import Urging
from tests.factories import FocalOfficerFactory, UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db

URGING_DAY = date(2026, 5, 20)
MORNING = moment(URGING_DAY, 6, 45)


def urged(cast):
    """{(issuing unit, unit urged): names of the tasks named} of the system's urgings."""
    return {
        (urging.issuing_unit, urging.unit): {task.content for task in urging.tasks.all()}
        for urging in Urging.objects.filter(by__isnull=True)
    }


def test_each_unit_is_urged_by_each_unit_that_assigned_it_overdue_tasks(cast, tasks):
    run = services.urge_overdue(URGING_DAY, now=MORNING)
    assert urged(cast) == {
        (cast.province, cast.agriculture_department): {tasks["overdue"].content},
        (cast.province, cast.justice_department): {tasks["justice"].content},
        # What the Sở delegated to its Chi cục, urged by the Sở (seed 003 art. 10.2.c).
        (cast.agriculture_department, cast.forestry): {tasks["child"].content},
    }
    assert len(run.made) == 3 and run.existing == [] and run.refused == []
    urging = Urging.objects.get(unit=cast.justice_department)
    assert (urging.by, urging.kind, urging.urged_on, urging.recorded_at) == (
        None,
        UrgingKind.REMINDER,
        URGING_DAY,
        MORNING,
    )
    assert urging.text.startswith("Theo dõi trên hệ thống, đến ngày 20/05/2026 Sở Tư pháp còn 1 nhiệm vụ")


def test_run_twice_for_a_day_it_makes_nothing_new(cast, tasks):
    services.urge_overdue(URGING_DAY, now=MORNING)
    urgings, rows = Urging.objects.count(), OutboxMessage.objects.count()
    again = services.urge_overdue(URGING_DAY, now=moment(URGING_DAY, 9, 45))
    assert again.made == [] and len(again.existing) == 3
    assert (Urging.objects.count(), OutboxMessage.objects.count()) == (urgings, rows)


def test_a_worker_that_lost_the_race_makes_nothing_and_goes_on(cast, tasks):
    """Two workers read "not made yet" at once; the second one's insert meets the first one's
    row (the constraint urging_system_once_a_day): it is counted as made before, nothing more
    is written, and the run's transaction is still usable."""
    first = services.urge_overdue(URGING_DAY, now=MORNING)
    late = services.SystemUrgings(URGING_DAY, True, units=first.units)
    item, _urging = first.made[0]
    services._urge_planned(late, item, moment(URGING_DAY, 6, 46))
    assert late.existing == [item] and late.made == []
    assert Urging.objects.count() == 3


def test_the_unit_urged_is_told_with_its_digest_and_in_the_app(cast, tasks):
    """Made at 06:45, the notices go out with the 07:00 digest, not before."""
    services.urge_overdue(URGING_DAY, now=MORNING)
    told = set(OutboxMessage.objects.filter(rule=Rule.URGED).values_list("recipient__username", flat=True))
    assert told == {cast.unit_leader.username, cast.focal_officer.username, "daumoi_stp"}
    assert deliver_pending(now=MORNING).messages == 0
    deliver_pending(now=moment(URGING_DAY, 7))
    notification = Notification.objects.get(recipient=cast.other_officer)
    assert notification.title == "UBND tỉnh Kon Tum đôn đốc đơn vị (nhắc nhở) ngày 20/05/2026 (1)"
    assert notification.link == reverse("urging:urging_list") + f"?unit={cast.justice_department.pk}"
    assert OutboxMessage.objects.filter(rule=Rule.URGED, channel=Channel.IN_APP).count() == 3


def test_a_focal_officer_without_an_account_is_told_by_e_mail_seed_004_art_4(cast, tasks, mailoutbox):
    """The Sở Tư pháp's clerk has no account: the urging reaches him with the unit's digest,
    by e-mail, as the unit's own reminders do (reminders.focal_officers)."""
    clerk = FocalOfficerFactory(
        unit=cast.justice_department, full_name="Trần Văn Thư", email="thu.stp@kontum.gov.vn"
    )
    services.urge_overdue(URGING_DAY, now=MORNING)
    row = OutboxMessage.objects.get(rule=Rule.URGED, focal_officer=clerk)
    assert row.channel == Channel.EMAIL
    deliver_pending(now=moment(URGING_DAY, 7))
    (mail,) = [m for m in mailoutbox if m.to == ["thu.stp@kontum.gov.vn"]]
    assert "UBND tỉnh Kon Tum đôn đốc đơn vị (nhắc nhở) ngày 20/05/2026" in mail.body


@pytest.mark.parametrize("day", [date(2026, 5, 19), date(2026, 5, 21), date(2026, 6, 20)])
def test_nothing_is_urged_on_another_day(cast, tasks, day):
    assert not services.urge_overdue(day, now=moment(day, 7)).urging_day
    assert not Urging.objects.exists()


def test_a_deployment_that_sets_the_letter_day_to_0_is_never_urged_by_the_system(cast, tasks, settings):
    settings.URGING_LETTER_DAY = 0
    assert not services.urge_overdue(URGING_DAY, now=MORNING).urging_day
    assert not Urging.objects.exists()


def test_the_tasks_the_government_gave_are_left_to_its_own_system_seed_004_art_7_1(cast):
    government = UnitFactory(name="Chính phủ", kind=UnitKind.GOVERNMENT, code="CP")
    make_task(
        lead_unit=cast.province,
        assigning_unit=government,
        assigned_on=date(2026, 3, 2),
        due_on=date(2026, 4, 30),
    )
    run = services.urge_overdue(URGING_DAY, now=MORNING)
    assert run.urging_day and run.made == []


def test_a_dry_run_says_what_it_would_make_and_writes_nothing(cast, tasks):
    run = services.urge_overdue(URGING_DAY, now=MORNING, dry_run=True)
    assert len(run.to_make) == 3 and run.made == []
    assert not Urging.objects.exists() and not OutboxMessage.objects.exists()


def test_a_day_to_come_is_only_a_dry_run(cast, tasks):
    with pytest.raises(ValidationError, match="chưa đến"):
        services.urge_overdue(URGING_DAY, now=moment(date(2026, 5, 19), 16))
    assert not Urging.objects.exists()
    assert services.urge_overdue(URGING_DAY, now=moment(date(2026, 5, 19), 16), dry_run=True).to_make


def test_the_letter_lists_the_overdue_tasks_decree_30_2020(cast, tasks):
    services.urge_overdue(URGING_DAY, now=MORNING)
    urging = Urging.objects.get(unit=cast.agriculture_department)
    docx = open_docx(io.BytesIO(writers.render(urging_letter(urging), "docx")))
    [table] = [t for t in docx.tables if any(cell.text == "Nội dung nhiệm vụ" for cell in t.rows[0].cells)]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    directive = tasks["overdue"].directive
    assert rows == [
        [
            "1",
            f"{directive.number_symbol} ngày {directive.issued_on:%d/%m/%Y}",
            tasks["overdue"].content,
            "30/04/2026",
            "20",
            "Trễ hạn",
        ]
    ]
    text = "\n".join(paragraph.text for paragraph in docx.paragraphs)
    assert "Kính gửi: Sở Nông nghiệp và Phát triển nông thôn." in text
    assert "Nhắc nhở định kỳ hằng tháng, do hệ thống theo dõi nhiệm vụ lập tự động." in text


def test_the_office_sees_the_system_as_the_one_who_urged_and_downloads_the_letter(client, cast, tasks):
    services.urge_overdue(URGING_DAY, now=MORNING)
    client.force_login(cast.desk)
    html = client.get(reverse("urging:urging_list")).content.decode()
    assert html.count("system-urging") == 3
    assert "Hệ thống" in html
    urging = Urging.objects.get(unit=cast.justice_department)
    response = client.get(reverse("urging:urging_letter", args=[urging.pk]))
    assert response.status_code == 200
    assert 'filename="cong-van-don-doc-' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("hour_utc", "minute", "runs"),
    [(23, 45, True), (0, 45, True), (9, 45, True), (10, 45, False), (0, 0, False)],
)
def test_the_job_runs_before_the_days_digest_and_each_hour_of_the_working_day(hour_utc, minute, runs):
    """huey's crontab is UTC: 23:45 is 06:45 in Vietnam, before the reminders' 07:00 run."""
    assert (
        urge_units_with_overdue_tasks.s().validate_datetime(datetime(2026, 5, 19, hour_utc, minute)) is runs
    )


def test_a_task_completed_while_the_run_urges_is_refused_and_nothing_is_written(cast, tasks):
    """Read as overdue, completed before its urging locks it: urge refuses, the run goes on."""
    run = services.urge_overdue(URGING_DAY, now=MORNING, dry_run=True)
    [item] = [item for item in run.to_make if item.unit_id == cast.justice_department.pk]
    tracking.complete(
        tasks["justice"],
        by=None,
        at=moment(URGING_DAY, 6),
        completed_on=URGING_DAY,
        result_document="5/BC-STP",
    )
    services._urge_planned(run, item, MORNING)
    assert [(refused, reason) for refused, reason in run.refused] == [
        (item, f"Nhiệm vụ “{tasks['justice']}” không còn đang thực hiện.")
    ]
    assert not Urging.objects.exists() and not OutboxMessage.objects.exists()
