"""`nhiemvu report units --from DATE --to DATE [--as-of YYYY-MM-DDTHH:MM] [--format …] [--output PATH]`
and the document reports of nhiemvu.reports.catalogue (appendix01, appendix02, …):
`nhiemvu report NAME (--from DATE --to DATE | --period 6/2019) [--as-of MOMENT] [--unit CODE]
[--issuer CODE] --format json|csv|xlsx|docx|pdf [--output PATH]` (.xlsx, .docx and .pdf need
--output). A report a unit issues (reports.issuing: narrative, emulation) carries the letterhead
and signature block of --issuer, by default of --unit; with neither, none.

Bad input is said in Vietnamese, then English (nhiemvu.messages.bilingual), with exit code 1
and nothing written.
"""

import json
import os
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu import cli
from nhiemvu.cli import day_argument, moment_argument, refuse
from nhiemvu.messages import bilingual
from nhiemvu.reports import writers
from nhiemvu.reports.catalogue import REPORTS, ReportKind, ReportRequest, unit_with_code
from nhiemvu.reports.issuing import is_issued, issued_document
from nhiemvu.reports.periods import Period, parse_period
from nhiemvu.reports.render import RENDERERS
from nhiemvu.reports.services import unit_report, validate_as_of
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit

DOCUMENT_FORMATS = ("json", "csv", "xlsx", "docx", "pdf")
TEXT_FORMATS = ("json", "csv")  # the others are files: they need --output


def write_report(path: Path, content: str | bytes) -> None:
    """`content` into `path`, whole or not at all: written beside it, then moved into place."""
    if path.is_dir():
        raise refuse(_("Không ghi được báo cáo vào “%(path)s”: đó là một thư mục"), path=path)
    if not path.parent.is_dir():
        raise refuse(
            _("Không ghi được báo cáo vào “%(path)s”: không có thư mục “%(dir)s”"), path=path, dir=path.parent
        )
    temporary = None
    try:
        with tempfile.NamedTemporaryFile(
            "wb", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as file:
            temporary = file.name
            file.write(content.encode("utf-8") if isinstance(content, str) else content)
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
        for name, entry in REPORTS.items():
            self.add_document_report(subparsers, name, entry)

    def add_document_report(self, subparsers, name: str, entry: ReportKind):
        parser = subparsers.add_parser(name, help=entry.help)
        parser.add_argument("--from", dest="date_from", metavar="DATE")
        parser.add_argument("--to", dest="date_to", metavar="DATE")
        parser.add_argument("--period", metavar="6/2019|Q2/2019|H1/2019|2019")
        parser.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DDTHH:MM")
        parser.add_argument("--unit", metavar="CODE", help="Đơn vị của báo cáo / the report's unit")
        parser.add_argument("--format", choices=DOCUMENT_FORMATS, default="json")
        parser.add_argument("--output", metavar="PATH")
        if is_issued(entry):
            parser.add_argument(
                "--issuer",
                metavar="CODE",
                help="Đơn vị ban hành báo cáo (mặc định: --unit) / the issuing unit (default: --unit)",
            )
        for option in entry.options:
            parser.add_argument(*option.flags, **option.kwargs)

    def handle(self, *args, report, **options):
        if report == "units":
            self.units(**options)
        else:
            self.document_report(REPORTS[report], **options)

    def units(self, *, date_from, date_to, as_of, format, output, assigned_by, **options):
        first, last = day_argument(date_from), day_argument(date_to)
        if first > last:
            raise refuse(_("--from phải trước hoặc bằng --to"))
        moment = _as_of(as_of)
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

    def document_report(
        self,
        entry: ReportKind,
        *,
        date_from,
        date_to,
        period,
        as_of,
        unit,
        format,
        output,
        issuer=None,
        **options,
    ):
        if format not in TEXT_FORMATS and not output:
            raise refuse(_("Định dạng %(format)s là tệp: cần --output PATH"), format=format)
        asked = _period_arguments(date_from, date_to, period)
        now = timezone.now()
        moment = _as_of(as_of, now=now)
        try:
            scope = unit_with_code(unit) if unit else None
            issuing_unit = unit_with_code(issuer) if issuer else scope
            request = ReportRequest(period=asked, as_of=moment, made_at=now, scope=scope, options=options)
            data = entry.run(request)
            if format == "json":
                content = json.dumps(entry.as_data(data), ensure_ascii=False, indent=2) + "\n"
            else:
                document = issued_document(entry, data, issuer=issuing_unit, day=timezone.localdate(now))
                content = writers.render(document, format)
        except ValidationError as error:
            raise refuse(error.message, **(error.params or {})) from None
        except writers.WriterError as error:
            raise CommandError(bilingual(error.message)) from None
        if output:
            write_report(Path(output), content)
        else:
            self.stdout.write(content if isinstance(content, str) else content.decode("utf-8-sig"), ending="")


def _as_of(text: str | None, *, now=None):
    """The moment a report is taken at: now when not given, never in the future."""
    now = now or timezone.now()
    moment = moment_argument(text) if text else now
    try:
        validate_as_of(moment, now=now)
    except ValidationError:
        raise refuse(
            _("--as-of “%(as_of)s” chưa đến: báo cáo chỉ có số liệu đến hiện tại"), as_of=text
        ) from None
    return moment


def _period_arguments(date_from: str | None, date_to: str | None, period: str | None):
    """--from and --to, or --period ("6/2019", "Q2/2019", "H1/2019", "2019": reports.periods)."""
    if period:
        if date_from or date_to:
            raise refuse(_("Dùng --period hoặc --from và --to, không dùng cả hai"))
        try:
            named = parse_period(period)
        except ValidationError as error:
            raise refuse(error.message, **error.params) from None
        return named
    if not (date_from and date_to):
        raise refuse(_("Cần --from và --to, hoặc --period (ví dụ 6/2019, Q2/2019, H1/2019, 2019)"))
    first, last = day_argument(date_from), day_argument(date_to)
    if first > last:
        raise refuse(_("--from phải trước hoặc bằng --to"))
    return Period.range(first, last)
