"""`nhiemvu urging run [--date DD/MM/YYYY] [--dry-run]`: the system's monthly urging from the
command line, the function the job calls."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from nhiemvu.urging.models import Urging

pytestmark = pytest.mark.django_db


def run(*arguments) -> str:
    out = StringIO()
    call_command("urging", "run", *arguments, stdout=out)
    return out.getvalue()


def test_the_run_prints_each_urging_and_a_second_run_makes_nothing_new(cast, tasks):
    first = run("--date", "20/05/2026")
    assert "  UBND tỉnh Kon Tum → Sở Tư pháp: 1/1 nhiệm vụ trễ hạn / 1/1 overdue tasks — mới / new" in first
    assert "  Sở Nông nghiệp và Phát triển nông thôn → Chi cục Kiểm lâm: 1/1 nhiệm vụ trễ hạn" in first
    assert "Ngày 20/05/2026: 3 lần đôn đốc; 3 mới, 0 đã có, 0 không ghi được. / " in first
    assert Urging.objects.filter(by__isnull=True).count() == 3
    second = run("--date", "2026-05-20")
    assert "Sở Tư pháp: 1/1 nhiệm vụ trễ hạn / 1/1 overdue tasks — đã có / already made" in second
    assert "3 lần đôn đốc; 0 mới, 3 đã có, 0 không ghi được." in second
    assert Urging.objects.count() == 3


def test_a_dry_run_writes_nothing(cast, tasks):
    output = run("--date", "20/05/2026", "--dry-run")
    assert "— chạy thử, chưa ghi / dry run, not written" in output
    assert "Chạy thử: không ghi gì vào cơ sở dữ liệu" in output
    assert not Urging.objects.exists()


def test_another_day_says_when_the_urging_day_is(cast, tasks):
    output = run("--date", "21/05/2026")
    assert output.startswith(
        "Ngày 21/05/2026 không phải ngày đôn đốc định kỳ (ngày làm việc đầu tiên từ ngày 20 hằng tháng): "
        "không đôn đốc đơn vị nào. / "
    )
    assert not Urging.objects.exists()


def test_a_deployment_without_the_monthly_urging_says_so(cast, tasks, settings):
    settings.URGING_LETTER_DAY = 0
    assert run("--date", "20/05/2026").startswith("Đôn đốc định kỳ đang tắt (URGING_LETTER_DAY=0). / ")


@pytest.mark.parametrize("text", ["31/02/2026", "hôm nay"])
def test_a_bad_date_is_refused_in_vietnamese_then_english_and_nothing_is_written(cast, tasks, text):
    with pytest.raises(CommandError) as refused:
        run("--date", text)
    assert str(refused.value).startswith(f"Ngày không hợp lệ: “{text}” (dùng dd/mm/yyyy hoặc yyyy-mm-dd) / ")
    assert not Urging.objects.exists()


def test_a_day_to_come_is_refused_unless_the_run_is_dry(cast, tasks):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(CommandError) as refused:
        run("--date", f"{tomorrow:%d/%m/%Y}")
    assert str(refused.value) == (
        f"Ngày {tomorrow:%d/%m/%Y} chưa đến: chỉ chạy thử (--dry-run) được cho ngày này. / "
        f"{tomorrow:%d/%m/%Y} has not come yet: only a dry run (--dry-run) can be made for it."
    )
    assert not Urging.objects.exists()
