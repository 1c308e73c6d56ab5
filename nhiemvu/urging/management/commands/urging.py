"""`nhiemvu urging run [--date DD/MM/YYYY] [--dry-run]`

Makes a day's system urgings of the units with overdue tasks (urging.scheduled): the
function the scheduled job calls (services.urge_overdue), printing what it decided. Run
twice for a day, it makes nothing new. The units' people learn it with their reminders'
digest (reminders' delivery: the worker, or `nhiemvu reminders run`). Bad input is said in
Vietnamese, then English, with exit code 1 and nothing written.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu import cli
from nhiemvu.dates import format_date
from nhiemvu.messages import Message, bilingual
from nhiemvu.urging import services


class Command(cli.Command):
    help = "Đôn đốc / urging"

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(
            dest="action", required=True, metavar="ACTION", parser_class=cli.UsageParser
        )
        run = subparsers.add_parser(
            "run",
            help="Đôn đốc định kỳ các đơn vị có nhiệm vụ trễ hạn / urge the units with overdue tasks",
        )
        run.add_argument("--date", metavar="DD/MM/YYYY", help="Mặc định hôm nay / today by default")
        run.add_argument(
            "--dry-run", action="store_true", help="Chỉ cho biết, không ghi / say, write nothing"
        )

    def handle(self, *args, action, date=None, dry_run=False, **options):
        now = timezone.now()
        day = cli.day_argument(date) if date else timezone.localdate(now)
        try:
            run = services.urge_overdue(day, now=now, dry_run=dry_run)
        except ValidationError as refusal:
            raise cli.refuse(refusal.message, **(refusal.params or {})) from None
        except ValueError as error:  # a day the working-day calendar cannot answer for
            raise cli.refuse(_("Không tính được ngày làm việc: %(reason)s"), reason=str(error)) from None
        self._say(run, dry_run)

    def _say(self, run, dry_run):
        day = format_date(run.day)
        if not settings.URGING_LETTER_DAY:
            self._line(_("Đôn đốc định kỳ đang tắt (URGING_LETTER_DAY=0)."))
            return
        if not run.urging_day:
            self._line(
                _(
                    "Ngày %(day)s không phải ngày đôn đốc định kỳ (ngày làm việc đầu tiên từ ngày %(letter_day)d hằng tháng): không đôn đốc đơn vị nào."
                ),
                day=day,
                letter_day=settings.URGING_LETTER_DAY,
            )
            return
        outcomes = [(item, _("mới")) for item, _urging in run.made]
        outcomes += [(item, _("chạy thử, chưa ghi")) for item in run.to_make]
        outcomes += [(item, _("đã có")) for item in run.existing]
        outcomes += [
            (item, Message(_("không ghi được: %(reason)s"), reason=reason)) for item, reason in run.refused
        ]
        names = {pk: unit.name for pk, unit in run.units.items()}
        outcomes.sort(key=lambda pair: (names[pair[0].issuing_unit_id], names[pair[0].unit_id]))
        for item, outcome in outcomes:
            listed = Message(
                _("%(listed)d/%(overdue)d nhiệm vụ trễ hạn"), listed=len(item.task_ids), overdue=item.overdue
            )
            line = f"  {names[item.issuing_unit_id]} → {names[item.unit_id]}: "
            self.stdout.write(line + f"{bilingual(listed)} — {bilingual(outcome)}")
        self._line(
            _("Ngày %(day)s: %(units)d lần đôn đốc; %(new)d mới, %(old)d đã có, %(refused)d không ghi được."),
            day=day,
            units=len(outcomes),
            new=len(run.made) + len(run.to_make),
            old=len(run.existing),
            refused=len(run.refused),
        )
        if dry_run:
            self._line(_("Chạy thử: không ghi gì vào cơ sở dữ liệu"))

    def _line(self, text, **params):
        self.stdout.write(bilingual(Message(text, **params)))
