"""`nhiemvu report units --from DATE --to DATE [--as-of YYYY-MM-DDTHH:MM] [--format …] [--output PATH]`"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

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
            f"Ngày không hợp lệ: “{text}” (dùng dd/mm/yyyy hoặc yyyy-mm-dd) / "
            f"invalid date “{text}” (use dd/mm/yyyy or yyyy-mm-dd)"
        ) from None


def _moment_argument(text: str):
    try:
        return parse_moment(text)
    except ValueError:
        raise CommandError(
            f"Thời điểm không hợp lệ: “{text}” (dùng YYYY-MM-DDTHH:MM) / invalid moment “{text}” (use YYYY-MM-DDTHH:MM)"
        ) from None


class Command(BaseCommand):
    help = "Báo cáo kết quả thực hiện nhiệm vụ / reports on task results"

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
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
            raise CommandError("--from phải trước hoặc bằng --to / --from must not be after --to")
        now = timezone.now()
        moment = _moment_argument(as_of) if as_of else now
        try:
            validate_as_of(moment, now=now)
        except ValidationError:
            raise CommandError(
                f"--as-of “{as_of}” chưa đến: báo cáo chỉ có số liệu đến hiện tại / "
                f"--as-of “{as_of}” is in the future: a report shows only what is known now"
            ) from None
        tasks = None
        if assigned_by:
            unit = Unit.objects.filter(code=assigned_by).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã “{assigned_by}” / no unit with code “{assigned_by}”")
            tasks = Task.objects.filter(assigning_unit=unit)
        text = RENDERERS[format](unit_report(date_from=first, date_to=last, as_of=moment, tasks=tasks))
        if output:
            path = Path(output)
            if not path.parent.is_dir():
                raise CommandError(f"Không có thư mục “{path.parent}” / no such directory “{path.parent}”")
            path.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
