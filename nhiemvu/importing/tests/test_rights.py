"""Every imported row follows the rule of the services: a unit assigns only to itself and the
units below it (tracking.permissions.can_assign_from; issue 12 #7)."""

import pytest

from nhiemvu.accounts.choices import Role
from nhiemvu.importing.errors import ImportRejected
from nhiemvu.importing.services import import_tasks
from nhiemvu.importing.tests.conftest import TODAY, row
from nhiemvu.tracking.choices import EventSource
from nhiemvu.tracking.models import Task, TaskEvent
from tests.factories import UnitFactory, person

pytestmark = pytest.mark.django_db


def test_a_sub_unit_does_not_assign_to_another_department(units, write_file):
    with pytest.raises(ImportRejected) as rejected:
        import_tasks(write_file([row(lead="Sở Tư pháp")]), today=TODAY, assigning_unit="STC")
    (issue,) = rejected.value.issues
    assert issue.row == 2 and "“Sở Tài chính” không giao nhiệm vụ cho “Sở Tư pháp”" in str(issue)
    assert not Task.objects.exists()


def test_the_government_is_not_a_lead_unit_under_a_province(units, write_file):
    UnitFactory(code="CP", name="Chính phủ", kind="other")
    with pytest.raises(ImportRejected, match="không giao nhiệm vụ cho “Chính phủ”"):
        import_tasks(write_file([row(lead="Chính phủ")]), today=TODAY)


def test_an_office_desk_imports_for_its_own_unit(units, write_file):
    desk = person(Role.OFFICE_DESK, units["province"])
    import_tasks(write_file([row()]), today=TODAY, by=desk)
    event = TaskEvent.objects.get()
    assert (event.actor, event.source) == (desk, EventSource.IMPORT)
    assert Task.objects.get().directive.created_by == desk


def test_a_user_without_an_assigning_role_is_refused(units, write_file):
    specialist = person(Role.SPECIALIST, units["province"])
    with pytest.raises(ImportRejected, match="bạn không có quyền giao nhiệm vụ thay mặt “UBND tỉnh Kon Tum”"):
        import_tasks(write_file([row()]), today=TODAY, by=specialist)
    assert not Task.objects.exists()


def test_a_departments_desk_may_not_import_for_the_province(units, write_file):
    desk = person(Role.OFFICE_DESK, units["noi_vu"])
    with pytest.raises(ImportRejected, match="bạn không có quyền"):
        import_tasks(write_file([row()]), today=TODAY, by=desk)


def test_an_administrator_assigns_across_the_tree(units, write_file):
    """can_assign_from: only administrators enter tasks across the tree (Government → province, seed 004)."""
    UnitFactory(code="CP", name="Chính phủ", kind="other")
    admin = person(Role.ADMIN, None)
    import_tasks(write_file([row(lead="Chính phủ")]), today=TODAY, by=admin)
    assert Task.objects.get().lead_unit.code == "CP"
