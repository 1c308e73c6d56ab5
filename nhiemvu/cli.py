"""What our management commands share: usage errors said in Vietnamese, then English
(argparse's own words, which are English only, follow), and the reading of the dates and
moments they are given."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import EARLIEST_DATE, format_date, parse_date, parse_moment
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


TOO_EARLY = _("“%(text)s” quá sớm: chỉ nhận ngày từ %(earliest)s trở về sau")


def refuse(message, /, **params) -> CommandError:
    return CommandError(bilingual(Message(message, **params)))


def day_argument(text: str):
    try:
        day = parse_date(text)
    except ValueError:
        raise refuse(
            _("Ngày không hợp lệ: “%(text)s” (dùng dd/mm/yyyy hoặc yyyy-mm-dd)"), text=text
        ) from None
    if day < EARLIEST_DATE:
        raise refuse(TOO_EARLY, text=text, earliest=format_date(EARLIEST_DATE))
    return day


def moment_argument(text: str):
    try:
        moment = parse_moment(text)
    except (ValueError, OverflowError):
        raise refuse(_("Thời điểm không hợp lệ: “%(text)s” (dùng YYYY-MM-DDTHH:MM)"), text=text) from None
    if moment.date() < EARLIEST_DATE:
        raise refuse(TOO_EARLY, text=text, earliest=format_date(EARLIEST_DATE))
    return moment
