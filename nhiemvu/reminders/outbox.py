"""The outbox rows of reminders (each recipient's channels and digest time), and writing
them in bulk, skipping those already there.

On PostgreSQL the rows are copied (COPY) into a temporary table, then inserted from it
with ON CONFLICT DO NOTHING, in one transaction (the caller's, if any). Not bulk_create
there: Django 5.2 sends each column of a batch as one array (INSERT … SELECT * FROM UNNEST), and psycopg
quotes every element of a text array in Python, one regular-expression substitution per
quote in the JSON payloads: 80 of the 100 s that writing 67,868 rows (132 MB of JSON) took
at 1M tasks (bench/README.md). Elsewhere (SQLite, the embedded default) bulk_create.
Either way the unique key keeps its promise: deciding a day twice adds nothing.
"""

from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from nhiemvu.reminders.choices import Channel
from nhiemvu.reminders.models import DEFAULT_DIGEST_TIME, OutboxMessage, ReminderPreference
from nhiemvu.units.models import FocalOfficer


def insert_new(rows: list[OutboxMessage]) -> None:
    """Insert `rows`, ignoring those whose (recipient, rule, subject, day, channel) is there already."""
    if connection.vendor != "postgresql":
        OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        return
    fields = [field for field in OutboxMessage._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    table = quote(OutboxMessage._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    # Table and column names from the model; every value goes through COPY.
    with transaction.atomic(), connection.cursor() as cursor:
        db = cursor.db  # the connection itself, not its per-thread proxy: 1M lookups fewer
        cursor.execute(
            f"CREATE TEMPORARY TABLE outbox_new AS SELECT {columns} FROM {table} WITH NO DATA"  # noqa: S608
        )
        with cursor.cursor.copy(f"COPY outbox_new ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([field.get_db_prep_save(getattr(row, field.attname), db) for field in fields])
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM outbox_new ON CONFLICT DO NOTHING"  # noqa: S608
        )
        cursor.execute("DROP TABLE outbox_new")  # in the transaction: gone, or never made


def rows_for(reminders, day, now) -> list[OutboxMessage]:
    """A user's rows on the channels of their preferences, at their digest time; a focal
    officer's without an account by e-mail at the default time (reminders.focal_officers)."""
    users = {r.recipient.pk for r in reminders if not isinstance(r.recipient, FocalOfficer)}
    preferences = {p.user_id: p for p in ReminderPreference.objects.filter(user_id__in=users)}
    webhook = bool(settings.REMINDER_WEBHOOK_URL)
    rows = []
    for reminder in reminders:
        whom = reminder.recipient
        if isinstance(whom, FocalOfficer):
            addressee, digest_time, channels = {"focal_officer": whom}, DEFAULT_DIGEST_TIME, [Channel.EMAIL]
        else:
            preference = preferences.get(whom.pk) or ReminderPreference(user=whom)
            addressee, digest_time = {"recipient": whom}, preference.digest_time
            channels = preference.channels(has_email=bool(whom.email), webhook_configured=webhook)
        not_before = timezone.make_aware(datetime.combine(day, digest_time))
        for channel in channels:
            rows.append(
                OutboxMessage(
                    **addressee,
                    rule=reminder.rule,
                    subject=reminder.subject,
                    day=day,
                    channel=channel,
                    payload=reminder.payload,
                    decided_at=now,
                    next_attempt_at=not_before,
                )
            )
    return rows


def key(row) -> tuple:
    return (row.recipient_id, row.focal_officer_id, row.rule, row.subject, row.channel)


def existing_keys(day) -> set:
    return set(
        OutboxMessage.objects.filter(day=day).values_list(
            "recipient_id", "focal_officer_id", "rule", "subject", "channel"
        )
    )
