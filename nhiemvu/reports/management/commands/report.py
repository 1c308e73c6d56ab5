"""`nhiemvu report units --from DATE --to DATE [--as-of YYYY-MM-DDTHH:MM] [--format …] [--output PATH]`

Bad input is said in Vietnamese, then English (nhiemvu.messages.bilingual), with exit code 1
and nothing written.
"""

import os
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu import cli
from nhiemvu.dates import EARLIEST_DATE, format_date, parse_date, parse_moment
from nhiemvu.messages import Message, bilingual
from nhiemvu.reports.render import RENDERERS
from nhiemvu.reports.services import unit_report, validate_as_of
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit

TOO_EARLY = _("“%(text)s” quá sớm: chỉ nhận ngày từ %(earliest)s trở về sau")


def refuse(message, /, **params) -> CommandError:
    return CommandError(bilingual(Message(message, **params)))


def _date_argument(text: str):
    try:
        day = parse_date(text)
    except ValueError:
        raise refuse(
            _("Ngày không hợp lệ: “%(text)s” (dùng dd/mm/yyyy hoặc yyyy-mm-dd)"), text=text
        ) from None
    if day < EARLIEST_DATE:
        raise refuse(TOO_EARLY, text=text, earliest=format_date(EARLIEST_DATE))
    return day


def _moment_argument(text: str):
    try:
        moment = parse_moment(text)
    except (ValueError, OverflowError):
        raise refuse(_("Thời điểm không hợp lệ: “%(text)s” (dùng YYYY-MM-DDTHH:MM)"), text=text) from None
    if moment.date() < EARLIEST_DATE:
        raise refuse(TOO_EARLY, text=text, earliest=format_date(EARLIEST_DATE))
    return moment


def write_report(path: Path, text: str) -> None:
    """`text` into `path`, whole or not at all: written beside it, then moved into place."""
    if path.is_dir():
        raise refuse(_("Không ghi được báo cáo vào “%(path)s”: đó là một thư mục"), path=path)
    if not path.parent.is_dir():
        raise refuse(
            _("Không ghi được báo cáo vào “%(path)s”: không có thư mục “%(dir)s”"), path=path, dir=path.parent
        )
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as file:
            temporary = file.name
            file.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file, not the temporary's 0600
        os.replace(temporary, path)
    except PermissionError:
        raise refuse(_("Không ghi được báo cáo vào “%(path)s”: không có quyền ghi"), path=path) from None
    except OSError as error:
        raise refuse(
            _("Không ghi được báo cáo vào “%(path)s” (%(reason)s)"), path=path, reason=error.strerror or error
        ) from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
            raise refuse(_("--from phải trước hoặc bằng --to"))
        now = timezone.now()
        moment = _moment_argument(as_of) if as_of else now
        try:
            validate_as_of(moment, now=now)
        except ValidationError:
            raise refuse(
                _("--as-of “%(as_of)s” chưa đến: báo cáo chỉ có số liệu đến hiện tại"), as_of=as_of
            ) from None
        tasks = None
        if assigned_by:
            unit = Unit.objects.filter(code=assigned_by).first()
            if unit is None:
                raise refuse(_("Không có đơn vị mã “%(code)s”"), code=assigned_by)
            tasks = Task.objects.filter(assigning_unit=unit)
        text = RENDERERS[format](unit_report(date_from=first, date_to=last, as_of=moment, tasks=tasks))
        if output:
            write_report(Path(output), text)
        else:
            self.stdout.write(text, ending="")
