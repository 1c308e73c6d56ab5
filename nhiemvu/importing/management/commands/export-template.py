"""`nhiemvu export-template PATH`: the empty import template, .xlsx (with a "Hướng dẫn" sheet) or .csv."""

# ruff: noqa: N999 — the command name (this module's name) is the CLI contract.

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from nhiemvu import cli
from nhiemvu.importing.template import TemplatePathError, write_template


class Command(cli.Command):
    help = "Ghi tệp mẫu để nhập nhiệm vụ (.xlsx hoặc .csv) / write the empty import template (.xlsx or .csv)"

    def add_arguments(self, parser):
        parser.add_argument(
            "path", metavar="PATH", help="tệp .xlsx hoặc .csv cần ghi / the .xlsx or .csv file to write"
        )

    def handle(self, *args, path, **options):
        try:
            written = write_template(path)
        except TemplatePathError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Đã ghi tệp mẫu “%(path)s” / template written to “%(path)s”") % {"path": written})
