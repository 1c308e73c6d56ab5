"""The task needs of every unit at once: for each unit, how many tasks of a rule its leader
and focal officer see, and the first of them, in a few statements instead of a dozen queries
per recipient.

It is tracking.agenda.needs restated for many recipients, as reports.services restates the
status engine: the same rule (agenda.conditions, the same querysets) over the same scope.
A unit leader's or focal officer's scope (tracking.permissions.task_scope, performing side)
is the tasks their unit or a unit below it leads or coordinates; what they may accept
(actionable ACCEPT) is what such a unit leads. Each task is attached to the unit that leads
or coordinates it and to every unit above that one (read from the materialised path), so
that a unit's count is one GROUP BY. tests/test_unit_lists.py checks the two agree.
Recipients whose scope has more to it (a tracking officer, roles in several units, an
assigning-side role) are decided one by one through agenda.needs (reminders.decide).
"""

from collections import defaultdict

from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import Length

from nhiemvu.tracking.models import Task
from nhiemvu.units.models import PATH_STEP, Unit

SEGMENT = PATH_STEP + 1  # digits and the slash
DEEPEST = 16  # levels of the unit tree considered; deeper trees are refused


def first_tasks(rule: QuerySet, *, coordinated: bool, limit: int) -> dict[int, tuple[int, list[int]]]:
    """{unit id: (count, ids of the first `limit` tasks in the rule's order)} for every unit
    with at least one task of `rule` led (and, if `coordinated`, coordinated) by it or by a
    unit below it."""
    _require_shallow_tree()
    order = [field.lstrip("-") for field in rule.query.order_by]
    if any(field.startswith("-") for field in rule.query.order_by) or order[-1] != "id":
        raise ValueError(f"first_tasks needs an ascending order ending with id, not {rule.query.order_by}")
    keys = order[:-1]
    branches = [rule.order_by().values_list("id", "lead_unit_id", *keys)]
    if coordinated:
        through = Task.coordinating_units.through.objects.filter(task_id__in=rule.order_by().values("id"))
        branches.append(through.values_list("task_id", "unit_id", *[f"task__{key}" for key in keys]))
    compiled = [branch.query.sql_with_params() for branch in branches]
    # The SQL is put together from Django's compilation of the rule and fixed names; every
    # value (dates, lifecycles, the limit) is a parameter.
    ruled = " UNION ALL ".join(
        f"SELECT * FROM ({sql}) AS branch{n}"  # noqa: S608
        for n, (sql, _) in enumerate(compiled)
    )
    params = [param for _, branch_params in compiled for param in branch_params]
    key_order = ", ".join([*(f"k{n}" for n in range(len(keys))), "task_id"])
    levels = " UNION ALL ".join(f"SELECT {n}" for n in range(1, DEEPEST + 1))
    unit = Unit._meta.db_table
    select_keys = "".join(f", ruled.k{n}" for n in range(len(keys)))
    sql = f"""
        WITH ruled (task_id, unit_id{"".join(f", k{n}" for n in range(len(keys)))}) AS ({ruled}),
        levels (n) AS ({levels}),
        hits AS (
            SELECT DISTINCT scope.id AS scope_id, ruled.task_id{select_keys}
            FROM ruled
            JOIN {unit} holder ON holder.id = ruled.unit_id
            JOIN levels ON length(holder.path) >= levels.n * {SEGMENT}
            JOIN {unit} scope ON scope.path = substr(holder.path, 1, levels.n * {SEGMENT})
        ),
        ranked AS (
            SELECT scope_id, task_id,
                   COUNT(*) OVER (PARTITION BY scope_id) AS total,
                   ROW_NUMBER() OVER (PARTITION BY scope_id ORDER BY {key_order}) AS place
            FROM hits
        )
        SELECT scope_id, total, task_id FROM ranked WHERE place <= %s ORDER BY scope_id, place
    """  # noqa: S608
    totals, firsts = {}, defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        for scope_id, total, task_id in cursor.fetchall():
            totals[scope_id] = total
            firsts[scope_id].append(task_id)
    return {scope_id: (total, firsts[scope_id]) for scope_id, total in totals.items()}


def _require_shallow_tree() -> None:
    """The levels joined are a fixed list: refuse a tree deeper than it rather than miss units."""
    if Unit.objects.annotate(length=Length("path")).filter(length__gt=DEEPEST * SEGMENT).exists():
        raise ValueError(f"the unit tree is deeper than {DEEPEST} levels")
