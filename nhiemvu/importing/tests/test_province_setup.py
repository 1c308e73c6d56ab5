"""From an empty database, a province is set up by commands alone: units, users, then the
history of its tasks (the issue's "done when", for one province)."""

import io

import pytest
from django.core.management import call_command

from nhiemvu.accounts.models import User
from nhiemvu.importing.columns import COLUMNS as TASK_COLUMNS
from nhiemvu.importing.tests.test_import_units import province_rows, write_csv, write_xlsx
from nhiemvu.importing.unit_columns import COLUMNS as UNIT_COLUMNS
from nhiemvu.importing.user_columns import REQUIRED as USER_REQUIRED
from nhiemvu.tracking.models import Task


@pytest.mark.django_db
def test_units_then_users_then_tasks_on_an_empty_database(tmp_path, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command(
        "import-units", str(write_xlsx(tmp_path / "dv.xlsx", province_rows(), UNIT_COLUMNS)), stdout=out
    )
    users = [["an.nv", "Nguyễn Văn An", "an@kontum.gov.vn", "KT-10", "Cán bộ đầu mối"]]
    call_command("import-users", str(write_csv(tmp_path / "nd.csv", users, USER_REQUIRED)), stdout=out)
    task = {
        "Số, ký hiệu": "1196/UBND-TH",
        "Ngày ban hành": "10/05/2018",
        "Cơ quan ban hành": "UBND tỉnh Kon Tum",
        "Trích yếu": "V/v giao ban",
        "Nội dung nhiệm vụ": "Rà soát kỷ luật, kỷ cương hành chính",
        "Đơn vị chủ trì": "Sở Nội vụ",
        "Ngày giao": "10/05/2018",
    }
    rows = [[task.get(column, "") for column in TASK_COLUMNS]]
    call_command("import-tasks", str(write_csv(tmp_path / "nv.csv", rows, TASK_COLUMNS)), stdout=out)
    imported = Task.objects.get()
    assert imported.lead_unit.code == "KT-10"
    assert User.objects.get().roles.get().unit == imported.lead_unit
