"""`nhiemvu reminders run [--date DD/MM/YYYY] [--dry-run]`: the day's run from the command line."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nhiemvu.reminders.models import Notification, OutboxMessage

pytestmark = pytest.mark.django_db


def run(*arguments) -> str:
    out = StringIO()
    call_command("reminders", "run", *arguments, stdout=out)
    return out.getvalue()


def test_the_run_prints_what_it_decided_and_sent_and_a_second_run_sends_nothing_new(week, inbox):
    first = run("--date", "06/05/2026")
    assert "daumoi_snn: Nhiệm vụ trễ hạn / Overdue tasks (1)" in first
    assert "vp_tonghop: Văn bản đã nhận quá 01 ngày làm việc chưa giao nhiệm vụ" in first
    rows = OutboxMessage.objects.count()
    assert f"{rows} dòng mới trong hàng gửi, 0 đã có." in first
    assert "Đã gửi 6 thư/tin (" in first  # three mails, three in-app batches
    assert "/ Sent 6 mails/messages" in first
    assert len(inbox.messages) == 3
    second = run("--date", "06/05/2026")
    assert f"0 dòng mới trong hàng gửi, {rows} đã có" in second
    assert "Đã gửi 0 thư/tin" in second
    assert len(inbox.messages) == 3


def test_a_dry_run_writes_and_sends_nothing(week, inbox):
    output = run("--date", "2026-05-06", "--dry-run")
    assert "Chạy thử: không ghi, không gửi gì." in output
    assert not OutboxMessage.objects.exists() and not Notification.objects.exists()
    assert inbox.messages == []


def test_a_day_that_is_not_worked_decides_nothing_and_says_so(week, inbox):
    output = run("--date", "01/05/2026")
    assert "Ngày 01/05/2026 không phải ngày làm việc: không có nhắc việc." in output
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("text", ["31/02/2026", "hôm nay"])
def test_a_bad_date_is_refused_in_vietnamese_then_english_and_nothing_is_written(week, text):
    with pytest.raises(CommandError) as refused:
        run("--date", text)
    assert str(refused.value).startswith(f"Ngày không hợp lệ: “{text}” (dùng dd/mm/yyyy hoặc yyyy-mm-dd) / ")
    assert not OutboxMessage.objects.exists()
