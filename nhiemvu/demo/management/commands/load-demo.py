"""`nhiemvu load-demo [--reset] [--into-existing-database]`: the demo province of Kon Tum,
and a password for each demo account."""

# ruff: noqa: N999 — the command name (this module's name) is the CLI contract.

import time

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from nhiemvu import cli
from nhiemvu.demo.ownership import DemoRefused
from nhiemvu.demo.services import load_demo
from nhiemvu.messages import bilingual


def credentials_table(credentials) -> str:
    """A plain text table: username, role, unit, password."""
    headers = [_("Tên đăng nhập"), _("Vai trò"), _("Đơn vị"), _("Mật khẩu")]
    rows = [headers, *([c.username, c.role, c.unit, c.password] for c in credentials)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(headers))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


class Command(cli.Command):
    help = (
        "Nạp dữ liệu mẫu: tỉnh Kon Tum, 30 đơn vị, văn bản và nhiệm vụ từ 2018 đến nay; in tài khoản dùng thử. "
        "Chỉ nạp vào cơ sở dữ liệu trống / load the demo province into an empty database and print the "
        "demo accounts"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Xóa dữ liệu do lệnh này tạo và tạo lại / delete what this command created and build it again",
        )
        parser.add_argument(
            "--into-existing-database",
            dest="into_existing",
            action="store_true",
            help=(
                "Nạp cả khi cơ sở dữ liệu đã có dữ liệu khác (không thay đổi dữ liệu, tài khoản đó) / "
                "load beside other data (which is left as it is)"
            ),
        )

    def handle(self, *args, reset, into_existing, **options):
        started = time.monotonic()
        try:
            result = load_demo(reset=reset, into_existing=into_existing)
        except DemoRefused as refused:
            raise CommandError(bilingual(refused.message)) from None
        counts = result.counts
        if result.created:
            self.stdout.write(
                _(
                    "Đã tạo dữ liệu mẫu: %(units)d đơn vị, %(directives)d văn bản, %(tasks)d nhiệm vụ, "
                    "%(events)d diễn biến (%(seconds).1f giây)."
                )
                % {**counts, "seconds": time.monotonic() - started}
            )
        else:
            self.stdout.write(
                _(
                    "Dữ liệu mẫu đã có (%(tasks)d nhiệm vụ): giữ nguyên; chạy với --reset để tạo lại với hạn "
                    "xử lý tính từ hôm nay."
                )
                % counts
            )
        self.stdout.write("")
        self.stdout.write(_("Tài khoản dùng thử (mật khẩu mới, tạo lại mỗi lần chạy lệnh):"))
        self.stdout.write(credentials_table(result.credentials))
        self.stdout.write("")
        self.stdout.write(
            _(
                "Đăng nhập tại http://127.0.0.1:8000/dang-nhap/ khi máy chủ đang chạy (`make demo` hoặc `make serve`)."
            )
        )
