"""The in-app side of reminders (issue 15, "Channels"): the bell and its list, one's
preferences, and the office's page of every reminder sent with its resend button."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nhiemvu.reminders import services
from nhiemvu.reminders.choices import Channel, OutboxState
from nhiemvu.reminders.models import Notification, OutboxMessage, ReminderPreference
from nhiemvu.reminders.tests.conftest import WEDNESDAY
from tests.cast import PERSONAS
from tests.factories import moment

pytestmark = pytest.mark.django_db

MORNING = moment(WEDNESDAY, 7, 5)


@pytest.fixture
def delivered(week):
    """Wednesday's reminders decided and delivered: notifications and outbox rows for the
    agriculture department's leader and focal officer, and the office desk."""
    services.run_day(WEDNESDAY, now=MORNING)
    return week


def mine(user):
    return Notification.objects.filter(recipient=user)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_has_the_bell_the_list_and_the_preferences(client, delivered, people, persona):
    user = getattr(people, persona)
    client.force_login(user)
    home = client.get(reverse("home"))
    assert b'id="notification-bell"' in home.content
    unread = mine(user).filter(read_at__isnull=True).count()
    assert home.content.count(b"notification-count") == (1 if unread else 0)
    page = client.get(reverse("reminders:notification_list"))
    assert page.status_code == 200
    assert list(page.context["page"]) == list(mine(user).order_by("-created_at", "-id"))
    assert client.get(reverse("reminders:preferences")).status_code == 200


