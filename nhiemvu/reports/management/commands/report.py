"""`nhiemvu report units --from DATE --to DATE [--as-of YYYY-MM-DDTHH:MM] [--format …] [--output PATH]`"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from nhiemvu import cli
from nhiemvu.dates import parse_date, parse_moment
from nhiemvu.reports.render import RENDERERS
from nhiemvu.reports.services import unit_report, validate_as_of
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit


def _date_argument(text: str):
    try:
        return parse_date(text)
    except ValueError:
        raise CommandError(
            _(
                "Ngày không hợp lệ: “%(text)s” (dùng dd/mm/yyyy hoặc yyyy-mm-dd) / "
                "invalid date “%(text)s” (use dd/mm/yyyy or yyyy-mm-dd)"
            )
            % {"text": text}
        ) from None


def _moment_argument(text: str):
    try:
        return parse_moment(text)
    except ValueError:
        raise CommandError(
            _(
                "Thời điểm không hợp lệ: “%(text)s” (dùng YYYY-MM-DDTHH:MM) / "
                "invalid moment “%(text)s” (use YYYY-MM-DDTHH:MM)"
            )
            % {"text": text}
        ) from None


class Command(cli.Command):
    help = "Báo cáo kết quả thực hiện nhiệm vụ / reports on task results"

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(
            dest="report", required=True, metavar="REPORT", parser_class=cli.UsageParser
        )
        units = subparsers.add_parser(
            "units", help="Bảng theo đơn vị (phụ lục 02) / per-unit table (seed 000 appendix 02)"
        )
        units.add_argument("--from", dest="date_from", required=True, metavar="DATE")
        units.add_argument("--to", dest="date_to", required=True, metavar="DATE")
        units.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DDTHH:MM")
        units.add_argument("--format", choices=sorted(RENDERERS), default="table")
        units.add_argument("--output", metavar="PATH")
        units.add_argument(
            "--assigned-by",
            metavar="CODE",
            help="Chỉ nhiệm vụ do đơn vị này giao / only tasks assigned by the unit with this code",
        )

    def handle(self, *args, report, date_from, date_to, as_of, format, output, assigned_by, **options):
        first, last = _date_argument(date_from), _date_argument(date_to)
        if first > last:
            raise CommandError(_("--from phải trước hoặc bằng --to / --from must not be after --to"))
        now = timezone.now()
        moment = _moment_argument(as_of) if as_of else now
        try:
            validate_as_of(moment, now=now)
        except ValidationError:
            raise CommandError(
                _(
                    "--as-of “%(as_of)s” chưa đến: báo cáo chỉ có số liệu đến hiện tại / "
                    "--as-of “%(as_of)s” is in the future: a report shows only what is known now"
                )
                % {"as_of": as_of}
            ) from None
        tasks = None
        if assigned_by:
            unit = Unit.objects.filter(code=assigned_by).first()
            if unit is None:
                raise CommandError(
                    _("Không có đơn vị mã “%(code)s” / no unit with code “%(code)s”") % {"code": assigned_by}
                )
            tasks = Task.objects.filter(assigning_unit=unit)
        text = RENDERERS[format](unit_report(date_from=first, date_to=last, as_of=moment, tasks=tasks))
        if output:
            path = Path(output)
            if not path.parent.is_dir():
                raise CommandError(
                    _("Không có thư mục “%(dir)s” / no such directory “%(dir)s”") % {"dir": path.parent}
                )
            path.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
