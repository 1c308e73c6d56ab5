"""The shared cast (tests/cast.py) is what its docstring says, and each test starts from it afresh."""

from datetime import date

import pytest

from nhiemvu.tracking import permissions
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import Action
from nhiemvu.units.models import Unit
from tests.factories import make_task

pytestmark = pytest.mark.django_db


def test_the_cast_has_the_province_tree_of_its_docstring(cast):
    codes = sorted(Unit.objects.subtree_of(cast.province).values_list("code", flat=True))
    assert codes == ["KT", "KT.DH", "KT.DH.NN", "KT.SNN", "KT.SNN.CCKL", "KT.STC", "KT.STP", "KT.VP"]
    assert cast.forestry.is_within(cast.agriculture_department)
    assert cast.district_agriculture.is_within(cast.district)
    assert cast.agriculture_department.focal_officers.get().user == cast.focal_officer


def test_each_persona_acts_as_its_role_says_on_a_task_of_the_agriculture_department(cast):
    task = make_task(
        lead_unit=cast.agriculture_department,
        assigning_unit=cast.province,
        assigned_on=date(2018, 5, 2),
        due_on=date(2018, 6, 30),
        field=cast.agriculture,
    )
    may_complete = {
        name
        for name in ("unit_leader", "focal_officer", "specialist", "other_officer", "desk")
        if permissions.can(getattr(cast, name), Action.COMPLETE, task)
    }
    assert may_complete == {"unit_leader", "focal_officer"}
    assert permissions.can(cast.leader, Action.DECIDE_EXTENSION, task)
    assert permissions.can(cast.desk, Action.CANCEL, task)
    assert permissions.can_assign_from(cast.desk, cast.province, lead_unit=cast.district)
    seen_by = {
        name
        for name in ("desk", "leader", "inspection", "viewer", "specialist", "other_officer", "admin")
        if Task.objects.visible_to(getattr(cast, name)).filter(pk=task.pk).exists()
    }
    assert seen_by == {"desk", "leader", "inspection", "viewer", "specialist", "admin"}


def test_a_change_made_by_one_test_is_rolled_back_before_the_next_part_1(cast):
    cast.justice_department.name = "Sở Tư pháp (đổi tên trong một phép thử)"
    cast.justice_department.save()
    make_task(lead_unit=cast.justice_department, assigning_unit=cast.province, assigned_on=date(2018, 5, 2))
    assert Task.objects.count() == 1


def test_a_change_made_by_one_test_is_rolled_back_before_the_next_part_2(cast):
    assert cast.justice_department.name == "Sở Tư pháp"
    assert Unit.objects.get(code="KT.STP").name == "Sở Tư pháp"
    assert Task.objects.count() == 0


def test_personas_name_every_person_of_the_cast_in_order():
    from dataclasses import fields

    from nhiemvu.accounts.models import User
    from tests.cast import PERSONAS, Cast

    assert PERSONAS == [field.name for field in fields(Cast) if field.type in (User, "User")]
