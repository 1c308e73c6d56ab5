"""`nhiemvu import-tasks PATH [--create-units] [--dry-run] [--assigning-unit CODE] [--as USERNAME]`

The CLI contract is fixed (users' scripts depend on it); the work is in importing.services.
The command acts as the system unless --as names a user, whose rights are then checked
row by row, as the web upload checks them.
"""

# ruff: noqa: N999 — the command name (this module's name) is the CLI contract.

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy

from nhiemvu import cli
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.services import import_tasks
from nhiemvu.messages import Message, bilingual


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
        parser.add_argument(
            "--as",
            dest="username",
            metavar="USERNAME",
            help="nhập với quyền của người dùng này / import with this user's rights",
        )

    def handle(self, *args, path, create_units, dry_run, assigning_unit, username, verbosity, **options):
        by = None
        if username is not None:
            by = get_user_model().objects.filter(username=username, is_active=True).first()
            if by is None:
                message = Message(
                    gettext_lazy("Không có người dùng “%(username)s” đang hoạt động"), username=username
                )
                raise CommandError(bilingual(message))
        try:
            result = import_tasks(
                path, by=by, create_units=create_units, dry_run=dry_run, assigning_unit=assigning_unit
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
                self.stdout.write(bilingual(Message(gettext_lazy("(thêm -v 2 để xem các văn bản sẽ tạo)"))))
