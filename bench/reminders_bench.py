"""The daily reminders over a large database: deciding and writing the outbox, then delivery
to a real SMTP server (aiosmtpd, in this process, on 127.0.0.1).

    .venv/bin/python bench/reminders_bench.py --db postgres --size 1000000
    .venv/bin/python bench/reminders_bench.py --db sqlite --size 100000 --deliver 2000

The tasks come from bench/generate.py (5,000 units), in a database of this bench's own
(prefix nhiemvu_reminders_bench on PostgreSQL, bench/out/reminders-sqlite-<N> for SQLite), so
that its migration and users do not touch the other benches' databases. Every unit gets a
unit leader and a focal officer with an e-mail address, every province an office desk: about
10,000 recipients. Prints the figures; the goal (issue 15) is under 60 s and 500 MB for the
decision at 1M tasks on PostgreSQL, and at least 50 mails/s to the SMTP server.
"""

# ruff: noqa: T201
import argparse
import os
import resource
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("BENCH_PG_DB_PREFIX", "nhiemvu_reminders_bench")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # reads BENCH_PG_DB_PREFIX when imported

# The generator's "now" is Sunday 22/11/2026 17:00: the next morning is a working day.
DAY = date(2026, 11, 23)
MORNING = datetime(2026, 11, 23, 7, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def recipients() -> int:
    """A unit leader and a focal officer for every unit, an office desk for every province;
    and every unit's FocalOfficer record without an account (mailed the unit's digest,
    reminders.focal_officers)."""
    from django.db import transaction

    from nhiemvu.accounts.choices import Role
    from nhiemvu.accounts.models import RoleAssignment, User
    from nhiemvu.units.models import FocalOfficer, Unit

    with transaction.atomic():
        wanted = []
        for unit_id, kind in Unit.objects.values_list("pk", "kind"):
            wanted += [(Role.UNIT_LEADER, unit_id), (Role.FOCAL_OFFICER, unit_id)]
            if kind == "province":
                wanted.append((Role.OFFICE_DESK, unit_id))
        # Kept from a previous run (the audit trail refers to them): only the missing are made.
        there = set(User.objects.filter(username__startswith="rem_").values_list("username", flat=True))
        missing = [(role, unit_id) for role, unit_id in wanted if f"rem_{role}_{unit_id}" not in there]
        users = User.objects.bulk_create(
            User(username=f"rem_{role}_{unit_id}", email=f"{role}.{unit_id}@example.gov.vn")
            for role, unit_id in missing
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=user, role=role, unit_id=unit_id)
            for user, (role, unit_id) in zip(users, missing, strict=True)
        )
        officers = set(FocalOfficer.objects.filter(user=None).values_list("unit_id", flat=True))
        units = list(Unit.objects.values_list("pk", flat=True))
        FocalOfficer.objects.bulk_create(
            FocalOfficer(
                unit_id=unit_id, full_name=f"Đầu mối {unit_id}", email=f"daumoi.{unit_id}@example.gov.vn"
            )
            for unit_id in units
            if unit_id not in officers
        )
    return len(wanted) + len(units)


def decide() -> dict:
    from django.db import connection

    from nhiemvu.reminders.decide import calendar_for, decide_day
    from nhiemvu.reminders.models import Notification, OutboxMessage

    # In SQL: Django's delete() would load every row first, and that peak is not the decision's.
    Notification.objects.filter(outbox__day=DAY).update(outbox=None)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {OutboxMessage._meta.db_table} WHERE day = %s", [DAY])  # noqa: S608
    before = peak_mb()
    started = time.perf_counter()
    decision = decide_day(DAY, now=MORNING, calendar=calendar_for(DAY))
    seconds = time.perf_counter() - started
    return {
        "decide_s": round(seconds, 1),
        "reminders": len(decision.reminders),
        "recipients_reminded": len({(type(r.recipient), r.recipient.pk) for r in decision.reminders}),
        "focal_officers_mailed": OutboxMessage.objects.filter(day=DAY, focal_officer__isnull=False).count(),
        "outbox_rows": OutboxMessage.objects.filter(day=DAY).count(),
        "peak_rss_mb_before": round(before),
        "peak_rss_mb_after": round(peak_mb()),
    }


