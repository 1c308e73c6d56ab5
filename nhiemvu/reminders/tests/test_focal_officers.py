"""A unit's focal officer without an account gets the unit's daily digest by e-mail (issue 15:
"to each unit's focal officer and leader, one digest"; seed 004 art. 4 names him as the one
who keeps the unit's tasks up to date), once per rule, subject, day and channel like anyone,
and the office sees and resends it."""

from datetime import time, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.reminders import outbox, services
from nhiemvu.reminders.choices import Channel, OutboxState, Rule
from nhiemvu.reminders.decide import calendar_for, decide_day
from nhiemvu.reminders.delivery import deliver_pending
from nhiemvu.reminders.focal_officers import Officer, officers_to_mail
from nhiemvu.reminders.models import OutboxMessage, ReminderPreference
from nhiemvu.reminders.tests.conftest import ADDRESSES, WEDNESDAY
from nhiemvu.units.models import FocalOfficer
from tests.factories import FocalOfficerFactory, moment, person

MORNING = moment(WEDNESDAY, 7, 5)
CLERK = "vanthu.snn@kontum.gov.vn"


# The rule, on plain values.


def officer(pk=1, unit_id=10, email=CLERK, has_account=False, unit_active=True) -> Officer:
    return Officer(pk, unit_id, email, has_account, unit_active)


def test_an_officer_without_an_account_with_an_address_is_mailed_seed_004_art_4():
    assert officers_to_mail([officer()], {}) == [1]


@pytest.mark.parametrize(
    "why",
    [
        {"has_account": True},  # reminded as that user, with the channels they chose
        {"email": ""},
        {"email": "   "},
        {"unit_active": False},  # a unit merged or dissolved before the day
    ],
)
def test_no_mail_to_an_officer_with_an_account_without_an_address_or_of_a_unit_gone(why):
    assert officers_to_mail([officer(**why)], {}) == []


def test_no_second_mail_to_the_address_of_a_user_reminded_for_the_same_unit():
    reminded = {10: {"vanthu.snn@kontum.gov.vn"}}
    assert officers_to_mail([officer(email=" VanThu.SNN@kontum.gov.vn ")], reminded) == []


def test_the_address_of_another_units_user_does_not_count():
    assert officers_to_mail([officer(unit_id=10)], {11: {CLERK}}) == [1]


def test_an_officer_entered_twice_in_a_unit_gets_one_mail_and_one_in_each_of_two_units():
    officers = [officer(pk=7), officer(pk=3, email=CLERK.upper()), officer(pk=5, unit_id=11)]
    assert officers_to_mail(officers, {}) == [3, 5]


# The decision and the outbox.


@pytest.fixture
def clerk(people):
    """The agriculture department's second focal officer, named by the unit, without an account."""
    return FocalOfficerFactory(
        unit=people.agriculture_department, full_name="Trần Thị Bình", title="Văn thư", email=CLERK
    )


def decide(**options):
    return decide_day(WEDNESDAY, now=moment(WEDNESDAY, 6), calendar=calendar_for(WEDNESDAY), **options)


def digest_of(decision, recipient) -> dict:
    return {(r.rule, r.subject): r.payload for r in decision.reminders if r.recipient == recipient}


@pytest.mark.django_db
def test_the_officer_gets_his_units_digest_by_e_mail_only_at_the_default_time(week, clerk, people):
    # The account holder's choices are theirs; the officer gets the defaults' time.
    ReminderPreference.objects.create(user=people.focal_officer, in_app=False, digest_time=time(9))
    decision = decide()
    mine = digest_of(decision, clerk)
    assert mine == digest_of(decision, people.focal_officer)  # the unit's focal officer's digest
    assert {rule for rule, _ in mine} >= {Rule.OVERDUE, Rule.DUE_SOON, Rule.RESULT_NOT_RECORDED}
    rows = OutboxMessage.objects.filter(focal_officer=clerk)
    assert rows.count() == len(mine)
    assert {(r.channel, r.recipient_id, r.next_attempt_at) for r in rows} == {
        (Channel.EMAIL, None, moment(WEDNESDAY, 7))
    }


@pytest.mark.django_db
def test_an_officer_with_an_account_is_reminded_once_as_that_user(week, people):
    # The cast's agriculture officer (Nguyễn Văn A) is the account daumoi_snn.
    decide()
    assert not OutboxMessage.objects.filter(focal_officer__isnull=False).exists()
    assert OutboxMessage.objects.filter(recipient=people.focal_officer, channel=Channel.EMAIL).exists()


@pytest.mark.django_db
def test_an_officer_with_the_address_of_the_units_leader_gets_no_second_mail(week, people):
    FocalOfficerFactory(unit=people.agriculture_department, email=ADDRESSES["unit_leader"].upper())
    other_unit = FocalOfficerFactory(unit=people.finance_department, email=ADDRESSES["unit_leader"])
    decide()
    officers = set(OutboxMessage.objects.values_list("focal_officer", flat=True)) - {None}
    assert officers <= {other_unit.pk}  # the finance department has only the dated reminders


@pytest.mark.django_db
def test_deciding_the_day_twice_adds_no_row_for_the_officer(week, clerk):
    first = decide()
    count = OutboxMessage.objects.filter(focal_officer=clerk).count()
    assert count > 0 and first.written == OutboxMessage.objects.count()
    again = decide()
    assert again.written == 0
    assert OutboxMessage.objects.filter(focal_officer=clerk).count() == count


