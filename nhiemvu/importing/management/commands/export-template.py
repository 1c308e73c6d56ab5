"""`nhiemvu export-template [--units | --users] PATH`: the empty import template (of tasks by default,
of units or users with the option), .xlsx (with a "Hướng dẫn" sheet) or .csv."""

# ruff: noqa: N999 — the command name (this module's name) is the CLI contract.

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy

from nhiemvu import cli
from nhiemvu.importing.setup_template import write_units_template, write_users_template
from nhiemvu.importing.sheets import OutputPathError
from nhiemvu.importing.template import write_template
from nhiemvu.messages import Message, bilingual


class Command(cli.Command):
    help = "Ghi tệp mẫu để nhập nhiệm vụ (.xlsx hoặc .csv) / write the empty import template (.xlsx or .csv)"

    def add_arguments(self, parser):
        parser.add_argument(
            "path", metavar="PATH", help="tệp .xlsx hoặc .csv cần ghi / the .xlsx or .csv file to write"
        )
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--units", action="store_true", help="tệp mẫu nhập đơn vị / the template of import-units"
        )
        which.add_argument(
            "--users", action="store_true", help="tệp mẫu nhập người dùng / the template of import-users"
        )

    def handle(self, *args, path, units, users, **options):
        writer = write_units_template if units else write_users_template if users else write_template
        try:
            written = writer(path)
        except OutputPathError as error:
            raise CommandError(bilingual(error.message)) from None
        self.stdout.write(bilingual(Message(gettext_lazy("Đã ghi tệp mẫu “%(path)s”"), path=written)))
