"""The register of directives: what a user sees of it, filtered and searched, and a
directive's tasks with their progress. Plain functions, without HTTP."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from nhiemvu.directives.models import Directive
from nhiemvu.directives.services import visible_directives
from nhiemvu.text import search_key
from nhiemvu.tracking.choices import ACTIVE_OPEN, LIFECYCLE_BADGE, TIMELINESS_BADGE, Lifecycle
from nhiemvu.tracking.models import Task
from nhiemvu.tracking.status import timeliness


def _count(tasks):
    counted = tasks.filter(directive=OuterRef("pk")).order_by().values("directive")
    subquery = Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
    return Coalesce(subquery, Value(0))


def register(user, filters: dict | None = None):
    """The directives `user` may see (services.visible_directives), newest first, each with
    the number of its tasks the user may see and how many of those are still open.

    `filters` are RegisterFilterForm's cleaned data: `q` matched without diacritics against
    the number/symbol, issuer and summary; document type; issue and receipt date ranges;
    `open_tasks` "open" (some task still open) or "none_open"."""
    filters = filters or {}
    tasks = Task.objects.visible_to(user)
    directives = visible_directives(user).annotate(
        task_count=_count(tasks), open_count=_count(tasks.filter(lifecycle__in=ACTIVE_OPEN))
    )
    for word in search_key(filters.get("q") or "").split():
        directives = directives.filter(search_text__contains=word)
    if filters.get("doc_type"):
        directives = directives.filter(doc_type=filters["doc_type"])
    ranges = {
        "issued_on__gte": "issued_from",
        "issued_on__lte": "issued_to",
        "received_on__gte": "received_from",
        "received_on__lte": "received_to",
    }
    for lookup, name in ranges.items():
        if filters.get(name):
            directives = directives.filter(**{lookup: filters[name]})
    open_tasks = Exists(tasks.filter(directive=OuterRef("pk"), lifecycle__in=ACTIVE_OPEN))
    if filters.get("open_tasks") == "open":
        directives = directives.filter(open_tasks)
    elif filters.get("open_tasks") == "none_open":
        directives = directives.filter(~Q(open_tasks))
    return directives.order_by("-issued_on", "-pk")


@dataclass(frozen=True)
class TaskProgress:
    """A task as the directive's page shows it: lifecycle and timeliness as of `today`
    (tracking.status.timeliness), and its children's progress."""

    task: Task
    timeliness: str
    timeliness_label: str
    timeliness_badge: str
    lifecycle_badge: str
    children: int
    children_completed: int


def tasks_progress(user, directive: Directive, today: date) -> list[TaskProgress]:
    """The directive's tasks `user` may see, in the order they were assigned; two queries."""
    tasks = (
        Task.objects.visible_to(user)
        .filter(directive=directive)
        .select_related("lead_unit", "field", "tracking_officer")
        .prefetch_related("coordinating_units")
        .annotate(
            children_total=Count("children", filter=~Q(children__lifecycle=Lifecycle.CANCELLED)),
            children_done=Count("children", filter=Q(children__lifecycle=Lifecycle.COMPLETED)),
        )
        .order_by("assigned_on", "pk")
    )
    rows = []
    for task in tasks:
        state = timeliness(due=task.due_in_force, completed=task.completed_on, as_of=today)
        rows.append(
            TaskProgress(
                task=task,
                timeliness=state,
                timeliness_label=state.label,
                timeliness_badge=TIMELINESS_BADGE[state],
                lifecycle_badge=LIFECYCLE_BADGE[task.lifecycle],
                children=task.children_total,
                children_completed=task.children_done,
            )
        )
    return rows