@pytest.mark.django_db
def test_the_database_keeps_one_row_per_officer_rule_subject_day_and_channel(week, clerk, people):
    decision = decide()
    rows = [row for row in decision.rows if row.focal_officer_id == clerk.pk]
    copies = [
        OutboxMessage(**{f.attname: getattr(row, f.attname) for f in OutboxMessage._meta.concrete_fields})
        for row in rows
    ]
    for copy in copies:
        copy.pk = None
    outbox.insert_new(copies)  # COPY and ON CONFLICT on PostgreSQL, bulk_create elsewhere
    assert OutboxMessage.objects.filter(focal_officer=clerk).count() == len(rows)
    fields = {f.attname: getattr(copies[0], f.attname) for f in OutboxMessage._meta.concrete_fields}
    del fields["id"]
    for broken in (
        {},  # the same key again
        {"recipient_id": people.desk.pk, "rule": Rule.MONTHLY_UPDATE},  # two recipients
        {"focal_officer_id": None, "rule": Rule.MONTHLY_UPDATE},  # none
        {"channel": Channel.IN_APP},  # in-app needs an account
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            OutboxMessage.objects.create(**{**fields, **broken})


# Delivery and the office's page.


@pytest.mark.django_db
def test_the_officer_receives_one_mail_in_vietnamese_saying_the_links_need_an_account(week, clerk, inbox):
    services.run_day(WEDNESDAY, now=MORNING)
    expected = sorted([CLERK, *(ADDRESSES[p] for p in ("unit_leader", "focal_officer", "desk"))])
    assert inbox.recipients() == expected  # daumoi_snn once, as the user
    mail = inbox.to(CLERK)
    assert mail["Subject"].strip().startswith("[Nhiệm vụ] Nhắc việc ngày 06/05/2026")
    assert "officer" in mail["Message-ID"]
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert "Kính gửi Trần Thị Bình," in body
        assert "cán bộ đầu mối của Sở Nông nghiệp và Phát triển nông thôn" in body
        assert "cần đăng nhập" in body and "chưa có tài khoản" in body
        assert "Báo cáo tình hình cháy rừng mùa khô" in body
        assert f"/nhiem-vu/{week.due_on_holiday.pk}/" in body
    assert (
        "chưa có tài khoản"
        not in inbox.to(ADDRESSES["focal_officer"]).get_body(preferencelist=("plain",)).get_content()
    )
    assert set(OutboxMessage.objects.filter(focal_officer=clerk).values_list("state", flat=True)) == {
        OutboxState.SENT
    }
    again = services.run_day(WEDNESDAY, now=MORNING + timedelta(hours=1))
    assert (again.decision.written, again.delivery.messages, len(inbox.messages)) == (0, 0, 4)


@pytest.mark.django_db
def test_an_officer_whose_address_was_cleared_after_deciding_is_failed_not_sent(week, clerk, inbox):
    decide()
    FocalOfficer.objects.filter(pk=clerk.pk).update(email="  ")
    deliver_pending(now=MORNING)
    rows = OutboxMessage.objects.filter(focal_officer=clerk)
    assert rows and {(row.state, row.attempts) for row in rows} == {(OutboxState.FAILED, 1)}
    assert all("không có địa chỉ e-mail" in row.error for row in rows)
    assert CLERK not in inbox.recipients()


@pytest.mark.django_db
def test_the_office_sees_the_officers_mail_and_resends_it(client, week, clerk, inbox, people):
    services.run_day(WEDNESDAY, now=MORNING)
    client.force_login(people.desk)
    url = reverse("reminders:outbox_list")
    page = client.get(url, {"recipient": "Bình"})
    rows = list(page.context["page"])
    assert rows and {row.focal_officer for row in rows} == {clerk}
    html = page.content.decode()
    for shown in (
        "Trần Thị Bình",
        CLERK,
        "Cán bộ đầu mối, chưa có tài khoản",
        "Sở Nông nghiệp và Phát triển",
    ):
        assert shown in html
    assert set(client.get(url).context["page"]) == set(OutboxMessage.objects.all())
    row = rows[0]
    response = client.post(reverse("reminders:resend", args=[row.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Trần Thị Bình" in response.content.decode()
    row.refresh_from_db()
    assert (row.state, row.resent_by) == (OutboxState.PENDING, people.desk)
    deliver_pending()  # the resend is due from the moment it was asked
    assert inbox.recipients().count(CLERK) == 2


@pytest.mark.django_db
def test_a_desk_of_another_subtree_neither_sees_nor_resends_the_officers_mail(client, week, clerk, people):
    services.run_day(WEDNESDAY, now=MORNING)
    client.force_login(person(Role.OFFICE_DESK, people.district, username="vp_dakha"))
    assert list(client.get(reverse("reminders:outbox_list")).context["page"]) == []
    row = OutboxMessage.objects.filter(focal_officer=clerk).first()
    assert client.post(reverse("reminders:resend", args=[row.pk])).status_code == 404


@pytest.mark.django_db
def test_the_outbox_page_reads_as_many_queries_for_one_officer_as_for_many(client, week, clerk, people):
    services.run_day(WEDNESDAY, now=MORNING)
    client.force_login(people.desk)
    url = reverse("reminders:outbox_list")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    FocalOfficerFactory.create_batch(3, unit=people.agriculture_department)
    services.run_day(WEDNESDAY, now=MORNING)
    assert FocalOfficer.objects.filter(reminders__isnull=False).distinct().count() == 4
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(one)


@pytest.mark.django_db
def test_the_django_admin_lists_and_finds_the_officers_mail(client, week, clerk):
    services.run_day(WEDNESDAY, now=MORNING)
    client.force_login(person(username="root", is_staff=True, is_superuser=True))
    url = reverse("admin:reminders_outboxmessage_changelist")
    response = client.get(url, {"q": CLERK})
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == set(OutboxMessage.objects.filter(focal_officer=clerk))
    assert "Trần Thị Bình (Sở Nông nghiệp và Phát triển nông thôn)" in response.content.decode()
