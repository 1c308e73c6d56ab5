"""What our management commands share: usage errors said in Vietnamese, then English
(argparse's own words, which are English only, follow)."""

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext_lazy as _

from nhiemvu.messages import Message, bilingual


class UsageParser(CommandParser):
    """argparse words its errors in English only ("the following arguments are required: PATH")."""

    def error(self, message):
        advice = Message(_("tham số không hợp lệ, xem “%(prog)s --help”"), prog=self.prog)
        super().error(f"{bilingual(advice)}: {message}")


class Command(BaseCommand):
    """A management command of ours, whose parser is a UsageParser (subcommands: pass
    `parser_class=UsageParser` to add_subparsers)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds a CommandParser; only its error() differs, so the instance is
        # given the subclass rather than Django's create_parser copied here.
        parser.__class__ = UsageParser
        return parser
