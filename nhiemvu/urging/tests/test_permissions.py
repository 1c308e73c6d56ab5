"""Who sees urgings and explanation requests, who answers (urging.permissions): for every
persona of the cast, and each rule's list form (a Q) agreeing with its one-record form."""

import pytest
from django.contrib.auth.models import AnonymousUser

from nhiemvu.accounts.choices import Role
from nhiemvu.urging import permissions, services
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.models import ExplanationRequest, Urging
from nhiemvu.urging.tests.conftest import LATE_DAY
from tests.cast import PERSONAS as CAST_PERSONAS
from tests.factories import moment, person

pytestmark = pytest.mark.django_db

PERSONAS = [*CAST_PERSONAS, "forestry_officer", "district_officer", "inactive", "anonymous"]


@pytest.fixture
def people(cast):
    found = {name: getattr(cast, name) for name in PERSONAS if hasattr(cast, name)}
    found["forestry_officer"] = person(Role.FOCAL_OFFICER, cast.forestry, username="daumoi_kiemlam")
    found["district_officer"] = person(Role.FOCAL_OFFICER, cast.district, username="daumoi_dakha")
    found["inactive"] = person(Role.OFFICE_DESK, cast.province, username="nghi_huu", is_active=False)
    found["anonymous"] = AnonymousUser()
    return found


@pytest.fixture
def records(cast, tasks):
    """An urging and a request of the province about the Sở Nông nghiệp's overdue task, an
    urging and a request of the Sở about its Chi cục's part, a request to the Sở Tư pháp."""
    at = moment(LATE_DAY)
    urgings = {
        "province_to_agri": services.urge(
            by=cast.desk,
            at=at,
            unit=cast.agriculture_department,
            tasks=[tasks["overdue"]],
            kind=UrgingKind.REMINDER,
            text="Đề nghị khẩn trương",
        ),
        "agri_to_forestry": services.urge(
            by=cast.unit_leader,
            at=at,
            unit=cast.forestry,
            tasks=[tasks["child"]],
            kind=UrgingKind.REVIEW,
            text="Yêu cầu kiểm điểm",
        ),
    }
    asked = {
        "agri": services.request_explanation(
            by=cast.leader, at=at, task=tasks["overdue"], question="Vì sao?"
        ),
        "forestry": services.request_explanation(
            by=cast.unit_leader, at=at, task=tasks["child"], question="Vì sao?"
        ),
        "justice": services.request_explanation(
            by=cast.admin, at=at, task=tasks["justice"], question="Vì sao?"
        ),
    }
    return urgings, asked


SEES_URGINGS = {
    "desk": {"province_to_agri", "agri_to_forestry"},
    "leader": {"province_to_agri", "agri_to_forestry"},  # units, not fields
    "unit_leader": {"province_to_agri", "agri_to_forestry"},
    "focal_officer": {"province_to_agri", "agri_to_forestry"},
    "specialist": {"province_to_agri", "agri_to_forestry"},
    "other_officer": set(),
    "inspection": {"province_to_agri", "agri_to_forestry"},
    "viewer": {"province_to_agri", "agri_to_forestry"},
    "admin": {"province_to_agri", "agri_to_forestry"},
    "forestry_officer": {"agri_to_forestry"},
    "district_officer": set(),
    "inactive": set(),
    "anonymous": set(),
}
# Explanation requests follow their task's visibility (tracking.permissions.task_scope).
SEES_REQUESTS = {
    "desk": {"agri", "forestry", "justice"},
    "leader": {"agri", "forestry"},
    "unit_leader": {"agri", "forestry"},
    "focal_officer": {"agri", "forestry"},
    "specialist": {"agri", "forestry"},
    "other_officer": {"justice"},
    "inspection": {"agri", "forestry", "justice"},
    "viewer": {"agri", "forestry", "justice"},
    "admin": {"agri", "forestry", "justice"},
    "forestry_officer": {"forestry"},
    "district_officer": set(),
    "inactive": set(),
    "anonymous": set(),
}
# The unit asked, or a unit above it, through its leader or focal officer (seed 003 art. 6.3.a).
ANSWERS = {
    "desk": set(),
    "leader": set(),
    "unit_leader": {"agri", "forestry"},
    "focal_officer": {"agri", "forestry"},
    "specialist": set(),
    "other_officer": {"justice"},
    "inspection": set(),
    "viewer": set(),
    "admin": {"agri", "forestry", "justice"},
    "forestry_officer": {"forestry"},
    "district_officer": set(),
    "inactive": set(),
    "anonymous": set(),
}


def named(records, rows):
    names = {row.pk: name for name, row in records.items()}
    return [names[row.pk] for row in rows]


@pytest.mark.parametrize("who", PERSONAS)
def test_who_sees_which_urging_and_can_agrees_with_visible_to(who, people, records):
    urgings, _asked = records
    user = people[who]
    listed = named(urgings, Urging.objects.visible_to(user))
    assert set(listed) == SEES_URGINGS[who] and len(listed) == len(set(listed))
    for name, urging in urgings.items():
        assert permissions.can_view_urging(user, urging) == (name in SEES_URGINGS[who]), name


@pytest.mark.parametrize("who", PERSONAS)
def test_who_sees_which_explanation_request_and_can_agrees_with_visible_to(who, people, records):
    _urgings, asked = records
    user = people[who]
    listed = named(asked, ExplanationRequest.objects.visible_to(user))
    assert set(listed) == SEES_REQUESTS[who] and len(listed) == len(set(listed))
    for name, request in asked.items():
        assert permissions.can_view_explanation(user, request) == (name in SEES_REQUESTS[who]), name


@pytest.mark.parametrize("who", PERSONAS)
def test_the_unit_asked_answers_and_answerable_agrees_with_can_answer(who, people, records):
    _urgings, asked = records
    user = people[who]
    assert set(named(asked, ExplanationRequest.objects.filter(permissions.answerable(user)))) == ANSWERS[who]
    for name, request in asked.items():
        assert permissions.can_answer(user, request) == (name in ANSWERS[who]), name


def test_an_answered_request_waits_for_no_one(cast, records):
    _urgings, asked = records
    services.answer_explanation(asked["agri"], by=cast.focal_officer, at=moment(LATE_DAY, 10), answer="Lý do")
    pending = ExplanationRequest.objects.pending().filter(permissions.answerable(cast.focal_officer))
    assert list(pending) == [asked["forestry"]]
