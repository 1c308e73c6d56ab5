"""Domain.md "Two times": imported history counts as recorded on its own effective dates, so
the per-unit report (seed 000 appendix 02) of a past moment rebuilt from an imported file
shows what the old system showed then."""

from datetime import date

import pytest

from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row
from nhiemvu.reports.services import unit_report
from tests.factories import moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(units, write_file):
    common = {"issued_on": "02/05/2019", "assigned_on": "02/05/2019"}
    path = write_file(
        [
            row(content="A", due_on="12/05/2019", completed_on="10/05/2019", **common),  # on time
            row(content="B", due_on="12/05/2019", completed_on="20/05/2019", **common),  # late
            row(content="C", due_on="12/05/2019", **common),  # open, overdue after 12/5
            row(content="D", **common),  # open, no due date
            row(content="E", due_on="31/12/2019", **common),  # open, not yet due
            # No due date: completed is on time.
            row(content="F", lead="Sở Tài chính", completed_on="03/05/2019", **common),
        ]
    )
    import_tasks(path, today=TODAY)


def counts(as_of):
    report = unit_report(date_from=date(2019, 1, 1), date_to=date(2019, 12, 31), as_of=as_of)
    return {row.unit: row.as_dict() for row in report.rows}


def test_year_end_report_counts_each_imported_task_by_its_effective_dates(imported):
    assert counts(moment(date(2019, 12, 27), 15, 30)) == {
        "Sở Nội vụ": {
            "total": 5,
            "done_on_time": 1,
            "done_late": 1,
            "open_not_due": 1,
            "open_no_deadline": 1,
            "open_overdue": 1,
        },
        "Sở Tài chính": {
            "total": 1,
            "done_on_time": 1,
            "done_late": 0,
            "open_not_due": 0,
            "open_no_deadline": 0,
            "open_overdue": 0,
        },
    }


def test_a_report_of_a_past_moment_shows_only_what_had_happened_by_then(imported):
    # 15/5: A was done (10/5); B, due 12/5 and completed only on 20/5, was open and overdue.
    assert counts(moment(date(2019, 5, 15), 9))["Sở Nội vụ"] == {
        "total": 5,
        "done_on_time": 1,
        "done_late": 0,
        "open_not_due": 1,
        "open_no_deadline": 1,
        "open_overdue": 2,
    }
    # 11/5: nothing was due yet.
    assert counts(moment(date(2019, 5, 11), 9))["Sở Nội vụ"]["open_not_due"] == 3
    # The evening before the assignment day: nothing had been assigned.
    assert counts(moment(date(2019, 5, 1), 23, 59)) == {}
