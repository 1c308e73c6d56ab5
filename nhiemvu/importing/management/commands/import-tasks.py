"""`nhiemvu import-tasks PATH [--create-units] [--dry-run] [--assigning-unit CODE]`

The CLI contract is fixed (users' scripts depend on it); the work is in importing.services.
"""

# ruff: noqa: N999 — the command name (this module's name) is the CLI contract.

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from nhiemvu import cli
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.services import import_tasks


class Command(cli.Command):
    help = (
        "Nhập nhiệm vụ từ tệp Excel (.xlsx) hoặc CSV theo tệp mẫu; có lỗi thì không nhập gì / "
        "import tasks from an .xlsx or .csv file in the template's format; nothing is imported on any error"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="tệp .xlsx hoặc .csv / an .xlsx or .csv file")
        parser.add_argument(
            "--create-units",
            action="store_true",
            help="tạo đơn vị chưa có trong hệ thống / create the units the system does not know",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="chỉ kiểm tra và báo cáo, không ghi gì / check and report, write nothing",
        )
        parser.add_argument(
            "--assigning-unit",
            metavar="CODE",
            help="mã đơn vị giao nhiệm vụ / code of the assigning unit",
        )

    def handle(self, *args, path, create_units, dry_run, assigning_unit, verbosity, **options):
        try:
            result = import_tasks(
                path, create_units=create_units, dry_run=dry_run, assigning_unit=assigning_unit
            )
        except ImportRejected as rejected:
            raise CommandError(rejected.message()) from None
        for line in result.summary_lines():
            self.stdout.write(line)
        if dry_run and result.directives_created:
            if verbosity >= 2:
                for label in result.directives_created:
                    self.stdout.write(f"  + {label}")
            else:
                self.stdout.write(_("(thêm -v 2 để xem các văn bản sẽ tạo / add -v 2 to list them)"))
