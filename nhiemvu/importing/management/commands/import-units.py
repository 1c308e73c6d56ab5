"""`nhiemvu import-units PATH [--dry-run] [--effective DD/MM/YYYY]`: the unit tree from a file (importing.units)."""

# ruff: noqa: N999 — the command name (this module's name) is the CLI contract.

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from nhiemvu import cli
from nhiemvu.dates import EARLIEST_DATE, parse_date
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.units import import_units
from nhiemvu.messages import Message, bilingual


class Command(cli.Command):
    help = (
        "Nhập đơn vị (cây đơn vị, cán bộ đầu mối) từ tệp .xlsx hoặc .csv; có lỗi thì không nhập gì / "
        "import units (the tree, focal officers) from an .xlsx or .csv file; nothing is imported on any error"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="tệp .xlsx hoặc .csv / an .xlsx or .csv file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="chỉ kiểm tra và báo cáo, không ghi gì / check and report, write nothing",
        )
        parser.add_argument(
            "--effective",
            metavar="DD/MM/YYYY",
            help="ngày đổi tên có hiệu lực (mặc định hôm nay) / the day renames take effect (default today)",
        )

    def handle(self, *args, path, dry_run, effective, **options):
        effective_on = None
        if effective:
            try:
                effective_on = parse_date(effective)
                if effective_on < EARLIEST_DATE:
                    raise ValueError(effective)
            except ValueError:
                message = Message(_("Ngày “%(value)s” không hợp lệ: ghi dạng dd/mm/yyyy"), value=effective)
                raise CommandError(bilingual(message)) from None
        try:
            result = import_units(path, dry_run=dry_run, effective=effective_on)
        except ImportRejected as rejected:
            raise CommandError(rejected.message()) from None
        for line in result.summary_lines():
            self.stdout.write(line)
