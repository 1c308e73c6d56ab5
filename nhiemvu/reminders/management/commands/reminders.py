"""`nhiemvu reminders run [--date DD/MM/YYYY] [--dry-run]`

Decides a day's reminders, writes the outbox and delivers in this process: the function the
scheduled job calls (services.run_day). Run twice for a day, it sends nothing new. Bad input
is said in Vietnamese, then English, with exit code 1 and nothing written.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu import cli
from nhiemvu.dates import format_date
from nhiemvu.messages import Message, bilingual
from nhiemvu.reminders import services
from nhiemvu.reminders.choices import Rule


class Command(cli.Command):
    help = "Nhắc việc / reminders"

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(
            dest="action", required=True, metavar="ACTION", parser_class=cli.UsageParser
        )
        run = subparsers.add_parser(
            "run",
            help="Quyết định, ghi và gửi nhắc việc của một ngày / decide, record and send a day's reminders",
        )
        run.add_argument("--date", metavar="DD/MM/YYYY", help="Mặc định hôm nay / today by default")
        run.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ cho biết, không ghi, không gửi / say, write and send nothing",
        )

    def handle(self, *args, action, date=None, dry_run=False, **options):
        now = timezone.now()
        day = cli.day_argument(date) if date else timezone.localdate(now)
        try:
            run = services.run_day(day, now=now, dry_run=dry_run)
        except ValueError as error:  # a day the working-day calendar cannot answer for
            raise cli.refuse(_("Không tính được ngày làm việc: %(reason)s"), reason=str(error)) from None
        self._say(run, day, dry_run)

    def _say(self, run, day, dry_run):
        decision = run.decision
        if not decision.working_day:
            self._line(_("Ngày %(day)s không phải ngày làm việc: không có nhắc việc."), day=format_date(day))
            return
        for reminder in decision.reminders:
            count = reminder.payload.get("count")
            label = Rule(reminder.rule).label
            detail = f" ({count})" if count else (f" [{reminder.subject}]" if reminder.subject else "")
            self.stdout.write(f"  {reminder.recipient.username}: {bilingual(label)}{detail}")
        people = len({reminder.recipient.pk for reminder in decision.reminders})
        self._line(
            _(
                "Ngày %(day)s: %(reminders)d nhắc việc cho %(people)d người; %(new)d dòng mới trong hàng gửi, %(old)d đã có."
            ),
            day=format_date(day),
            reminders=len(decision.reminders),
            people=people,
            new=decision.written,
            old=len(decision.rows) - decision.written,
        )
        if dry_run:
            self._line(_("Chạy thử: không ghi, không gửi gì."))
            return
        delivery = run.delivery
        self._line(
            _(
                "Đã gửi %(messages)d thư/tin (%(rows)d nhắc việc); chờ gửi lại %(retrying)d; không gửi được %(failed)d."
            ),
            messages=delivery.messages,
            rows=delivery.rows_sent,
            retrying=delivery.rows_retrying,
            failed=delivery.rows_failed,
        )

    def _line(self, text, **params):
        self.stdout.write(bilingual(Message(text, **params)))
