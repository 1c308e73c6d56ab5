"""Workers as real processes, over a real database (an SQLite file, or PostgreSQL when the
suite runs on it) and a real SMTP server: two runs of the day at once, a run SIGKILLed while
the server holds its mail, and the huey consumer (SQLite storage, the embedded default, and
the real Redis at 127.0.0.1:6379) SIGKILLed mid-delivery and restarted. Every expected mail
arrives once, none twice.

Slow (a migration and a few interpreter starts): about a minute.
"""

import json
import os
import time

import pytest
import redis

from nhiemvu.reminders.tests.conftest import ADDRESSES, smtp_server
from nhiemvu.reminders.tests.deployment import Deployment, kill, stop, wait_for

pytestmark = pytest.mark.system  # real worker processes, killed and restarted

REDIS_URL = "redis://127.0.0.1:6379/0"
EXPECTED = sorted(ADDRESSES[p] for p in ("unit_leader", "focal_officer", "desk"))
SEED = (
    "from tests.cast import build_cast\n"
    "from nhiemvu.reminders.tests.conftest import make_week, with_addresses\n"
    "make_week(with_addresses(build_cast()))"
)


@pytest.fixture(scope="module")
def smtp():
    inbox, controller = smtp_server()
    yield inbox
    controller.stop()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, smtp):
    url = os.environ.get("DATABASE_URL", "")
    installation = Deployment(
        tmp_path_factory.mktemp("deployment"),
        smtp_port=smtp.port,
        postgres_url=url if url.startswith("postgres") else None,
    )
    try:
        installation.command("migrate", "-v0")
        installation.python(SEED)
        yield installation
    finally:
        installation.drop()


def new_mails(smtp, before: int) -> list[str]:
    return sorted(address for rcpt_tos, _ in smtp.messages[before:] for address in rcpt_tos)


def hold_next(smtp, nth: int) -> None:
    smtp.held.clear()
    smtp.released.clear()
    smtp.hold_at = len(smtp.messages) + nth


def outbox_states(deployment, day: str) -> list[tuple[str, str, str]]:
    code = (
        "import json\n"
        "from nhiemvu.reminders.models import OutboxMessage\n"
        f"rows = OutboxMessage.objects.filter(day='{day}').values_list('recipient__email', 'channel', 'state')\n"
        "print(json.dumps(sorted(set(rows))))"
    )
    return [tuple(row) for row in json.loads(deployment.python(code))]


def test_two_runs_of_the_day_at_once_send_each_mail_once(deployment, smtp):
    before = len(smtp.messages)
    runs = [
        deployment.start("reminders", "run", "--date", "06/05/2026", log=f"race{n}.log") for n in range(2)
    ]
    for run in runs:
        assert run.wait(timeout=300) == 0
    assert new_mails(smtp, before) == EXPECTED
    assert {state for _, _, state in outbox_states(deployment, "2026-05-06")} == {"sent"}


def test_a_run_killed_while_the_server_holds_a_mail_is_rerun_and_no_mail_is_sent_twice(deployment, smtp):
    before = len(smtp.messages)
    hold_next(smtp, 2)
    worker = deployment.start("reminders", "run", "--date", "07/05/2026", log="killed.log")
    try:
        wait_for(smtp.held.is_set, timeout=300, what="the second mail")
        kill(worker)
    finally:
        stop(worker)
        smtp.released.set()
    held_for = new_mails(smtp, before)[-1:] and smtp.messages[-1][0][0]
    assert "sending" in {state for _, _, state in outbox_states(deployment, "2026-05-07")}
    rerun = deployment.command("reminders", "run", "--date", "07/05/2026")
    assert "0 dòng mới trong hàng gửi" in rerun
    assert new_mails(smtp, before) == EXPECTED
    # The held mail's rows stay "sending" (uncertain, for the office to resend); never re-sent.
    states = outbox_states(deployment, "2026-05-07")
    assert {(email, state) for email, channel, state in states if channel == "email"} == {
        (address, "sending" if address == held_for else "sent") for address in EXPECTED
    }


@pytest.mark.parametrize("storage", ["sqlite", "redis"])
def test_the_huey_consumer_killed_mid_delivery_and_restarted_sends_each_mail_once(deployment, smtp, storage):
    day = {"sqlite": "2026-05-08", "redis": "2026-05-11"}[storage]
    if storage == "redis":
        deployment.env["REDIS_URL"] = REDIS_URL
    try:
        deployment.python(
            "from datetime import date\n"
            "from django.utils import timezone\n"
            "from nhiemvu.reminders.decide import calendar_for, decide_day\n"
            f"day = date.fromisoformat('{day}')\n"
            "decide_day(day, now=timezone.now(), calendar=calendar_for(day))"
        )
        before = len(smtp.messages)
        hold_next(smtp, 2)
        enqueue = "from nhiemvu.reminders.jobs import deliver_waiting_reminders\ndeliver_waiting_reminders()"
        consumer = deployment.start(
            "run_huey", "--workers", "2", "--no-periodic", log=f"huey-{storage}-1.log"
        )
        try:
            deployment.python(enqueue)
            wait_for(smtp.held.is_set, timeout=300, what="the second mail")
            kill(consumer)
        finally:
            stop(consumer)
            smtp.released.set()
        restarted = deployment.start(
            "run_huey", "--workers", "2", "--no-periodic", log=f"huey-{storage}-2.log"
        )
        try:
            deployment.python(enqueue)  # the next tick of the delivery job
            wait_for(lambda: len(new_mails(smtp, before)) >= 3, timeout=300, what="the other mails")
            deployment.python(enqueue)  # and one more: nothing is left to send
            time.sleep(3)
        finally:
            stop(restarted)
        assert new_mails(smtp, before) == EXPECTED, deployment.log(f"huey-{storage}-2.log")
    finally:
        if storage == "redis":
            del deployment.env["REDIS_URL"]
            client = redis.Redis.from_url(REDIS_URL)
            for key in client.scan_iter(match=f"*{deployment.env['HUEY_NAME']}*"):
                client.delete(key)