def test_the_bell_counts_the_unread_ones_in_one_query(client, delivered, people):
    client.force_login(people.focal_officer)
    unread = mine(people.focal_officer).filter(read_at__isnull=True).count()
    assert unread > 1
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("reminders:preferences"))
    assert f">{unread}</span>".encode() in page.content
    counts = [q["sql"] for q in captured if "reminders_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT(" in counts[0]


def test_opening_a_notification_marks_it_read_and_goes_to_its_task(client, delivered, people):
    client.force_login(people.focal_officer)
    notification = (
        mine(people.focal_officer).filter(task__isnull=False).first() or mine(people.focal_officer).first()
    )
    response = client.post(reverse("reminders:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == notification.link
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_get_of_a_notification_changes_nothing(client, delivered, people):
    client.force_login(people.focal_officer)
    notification = mine(people.focal_officer).first()
    assert client.get(reverse("reminders:notification_open", args=[notification.pk])).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_nobody_opens_or_reads_another_ones_notification(client, delivered, people):
    theirs = mine(people.focal_officer).first()
    client.force_login(people.unit_leader)
    assert client.post(reverse("reminders:notification_open", args=[theirs.pk])).status_code == 404
    assert theirs not in client.get(reverse("reminders:notification_list")).context["page"]
    client.post(reverse("reminders:mark_all_read"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_by_htmx_swaps_the_list_and_the_bell(client, delivered, people):
    client.force_login(people.desk)
    assert mine(people.desk).filter(read_at__isnull=True).exists()
    response = client.post(reverse("reminders:mark_all_read"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b'id="notifications"' in response.content and b'hx-swap-oob="true"' in response.content
    assert b"notification-count" not in response.content
    assert not mine(people.desk).filter(read_at__isnull=True).exists()


def test_preferences_are_saved_through_the_service(client, people):
    client.force_login(people.focal_officer)
    url = reverse("reminders:preferences")
    response = client.post(url, {"in_app": "on", "digest_time": "08:30"})
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=people.focal_officer)
    assert (preference.in_app, preference.by_email, preference.digest_time) == (True, False, time(8, 30))


@pytest.mark.parametrize(
    ("posted", "field", "text"),
    [
        ({"digest_time": "07:00"}, "in_app", "Chọn ít nhất một kênh"),
        ({"in_app": "on", "digest_time": "25:00"}, "digest_time", "Nhập giờ dạng hh:mm"),
        ({"in_app": "on", "digest_time": "7 giờ"}, "digest_time", "Nhập giờ dạng hh:mm"),
        ({"in_app": "on"}, "digest_time", "This field is required"),
    ],
)
def test_preferences_refuse_bad_input_in_vietnamese_and_change_nothing(client, people, posted, field, text):
    client.force_login(people.focal_officer)
    response = client.post(reverse("reminders:preferences"), posted, headers={"Accept-Language": "vi"})
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert text in errors or "Trường này là bắt buộc" in errors
    assert not ReminderPreference.objects.filter(user=people.focal_officer).exists()


def test_e_mail_is_refused_to_an_account_without_an_address(client, cast):
    client.force_login(cast.specialist)  # the cast's people have no address
    response = client.post(reverse("reminders:preferences"), {"by_email": "on", "digest_time": "07:00"})
    assert response.status_code == 400
    assert "chưa có địa chỉ thư điện tử" in " ".join(response.context["form"].errors["by_email"])
    assert not ReminderPreference.objects.filter(user=cast.specialist).exists()


def test_the_gateway_choice_is_offered_only_where_there_is_a_gateway(client, people, settings):
    client.force_login(people.focal_officer)
    assert "by_webhook" not in client.get(reverse("reminders:preferences")).context["form"].fields
    settings.REMINDER_WEBHOOK_URL, settings.REMINDER_WEBHOOK_SECRET = "https://sms.example/hook", "s"
    client.post(reverse("reminders:preferences"), {"by_webhook": "on", "digest_time": "07:00"})
    preference = ReminderPreference.objects.get(user=people.focal_officer)
    assert (preference.by_webhook, preference.in_app, preference.by_email) == (True, False, False)


@pytest.mark.parametrize("persona", ["desk", "admin"])
def test_the_office_sees_the_reminders_sent_to_its_units_people(client, delivered, people, persona):
    client.force_login(getattr(people, persona))
    page = client.get(reverse("reminders:outbox_list"))
    assert page.status_code == 200
    assert {row.pk for row in page.context["page"]} == set(OutboxMessage.objects.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "persona", ["leader", "unit_leader", "focal_officer", "specialist", "inspection", "viewer"]
)
def test_the_others_are_refused_the_outbox_and_the_resend(client, delivered, people, persona):
    row = OutboxMessage.objects.first()
    client.force_login(getattr(people, persona))
    assert client.get(reverse("reminders:outbox_list")).status_code == 403
    assert client.post(reverse("reminders:resend", args=[row.pk])).status_code == 403
    row.refresh_from_db()
    assert row.resent_at is None


def test_a_desk_sees_only_the_people_of_its_subtree(client, delivered, people):
    from nhiemvu.accounts.choices import Role
    from tests.factories import person

    district_desk = person(Role.OFFICE_DESK, people.district, username="vp_dakha")
    client.force_login(district_desk)
    assert list(client.get(reverse("reminders:outbox_list")).context["page"]) == []
    row = OutboxMessage.objects.first()
    assert client.post(reverse("reminders:resend", args=[row.pk])).status_code == 404


def test_the_outbox_filters_by_outcome_and_shows_the_error(client, delivered, people):
    failed = OutboxMessage.objects.filter(channel=Channel.EMAIL).first()
    failed.state, failed.error = OutboxState.FAILED, "SMTPRecipientsRefused: 550"
    failed.save()
    stuck = OutboxMessage.objects.filter(channel=Channel.EMAIL).exclude(pk=failed.pk).first()
    stuck.state, stuck.claimed_at = OutboxState.SENDING, MORNING - timedelta(hours=1)
    stuck.save()
    client.force_login(people.desk)
    url = reverse("reminders:outbox_list")
    page = client.get(url, {"state": "failed"})
    assert list(page.context["page"]) == [failed] and b"SMTPRecipientsRefused: 550" in page.content
    assert list(client.get(url, {"state": "uncertain"}).context["page"]) == [stuck]
    in_app = client.get(url, {"channel": Channel.IN_APP}).context["page"]
    assert {row.channel for row in in_app} == {Channel.IN_APP}
    assert set(client.get(url, {"recipient": people.desk.username}).context["page"]) == set(
        OutboxMessage.objects.filter(recipient=people.desk)
    )


def test_resend_by_htmx_puts_the_row_back_and_swaps_it(client, delivered, people):
    row = OutboxMessage.objects.filter(channel=Channel.EMAIL, recipient=people.focal_officer).first()
    client.force_login(people.desk)
    response = client.post(reverse("reminders:resend", args=[row.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and f'id="outbox-{row.pk}"'.encode() in response.content
    row.refresh_from_db()
    assert (row.state, row.resent_by) == (OutboxState.PENDING, people.desk)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_lists_read_the_same_number_of_queries_for_few_rows_as_for_many(client, delivered, people):
    client.force_login(people.desk)
    for url in (reverse("reminders:notification_list"), reverse("reminders:outbox_list")):
        client.get(url)
        few = queries(client, url)
        later = WEDNESDAY + timedelta(days=1)
        services.run_day(later, now=moment(later, 7, 5))
        assert queries(client, url) == few, url
