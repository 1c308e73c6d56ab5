# The receiving unit of the directives recorded before 0006, in a migration of its own:
# PostgreSQL cannot build 0006's index on a table with the fill's pending foreign-key checks.

from collections import defaultdict

from django.db import migrations
from django.db.models import OuterRef, Subquery

# The roles that enter directives and assign on behalf of their own unit
# (tracking.permissions._ASSIGNER_ACTIONS[ASSIGN]), as they were when this was written.
ENTERING_ROLES = ("office_desk", "unit_leader", "focal_officer")


def fill_receiving_unit(apps, schema_editor):
    """The unit whose office received each directive already recorded, from what is known:

    1. the unit that assigned its first task: the office that assigned the tasks is the one
       that received the directive (one UPDATE);
    2. for a directive with no task yet, the unit in which the user who entered it may
       assign, when there is exactly one such unit (the entering desk's unit, as the entry
       form defaults to it);
    3. else none: imported or system rows without tasks, or entered by a user with roles in
       several units or none (an administrator), are not guessed at; administrators still
       see them. The issuer is not used: a unit's directives go to others, not to itself.
    """
    Directive = apps.get_model("directives", "Directive")
    Task = apps.get_model("tracking", "Task")
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    first_assigner = Task.objects.filter(directive=OuterRef("pk")).order_by("pk").values("assigning_unit")[:1]
    Directive.objects.filter(receiving_unit__isnull=True).update(receiving_unit=Subquery(first_assigner))
    entering_units = defaultdict(set)
    assignments = RoleAssignment.objects.filter(role__in=ENTERING_ROLES, unit__isnull=False)
    for user_id, unit_id in assignments.values_list("user_id", "unit_id"):
        entering_units[user_id].add(unit_id)
    unattributed = Directive.objects.filter(receiving_unit__isnull=True, created_by__isnull=False)
    for user_id in set(unattributed.values_list("created_by", flat=True)):
        if len(entering_units[user_id]) == 1:
            [unit_id] = entering_units[user_id]
            unattributed.filter(created_by=user_id).update(receiving_unit=unit_id)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_initial'),
        ('directives', '0006_directive_receiving_unit'),
        ('tracking', '0007_open_by_due_lifecycle'),
    ]

    operations = [
        migrations.RunPython(fill_receiving_unit, migrations.RunPython.noop, elidable=True),
    ]
