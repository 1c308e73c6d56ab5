"""`nhiemvu export-users PATH`: every user and role in the columns of `import-users`; never a password."""

# ruff: noqa: N999 — the command name (this module's name) is the CLI contract.

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from nhiemvu import cli
from nhiemvu.importing.sheets import OutputPathError
from nhiemvu.importing.users import export_users
from nhiemvu.messages import Message, bilingual


class Command(cli.Command):
    help = "Xuất người dùng và vai trò ra tệp .xlsx hoặc .csv (nhập lại được) / export users and roles to .xlsx or .csv"

    def add_arguments(self, parser):
        parser.add_argument(
            "path", metavar="PATH", help="tệp .xlsx hoặc .csv cần ghi / the .xlsx or .csv file to write"
        )

    def handle(self, *args, path, **options):
        try:
            count = export_users(path)
        except OutputPathError as error:
            raise CommandError(bilingual(error.message)) from None
        self.stdout.write(
            bilingual(Message(_("Đã ghi %(count)d dòng người dùng vào “%(path)s”"), count=count, path=path))
        )
