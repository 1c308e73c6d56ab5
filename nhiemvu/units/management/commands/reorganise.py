"""`nhiemvu reorganise PATH --effective DD/MM/YYYY [--dry-run]`: the work is in units.reorganisation."""

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu import cli
from nhiemvu.dates import EARLIEST_DATE, parse_date
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.messages import Message, bilingual
from nhiemvu.units.reorganisation import reorganise


def effective_date(text: str):
    try:
        day = parse_date(text)
    except ValueError:
        day = None
    if day is None or day < EARLIEST_DATE:
        message = Message(_("Ngày có hiệu lực “%(text)s” không hợp lệ; ghi theo dạng dd/mm/yyyy"), text=text)
        raise CommandError(bilingual(message))
    return day


class Command(cli.Command):
    help = (
        "Sắp xếp lại đơn vị theo tệp đối chiếu mã cũ – mã mới (sáp nhập, chia tách, đổi tên); có lỗi thì "
        "không ghi gì / apply a reorganisation from an old code – new code mapping file (merges, splits, "
        "renames); nothing is written on any error"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="tệp .xlsx hoặc .csv / an .xlsx or .csv file")
        parser.add_argument(
            "--effective",
            metavar="DD/MM/YYYY",
            required=True,
            help="ngày đơn vị mới bắt đầu hoạt động / the day the new units take over",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="chỉ kiểm tra và báo cáo, không ghi gì / check and report, write nothing",
        )

    def handle(self, *args, path, effective, dry_run, **options):
        day = effective_date(effective)
        try:
            result = reorganise(path, effective=day, at=timezone.now(), dry_run=dry_run)
        except ImportRejected as rejected:
            raise CommandError(rejected.message()) from None
        for line in result.summary():
            self.stdout.write(bilingual(line))
