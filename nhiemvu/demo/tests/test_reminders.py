"""A newcomer to `make demo` finds the bell ringing (issue 15, "Channels"): a new demo runs
the day's reminders through the function the morning job calls (reminders.services.run_day),
on a working day only, and beside real data not at all."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from nhiemvu.accounts.models import User
from nhiemvu.reminders.choices import Channel, OutboxState
from nhiemvu.reminders.models import Notification, OutboxMessage
from tests.cast import load_small_demo
from tests.factories import UnitFactory, moment

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 5, 6)  # a working day, after the 30 April – 1 May holidays
SATURDAY = date(2026, 5, 9)


def test_a_new_demo_on_a_working_day_has_todays_notifications_delivered(client):
    load_small_demo(now=moment(WEDNESDAY, 9))
    focal_officer = User.objects.get(username="daumoi.snn")
    assert Notification.objects.filter(recipient=focal_officer, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient__username="vanphong").exists()
    in_app = OutboxMessage.objects.filter(channel=Channel.IN_APP, day=WEDNESDAY)
    assert in_app.exists() and not in_app.exclude(state=OutboxState.SENT).exists()
    assert mail.outbox  # the e-mail digests went out as well (to the mail folder, by default)
    client.force_login(focal_officer)
    assert b"notification-count" in client.get(reverse("home")).content


def test_a_new_demo_on_a_saturday_reminds_nobody():
    load_small_demo(now=moment(SATURDAY, 9))
    assert not OutboxMessage.objects.exists() and not Notification.objects.exists()


def test_a_demo_loaded_beside_real_data_leaves_reminding_to_the_deployments_job():
    UnitFactory(code="QNGAI", name="UBND tỉnh Quảng Ngãi", kind="province")
    load_small_demo(now=moment(WEDNESDAY, 9), into_existing=True)
    assert not OutboxMessage.objects.exists()
