"""Counts of urgings and explanation requests per unit and kind (urging.counts), as of a
moment: only what was recorded by then (seed 002 2.2), for the reports."""

from datetime import date

import pytest

from nhiemvu.units.models import Unit
from nhiemvu.urging import services
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.counts import urging_counts
from nhiemvu.urging.tests.conftest import LATE_DAY
from tests.factories import moment

pytestmark = pytest.mark.django_db

MAY = (date(2026, 5, 1), date(2026, 5, 31))


@pytest.fixture
def history(cast, tasks):
    """In May: the Sở Nông nghiệp reminded on the 4th, criticised on the 11th, the criticism
    entered only on the 14th; the Sở Tư pháp reminded on the 12th; in April a reminder out of
    the period. The Sở asked to explain on the 12th, answering on the 15th; the Sở Tư pháp
    asked on the 13th, never answering."""
    agri, justice = cast.agriculture_department, cast.justice_department

    def urge(unit, task, kind, urged_on, recorded_on):
        services.urge(
            by=cast.admin,
            at=moment(recorded_on),
            unit=unit,
            tasks=[tasks[task]],
            kind=kind,
            text="Đề nghị khẩn trương",
            urged_on=urged_on,
        )

    urge(agri, "overdue", UrgingKind.REMINDER, date(2026, 4, 20), date(2026, 4, 20))
    urge(agri, "overdue", UrgingKind.REMINDER, date(2026, 5, 4), date(2026, 5, 4))
    urge(agri, "later", UrgingKind.CRITICISM, date(2026, 5, 11), date(2026, 5, 14))
    urge(justice, "justice", UrgingKind.REMINDER, date(2026, 5, 12), date(2026, 5, 12))
    asked = services.request_explanation(
        by=cast.leader, at=moment(LATE_DAY), task=tasks["overdue"], question="?"
    )
    services.answer_explanation(asked, by=cast.focal_officer, at=moment(date(2026, 5, 15)), answer="Lý do")
    services.request_explanation(
        by=cast.admin, at=moment(date(2026, 5, 13)), task=tasks["justice"], question="?"
    )


def figures(cast, as_of, period=MAY):
    units = Unit.objects.filter(
        pk__in=[cast.agriculture_department.pk, cast.justice_department.pk, cast.district.pk]
    )
    rows = urging_counts(units.order_by("sort_order"), date_from=period[0], date_to=period[1], as_of=as_of)
    return {
        row.name: (row.by_kind, row.urgings, row.explanations_asked, row.explanations_answered)
        for row in rows
    }


def kinds(reminder=0, criticism=0, review=0):
    return {UrgingKind.REMINDER: reminder, UrgingKind.CRITICISM: criticism, UrgingKind.REVIEW: review}


def test_counts_per_unit_and_kind_in_the_period_now(cast, history):
    assert figures(cast, moment(date(2026, 6, 1))) == {
        "Sở Nông nghiệp và Phát triển nông thôn": (kinds(reminder=1, criticism=1), 2, 1, 1),
        "Sở Tư pháp": (kinds(reminder=1), 1, 1, 0),
        "UBND huyện Đắk Hà": (kinds(), 0, 0, 0),
    }


def test_counts_as_of_a_past_moment_leave_out_what_was_recorded_later(cast, history):
    """On the 13th at 17:00 the criticism of the 11th was not entered yet, nor the answer."""
    assert figures(cast, moment(date(2026, 5, 13), 17)) == {
        "Sở Nông nghiệp và Phát triển nông thôn": (kinds(reminder=1), 1, 1, 0),
        "Sở Tư pháp": (kinds(reminder=1), 1, 1, 0),
        "UBND huyện Đắk Hà": (kinds(), 0, 0, 0),
    }


def test_the_period_is_of_the_urgings_dates_both_ends_included(cast, history):
    april = (date(2026, 4, 1), date(2026, 4, 20))
    assert figures(cast, moment(date(2026, 6, 1)), april)["Sở Nông nghiệp và Phát triển nông thôn"] == (
        kinds(reminder=1),
        1,
        0,
        0,
    )


def test_the_counts_read_three_queries_however_many_units(cast, history, django_assert_num_queries):
    with django_assert_num_queries(3):
        urging_counts(Unit.objects.all(), date_from=MAY[0], date_to=MAY[1], as_of=moment(date(2026, 6, 1)))