def urge() -> dict:
    """The month's system urgings (urging.services.urge_overdue, what the job and `nhiemvu
    urging run` call) on DAY, made the urging day: every unit with overdue tasks is urged by
    each unit that assigned them, one transaction each, with its notice in the outbox."""
    from django.db import connection
    from django.test import override_settings

    from nhiemvu.urging.models import Urging
    from nhiemvu.urging.services import urge_overdue

    # Urgings are append-only in the application; the bench removes its previous run in SQL
    # (their notices went with the day's outbox rows, which decide() deleted).
    urgings, links = Urging._meta.db_table, Urging.tasks.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {links} WHERE urging_id IN "  # noqa: S608
            f"(SELECT id FROM {urgings} WHERE by_id IS NULL AND urged_on = %s)",
            [DAY],
        )
        cursor.execute(f"DELETE FROM {urgings} WHERE by_id IS NULL AND urged_on = %s", [DAY])  # noqa: S608
    started = time.perf_counter()
    with override_settings(URGING_LETTER_DAY=DAY.day):
        run = urge_overdue(DAY, now=MORNING)
    seconds = time.perf_counter() - started
    return {
        "urge_s": round(seconds, 1),
        "urgings_made": len(run.made),
        "tasks_urged": sum(len(item.task_ids) for item, _ in run.made),
        "urgings_refused": len(run.refused),
        "peak_rss_mb_after_urging": round(peak_mb()),
    }


def claims_at_seven(count: int = 200) -> dict:
    """What a claim costs at 07:00, when every row of the day is pending and due (deliver()
    below sets the rows it does not send aside, so its figure does not show this): `count`
    messages claimed and marked "sending" (delivery.claim_sending) one after the other, then
    put back."""
    import uuid

    from nhiemvu.reminders.choices import Channel, OutboxState
    from nhiemvu.reminders.delivery import Accepted, Group, claim_sending
    from nhiemvu.reminders.models import OutboxMessage

    rows = OutboxMessage.objects.filter(day=DAY)
    fresh = {
        "state": OutboxState.PENDING,
        "claim_token": None,
        "claimed_at": None,
        "next_attempt_at": MORNING,
    }
    rows.update(**fresh)
    groups = [
        Group(*values)
        for values in rows.filter(channel=Channel.EMAIL)
        .values_list("recipient_id", "focal_officer_id", "day", "channel")
        .distinct()
        .order_by("recipient_id")[:count]
    ]
    accepted = Accepted(None, [])
    started = time.perf_counter()
    for group in groups:
        token = uuid.uuid4()
        accepted = Accepted(
            token, [row.pk for row in claim_sending(token, group, sent=accepted, now=MORNING)]
        )
    seconds = time.perf_counter() - started
    rows.update(**fresh, attempts=0, sent_at=None)
    return {"claim_ms_all_pending": round(seconds / len(groups) * 1000, 1)}


def deliver(mails: int) -> dict:
    """Deliver the e-mail rows of the first `mails` recipients (the others are set aside) to
    an SMTP server in its own process (aiosmtpd's Sink handler, which accepts and drops)."""
    from django.conf import settings

    from nhiemvu.reminders.choices import Channel, OutboxState
    from nhiemvu.reminders.delivery import deliver_pending
    from nhiemvu.reminders.models import OutboxMessage

    rows = OutboxMessage.objects.filter(day=DAY)
    chosen = list(
        rows.filter(channel=Channel.EMAIL)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )[:mails]
    rows.exclude(channel=Channel.EMAIL, recipient_id__in=chosen).update(state=OutboxState.FAILED)
    port = generate_free_port()
    server = subprocess.Popen(  # noqa: S603 - our interpreter, aiosmtpd's own command line
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    try:
        _wait_for_port(port)
        started = time.perf_counter()
        report = deliver_pending(now=MORNING, day=DAY)
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    return {
        "mails": report.messages,
        "rows_sent": report.rows_sent,
        "deliver_s": round(seconds, 1),
        "mails_per_s": round(report.messages / seconds, 1),
    }


def _wait_for_port(port: int) -> None:
    import socket

    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no SMTP server on port {port}")


def generate_free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="postgres")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--deliver", type=int, default=2000, help="mails to deliver (recipients), 0 for none")
    parser.add_argument("--urge", action="store_true", help="then time the month's system urgings")
    parser.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.db == "sqlite":
        generate.OUT_DIR = generate.OUT_DIR / "reminders"
    if args.prepare_only:  # in its own process, so that the decision's peak memory is its own
        started = time.perf_counter()
        meta = generate.ensure(args.db, args.size)
        print(
            f"{'database ready (s)':>28}: {time.perf_counter() - started:.0f} (reused: {meta.get('reused')})"
        )
        print(f"{'recipients':>28}: {recipients()}")
        return
    subprocess.run(  # noqa: S603 - this script
        [sys.executable, __file__, "--db", args.db, "--size", str(args.size), "--prepare-only"], check=True
    )
    generate.configure(args.db, args.size)
    for key, value in decide().items():
        print(f"{key:>28}: {value}", flush=True)
    if args.urge:
        for key, value in urge().items():
            print(f"{key:>28}: {value}", flush=True)
    if args.deliver:
        for key, value in claims_at_seven().items():
            print(f"{key:>28}: {value}", flush=True)
        for key, value in deliver(args.deliver).items():
            print(f"{key:>28}: {value}")


if __name__ == "__main__":
    main()
