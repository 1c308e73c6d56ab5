"""task_scope's indexable branches (issue 13) see exactly the tasks of the formula they
replaced: an OR of path prefixes across joins, kept here only as the reference."""

from datetime import date

from django.db.models import Exists, OuterRef, Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from nhiemvu.accounts.choices import ASSIGNER_ROLES, PERFORMER_ROLES, Role
from nhiemvu.accounts.permissions import role_assignments
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.permissions import sees_every_task_led_within, task_scope
from nhiemvu.units.choices import UnitKind
from tests.factories import FieldFactory, UnitFactory, UserFactory, make_task, with_role

ASSIGNED_ON = date(2024, 3, 4)
UNITS = 7
ROLES = [role for role in Role if role != Role.ADMIN]


def reference_scope(user) -> Q:
    """The formula before issue 13, for a non-administrator."""
    scope = Q(tracking_officer=user)
    for assignment in role_assignments(user):
        prefix = assignment.unit.path
        led = Q(lead_unit__path__startswith=prefix)
        field_ids = [field.pk for field in assignment.fields.all()]
        fields = (
            Q(field_id__in=field_ids)
            if assignment.role in {Role.LEADER, Role.OFFICE_DESK} and field_ids
            else Q()
        )
        if assignment.role in ASSIGNER_ROLES:
            scope |= (Q(assigning_unit__path__startswith=prefix) | led) & fields
        elif assignment.role in PERFORMER_ROLES:
            coordinated = Exists(
                Task.coordinating_units.through.objects.filter(
                    task=OuterRef("pk"), unit__path__startswith=prefix
                )
            )
            scope |= led | Q(coordinated)
    return scope


unit_index = st.integers(0, UNITS - 1)
task = st.fixed_dictionaries(
    {
        "lead": unit_index,
        "assigning": unit_index,
        "coordinating": st.sets(unit_index, max_size=3),
        "field": st.sampled_from([None, 0, 1]),
        "tracked": st.booleans(),
    }
)
assignment = st.tuples(st.sampled_from(ROLES), unit_index, st.sets(st.sampled_from([0, 1]), max_size=2))


class ScopeAgreesWithReference(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        parents=st.lists(st.integers(0, UNITS), min_size=UNITS - 1, max_size=UNITS - 1),
        tasks=st.lists(task, min_size=1, max_size=8),
        assignments=st.lists(assignment, max_size=4, unique_by=lambda a: (a[0], a[1])),
    )
    def test_the_same_tasks_on_random_trees_and_roles(self, parents, tasks, assignments):
        # Unit i + 1 hangs under an earlier unit (or starts a tree of its own): random forests.
        units = [UnitFactory(kind=UnitKind.PROVINCE)]
        for i, parent in enumerate(parents, start=1):
            units.append(UnitFactory(parent=units[parent] if parent < i else None))
        fields = [FieldFactory(), FieldFactory()]
        user = UserFactory()
        for spec in tasks:
            make_task(
                lead_unit=units[spec["lead"]],
                assigning_unit=units[spec["assigning"]],
                assigned_on=ASSIGNED_ON,
                coordinating_units=[units[i] for i in spec["coordinating"] - {spec["lead"]}],
                field=None if spec["field"] is None else fields[spec["field"]],
                tracking_officer=user if spec["tracked"] else None,
            )
        for role, unit, field_indexes in assignments:
            with_role(user, role, units[unit], [fields[i] for i in field_indexes])

        expected = set(Task.objects.filter(reference_scope(user)).values_list("pk", flat=True))
        seen = list(Task.objects.filter(task_scope(user)).values_list("pk", flat=True))
        assert len(seen) == len(set(seen))  # no task twice
        assert set(seen) == expected
        # A list narrowed to a unit's subtree drops the scope only where it sees all of it.
        for unit in units:
            led = set(Task.objects.filter(lead_unit__path__startswith=unit.path).values_list("pk", flat=True))
            if sees_every_task_led_within(user, unit):
                assert led <= expected
