"""The SMS / Zalo gateway: each digest POSTed as JSON to the deployment's URL, signed with
HMAC-SHA256 over the exact body, retried when the gateway fails."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nhiemvu.reminders import services
from nhiemvu.reminders.channels import DELIVERY_HEADER, SIGNATURE_HEADER
from nhiemvu.reminders.choices import Channel, OutboxState
from nhiemvu.reminders.delivery import deliver_pending
from nhiemvu.reminders.models import OutboxMessage, ReminderPreference
from nhiemvu.reminders.tests.conftest import WEDNESDAY
from tests.factories import moment

pytestmark = pytest.mark.django_db

SECRET = "bí-mật-của-cổng-tin-nhắn"
MORNING = moment(WEDNESDAY, 7, 5)


class Gateway:
    def __init__(self):
        self.received = []
        self.statuses = []  # answers to give, then 200

    def handler(gateway):
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = gateway.statuses.pop(0) if gateway.statuses else 200
                if status == 200:
                    gateway.received.append((dict(self.headers), body))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def gateway(settings, people):
    gateway = Gateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), gateway.handler())
    # A short poll: shutdown() waits for it (0.5 s by default, on every test).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    settings.REMINDER_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/nhiemvu"
    settings.REMINDER_WEBHOOK_SECRET = SECRET
    people.focal_officer.phone = "0905 123 456"
    people.focal_officer.save(update_fields=["phone"])
    for user in (people.unit_leader, people.desk):  # only the focal officer wants messages
        ReminderPreference.objects.create(user=user, by_webhook=False)
    yield gateway
    server.shutdown()
    server.server_close()


def test_the_digest_is_posted_signed_with_hmac_sha256_of_the_body(week, inbox, gateway):
    services.run_day(WEDNESDAY, now=MORNING)
    ((headers, body),) = gateway.received
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers[SIGNATURE_HEADER], expected)
    document = json.loads(body)
    assert document["recipient"]["phone"] == "0905 123 456"
    assert document["day"] == "2026-05-06"
    assert document["subject"].startswith("[Nhiệm vụ] Nhắc việc ngày 06/05/2026")
    assert "Báo cáo tình hình cháy rừng mùa khô" in document["text"]
    assert {r["title"] for r in document["reminders"]} >= {"Nhiệm vụ trễ hạn"}
    assert headers[DELIVERY_HEADER] == document["delivery"]


def test_a_tampered_body_does_not_match_its_signature(week, inbox, gateway):
    services.run_day(WEDNESDAY, now=MORNING)
    ((headers, body),) = gateway.received
    tampered = body.replace(b"2026-05-06", b"2026-05-07")
    assert (
        headers[SIGNATURE_HEADER]
        != "sha256=" + hmac.new(SECRET.encode(), tampered, hashlib.sha256).hexdigest()
    )


def test_a_gateway_error_is_retried_and_the_second_post_carries_the_same_delivery_key(week, inbox, gateway):
    gateway.statuses = [503]
    services.run_day(WEDNESDAY, now=MORNING)
    rows = OutboxMessage.objects.filter(channel=Channel.WEBHOOK)
    assert {(r.state, r.attempts) for r in rows} == {(OutboxState.PENDING, 1)}
    assert "503" in rows[0].error
    deliver_pending(now=MORNING + timedelta(minutes=1))
    ((headers, _),) = gateway.received
    assert {r.state for r in rows.all()} == {OutboxState.SENT}
    assert headers[DELIVERY_HEADER].endswith(f".webhook.{min(r.pk for r in rows)}")


def test_no_webhook_rows_without_a_gateway(week, inbox, settings):
    settings.REMINDER_WEBHOOK_URL = ""
    services.run_day(WEDNESDAY, now=MORNING)
    assert not OutboxMessage.objects.filter(channel=Channel.WEBHOOK).exists()
