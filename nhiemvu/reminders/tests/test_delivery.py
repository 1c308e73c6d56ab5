"""A day's reminders reach a real SMTP server (aiosmtpd on 127.0.0.1) and the in-app
notifications: one digest per recipient, in Vietnamese, once."""

from datetime import date, timedelta

import pytest

from nhiemvu.reminders import services
from nhiemvu.reminders.choices import Channel, OutboxState, Rule
from nhiemvu.reminders.delivery import deliver_pending
from nhiemvu.reminders.models import Notification, OutboxMessage
from nhiemvu.reminders.tests.conftest import ADDRESSES, WEDNESDAY
from tests.factories import make_task, moment

pytestmark = pytest.mark.django_db

MORNING = moment(WEDNESDAY, 7, 5)


def test_each_recipient_gets_one_digest_mail_in_vietnamese_with_text_and_html(week, inbox):
    run = services.run_day(WEDNESDAY, now=MORNING)
    expected = sorted(ADDRESSES[p] for p in ("unit_leader", "focal_officer", "desk"))
    assert inbox.recipients() == expected  # one each; the justice department has nothing
    assert run.delivery.messages == len(expected) + 3  # the mails and the in-app batches
    mail = inbox.to(ADDRESSES["focal_officer"])
    assert mail["Subject"].strip().startswith("[Nhiệm vụ] Nhắc việc ngày 06/05/2026")
    assert mail["From"] == "nhiemvu@kontum.gov.vn"
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert "Nhiệm vụ trễ hạn" in body
        assert "Quá 02 ngày làm việc sau hạn chưa báo cáo kết quả" in body
        assert "Báo cáo tình hình cháy rừng mùa khô" in body
        assert f"/nhiem-vu/{week.due_on_holiday.pk}/" in body
    assert "trễ 3 ngày làm việc" in text  # due 30/4 (a holiday): late on 4, 5 and 6 May
    desk = inbox.to(ADDRESSES["desk"]).get_body(preferencelist=("plain",)).get_content()
    assert "1196/UBND-TH" in desk and "Đề nghị gia hạn chờ quyết định" in desk
    assert not OutboxMessage.objects.exclude(state=OutboxState.SENT).exists()


def test_running_the_day_again_sends_nothing_new(week, inbox):
    services.run_day(WEDNESDAY, now=MORNING)
    mails, notifications = len(inbox.messages), Notification.objects.count()
    again = services.run_day(WEDNESDAY, now=MORNING + timedelta(hours=1))
    assert again.decision.written == 0
    assert again.delivery.messages == 0
    assert len(inbox.messages) == mails
    assert Notification.objects.count() == notifications


def test_nothing_goes_before_the_digest_time_and_the_delivery_job_sends_it_after(week, inbox):
    run = services.run_day(WEDNESDAY, now=moment(WEDNESDAY, 6, 30))
    assert run.delivery.messages == 0 and inbox.messages == []
    deliver_pending(now=moment(WEDNESDAY, 7))
    assert len(inbox.messages) == 3


def test_in_app_notifications_open_their_task_or_the_task_list_and_are_marked_read(week, inbox, people):
    make_task(
        lead_unit=people.agriculture_department,
        assigning_unit=people.province,
        assigned_on=date(2026, 4, 20),
        due_on=date(2026, 5, 4),
    )
    services.run_day(WEDNESDAY, now=MORNING)
    mine = services.unread(people.focal_officer)
    by_title = {n.title: n for n in mine}
    result = by_title["Quá 02 ngày làm việc sau hạn chưa báo cáo kết quả (1)"]
    assert result.task == week.due_on_holiday
    assert result.link == f"/nhiem-vu/{week.due_on_holiday.pk}/"
    overdue = by_title["Nhiệm vụ trễ hạn (2)"]
    assert overdue.task is None and overdue.link.startswith("/nhiem-vu/?timeliness=")
    assert not services.mark_read(result, user=people.unit_leader, at=MORNING)  # not theirs
    assert services.mark_read(result, user=people.focal_officer, at=MORNING)
    assert not services.mark_read(result, user=people.focal_officer, at=MORNING)  # read already
    assert result.pk not in {n.pk for n in services.unread(people.focal_officer)}


def test_a_refused_mail_is_retried_with_a_doubling_wait_then_failed_with_the_error(week, inbox, settings):
    settings.REMINDER_MAX_ATTEMPTS = 3
    inbox.answers = ["451 Hộp thư tạm thời không nhận"] * 10
    services.run_day(WEDNESDAY, now=MORNING)
    rows = OutboxMessage.objects.filter(channel=Channel.EMAIL, recipient__email=ADDRESSES["desk"])
    assert {(r.state, r.attempts, r.next_attempt_at) for r in rows} == {
        (OutboxState.PENDING, 1, MORNING + timedelta(seconds=60))
    }
    assert "451" in rows[0].error
    deliver_pending(now=MORNING + timedelta(seconds=59))  # not yet
    assert {r.attempts for r in rows.all()} == {1}
    deliver_pending(now=MORNING + timedelta(seconds=60))
    assert {(r.attempts, r.next_attempt_at) for r in rows.all()} == {(2, MORNING + timedelta(seconds=180))}
    inbox.answers = ["550 Không có hộp thư này"] * 10
    deliver_pending(now=MORNING + timedelta(seconds=180))
    assert {(r.state, r.attempts) for r in rows.all()} == {(OutboxState.FAILED, 3)}
    assert "550" in rows.all()[0].error
    assert inbox.messages == []


def test_the_office_resends_a_failed_reminder_and_it_arrives(week, inbox, settings, people):
    settings.REMINDER_MAX_ATTEMPTS = 1
    inbox.answers = ["550 Không có hộp thư này"] * 3
    services.run_day(WEDNESDAY, now=MORNING)
    failed = OutboxMessage.objects.filter(state=OutboxState.FAILED)
    assert failed.count() == OutboxMessage.objects.filter(channel=Channel.EMAIL).count() > 0
    inbox.answers = []
    assert services.resend(list(failed), by=people.desk, now=MORNING + timedelta(hours=1)) > 0
    deliver_pending(now=MORNING + timedelta(hours=1))
    assert len(inbox.messages) == 3
    resent = OutboxMessage.objects.filter(channel=Channel.EMAIL, rule=Rule.OVERDUE).first()
    assert (resent.state, resent.resent_by) == (OutboxState.SENT, people.desk)
