"""`nhiemvu import-users PATH [--dry-run] [--print-passwords]`: users and their roles from a file (importing.users)."""

# ruff: noqa: N999 — the command name (this module's name) is the CLI contract.

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from nhiemvu import cli
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.users import import_users
from nhiemvu.messages import bilingual


class Command(cli.Command):
    help = (
        "Nhập người dùng và vai trò từ tệp .xlsx hoặc .csv; có lỗi thì không nhập gì / "
        "import users and their roles from an .xlsx or .csv file; nothing is imported on any error"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="tệp .xlsx hoặc .csv / an .xlsx or .csv file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="chỉ kiểm tra và báo cáo, không ghi gì / check and report, write nothing",
        )
        parser.add_argument(
            "--print-passwords",
            action="store_true",
            help=(
                "đặt mật khẩu ngẫu nhiên cho người dùng mới và in ra một lần, thay cho thư / "
                "give new users a random password printed once, instead of the e-mail"
            ),
        )

    def handle(self, *args, path, dry_run, print_passwords, **options):
        try:
            result = import_users(path, dry_run=dry_run, print_passwords=print_passwords)
        except ImportRejected as rejected:
            raise CommandError(rejected.message()) from None
        for line in result.summary_lines():
            self.stdout.write(line)
        if result.passwords:
            self.stdout.write(
                bilingual(
                    _("Mật khẩu của người dùng mới (chỉ hiện một lần, hãy chuyển riêng cho từng người):")
                )
            )
            for username, password in result.passwords:
                self.stdout.write(f"  {username}\t{password}")
