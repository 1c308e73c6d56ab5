"""Tasks and their append-only events.

The task row keeps the current state (lead unit, due date in force, completion, lifecycle),
written only by tracking.services in the same transaction as the event that changed it, so
lists and reports of "now" read task rows alone. Each event keeps the state it led to, so a
report "as of" a past moment reads, for the few tasks changed since, their last event
recorded by then.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models, router, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import EARLIEST_DATE
from nhiemvu.reports.stored_months import changing_the_past, forget_from
from nhiemvu.tracking import permissions
from nhiemvu.tracking.choices import ACTIVE_OPEN, EventKind, EventSource, Lifecycle


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The tasks `user` may see (tracking.permissions is the one place that decides)."""
        return self.filter(permissions.task_scope(user))

    def active_open(self):
        return self.filter(lifecycle__in=ACTIVE_OPEN)

    def overdue(self, *, as_of):
        """Open and past the due date in force: overdue from the day after it (domain.md).

        `completed_on IS NULL` repeats what active_open implies so that the partial index
        task_open_by_due applies: its condition has no parameters, which SQLite requires.
        """
        return self.active_open().filter(completed_on__isnull=True, due_in_force__lt=as_of)

    def led_by_subtree(self, unit):
        return self.filter(lead_unit__path__startswith=unit.path)


class Task(models.Model):
    """One piece of work of a directive (seed 003 art. 5.1, seed 004 art. 5.1)."""

    directive = models.ForeignKey(
        "directives.Directive", models.PROTECT, related_name="tasks", verbose_name=_("văn bản chỉ đạo")
    )
    content = models.TextField(_("nội dung nhiệm vụ"))
    assigning_unit = models.ForeignKey(
        "units.Unit", models.PROTECT, related_name="assigned_tasks", verbose_name=_("đơn vị giao")
    )
    lead_unit = models.ForeignKey(
        "units.Unit", models.PROTECT, related_name="led_tasks", verbose_name=_("đơn vị chủ trì")
    )
    coordinating_units = models.ManyToManyField(
        "units.Unit", blank=True, related_name="coordinated_tasks", verbose_name=_("đơn vị phối hợp")
    )
    tracking_desk = models.ForeignKey(
        "units.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phòng theo dõi"),
    )
    tracking_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="tracked_tasks",
        verbose_name=_("chuyên viên theo dõi"),
    )
    field = models.ForeignKey(
        "units.Field", models.PROTECT, null=True, blank=True, verbose_name=_("lĩnh vực")
    )
    is_key = models.BooleanField(_("nhiệm vụ trọng tâm"), default=False)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("nhiệm vụ cấp trên"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    assigned_on = models.DateField(_("ngày giao"))
    due_on = models.DateField(_("hạn xử lý ban đầu"), null=True, blank=True)
    # Current state, written by tracking.services with the event that changed it.
    due_in_force = models.DateField(_("hạn xử lý"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    lifecycle = models.CharField(_("trạng thái"), max_length=20, choices=Lifecycle.choices)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    assignment_recorded_at = models.DateTimeField(_("thời điểm giao trên hệ thống"))
    state_recorded_at = models.DateTimeField(_("thời điểm cập nhật trạng thái"))
    completion_recorded_at = models.DateTimeField(_("thời điểm cập nhật hoàn thành"), null=True, blank=True)
    # Same directive, unit, date and content: the same task (makes re-imports idempotent).
    fingerprint = models.CharField(max_length=64, editable=False)
    # Content and directive number/symbol as search compares them (nhiemvu.text.search_key),
    # written by tracking.building.build_task; on PostgreSQL a trigram index (migration 0006)
    # keeps a substring search fast at a million tasks.
    search_text = models.TextField(editable=False, default="")

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["-assigned_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "fingerprint"], name="task_unique_per_directive"),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=F("assigned_on")),
                name="task_due_not_before_assigned",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("assigned_on")),
                name="task_completed_not_before_assigned",
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="task_percent_at_most_100"),
        ]
        indexes = [
            # Per-unit report (appendix 02): covers every column it counts, both databases.
            models.Index(
                fields=[
                    "assigned_on",
                    "lead_unit",
                    "lifecycle",
                    "due_in_force",
                    "completed_on",
                    "state_recorded_at",
                    "assignment_recorded_at",
                    "id",
                ],
                name="task_report_cover",
            ),
            # Overdue and due-soon lists: open tasks by due date; with the lifecycle, the
            # overdue count (lifecycle IN active_open) is an index-only scan.
            models.Index(
                fields=["due_in_force", "id", "lifecycle"],
                name="task_open_by_due",
                condition=Q(completed_on__isnull=True, due_in_force__isnull=False),
            ),
            # The task list's default order (newest assigned first, the id breaking ties),
            # walked backwards for a long list: the national first page reads its 51 rows
            # instead of incrementally sorting a day's ~1,000 (tracking.paging; 24–27 → ~1 ms
            # at 1M on PostgreSQL under load, bench/README.md).
            models.Index(fields=["assigned_on", "id"], name="task_newest_first"),
            # The emulation figures' overdue tasks at each month's end (reports.emulation.
            # overdue_by_unit): open tasks past a due date, counted per lead unit as known at a
            # moment, an index-only scan instead of reading each open task's row.
            models.Index(
                fields=["due_in_force", "lead_unit", "state_recorded_at", "lifecycle"],
                name="task_open_by_due_unit",
                condition=Q(completed_on__isnull=True, due_in_force__isnull=False),
            ),
            # Whether anything changed after a report's moment: MAX() from the index's end.
            # And the tasks of a period changed since a past moment, whose events in force then
            # hold their state (reports.services.counts_by, reports.delays.completed_after:
            # state_recorded_at > moment AND assigned_on BETWEEN … AND assignment_recorded_at
            # <= moment, the ids): index-only over the tasks changed since, rather than reading
            # each one's row to check its period (2025 as of 30/06/2026 at 1M: 172,000 rows read
            # for 1,554 kept, 335 ms under load, bench/README.md).
            models.Index(
                fields=["state_recorded_at", "assigned_on", "assignment_recorded_at", "id"],
                name="task_changed_since",
            ),
            # The same report for a few units (a user's scope): lead unit first.
            models.Index(
                fields=[
                    "lead_unit",
                    "assigned_on",
                    "lifecycle",
                    "due_in_force",
                    "completed_on",
                    "state_recorded_at",
                    "assignment_recorded_at",
                    "id",
                ],
                name="task_lead_assigned",
            ),
            # Appendix 01 (reports.appendix01._open_at), the tasks unchanged since the moment:
            # the open tasks an assigning unit gave a unit of the scope, ~40 rows read rather
            # than a bitmap of all the assigning unit's tasks ANDed with its open ones.
            models.Index(
                fields=["assigning_unit", "lead_unit"],
                name="task_open_by_assigner",
                condition=Q(completed_on__isnull=True),
            ),
            # Appendix 01 as of a past moment, the tasks changed since: an assigning unit's
            # tasks recorded after the moment (~500 of the Government's 12,800 at 1M), whose
            # events in force then are then read by event_task_recorded.
            models.Index(fields=["assigning_unit", "state_recorded_at"], name="task_assigner_changed"),
            # A task's sub-tasks in order on its page (tracking.views.task_detail); only delegated
            # tasks have a parent. SQLite, whose statistics of the parent_id index count the NULLs,
            # walked task_newest_first over all 1M tasks for them instead (~450 ms).
            models.Index(
                fields=["parent", "assigned_on", "id"],
                name="task_children",
                condition=Q(parent__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    def get_absolute_url(self) -> str:
        return reverse("tracking:task_detail", args=[self.pk])


class TaskEventQuerySet(models.QuerySet):
    """Events are written by TaskEvent.save and bulk_create alone, and deleted only with the
    demo's tasks: each way forgets the stored emulation months they may change
    (reports.stored_months)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        earliest = min((event.recorded_at for event in objs), default=None)
        with changing_the_past(earliest, using=self.db):
            return super().bulk_create(objs, *args, **kwargs)

    def delete(self):
        with transaction.atomic(using=self.db, savepoint=False):
            forget_from(EARLIEST_DATE, using=self.db)
            return super().delete()


class TaskEvent(models.Model):
    """Something that happened to a task. Never changed nor deleted: the audit trail (only
    the derived `superseded_at` is filled in, once, when the next event is appended).

    `effective_on` is when it took effect (the completion date on the result document, the
    decision date of an extension); `recorded_at` is when the system learned it, the time
    "as of" reports go by. Imported history is recorded on its effective date (domain.md).
    The snapshot columns hold the task's state right after this event; `superseded_at` is
    when the task's next event was recorded, so the snapshot was the task's state from
    `recorded_at` until then (null: it still is).
    """

    # Indexed by event_task_recorded, which starts with the task.
    task = models.ForeignKey(
        Task, models.PROTECT, related_name="events", db_index=False, verbose_name=_("nhiệm vụ")
    )
    kind = models.CharField(_("loại"), max_length=24, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    source = models.CharField(_("nguồn"), max_length=10, choices=EventSource.choices, default=EventSource.APP)
    effective_on = models.DateField(_("ngày hiệu lực"))
    recorded_at = models.DateTimeField(_("thời điểm cập nhật"))
    inserted_at = models.DateTimeField(_("thời điểm ghi vào cơ sở dữ liệu"), auto_now_add=True)
    note = models.TextField(_("nội dung"), blank=True)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    proposed_due = models.DateField(_("thời hạn đề xuất"), null=True, blank=True)
    result_document = models.CharField(_("văn bản kết quả"), max_length=255, blank=True)
    # The coordinating unit a contribution is for (seed 003 art. 10.2.b); only contributions have one.
    contributing_unit = models.ForeignKey(
        "units.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        db_index=False,  # almost always null: the partial index event_contribution_unit
        related_name="+",
        verbose_name=_("đơn vị phối hợp"),
    )
    # Snapshot: the state after this event.
    lead_unit = models.ForeignKey(
        "units.Unit", models.PROTECT, related_name="+", verbose_name=_("đơn vị chủ trì")
    )
    due_in_force = models.DateField(_("hạn xử lý"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    lifecycle = models.CharField(_("trạng thái"), max_length=20, choices=Lifecycle.choices)
    # Derived, like the task row's state: the one column written after the insert, once,
    # in the transaction that appends the task's next event.
    superseded_at = models.DateTimeField(
        _("thời điểm có diễn biến tiếp theo"), null=True, blank=True, editable=False
    )

    objects = TaskEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("diễn biến nhiệm vụ")
        verbose_name_plural = _("diễn biến nhiệm vụ")
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=EventKind.CONTRIBUTED, contributing_unit__isnull=False)
                | (~Q(kind=EventKind.CONTRIBUTED) & Q(contributing_unit__isnull=True)),
                name="event_contribution_names_its_unit",
            ),
        ]
        indexes = [
            # A task's history in order.
            models.Index(fields=["task", "recorded_at", "id"], name="event_task_recorded"),
            # "As of" reports: the snapshots in force at a moment that were superseded
            # after it (recorded_at <= moment < superseded_at), with the columns counted. The
            # emulation's overdue events read it in slices, superseded between two month ends
            # (reports.emulation.overdue_by_unit), every condition in the index.
            models.Index(
                fields=[
                    "superseded_at",
                    "recorded_at",
                    "task",
                    "lead_unit",
                    "due_in_force",
                    "completed_on",
                    "lifecycle",
                ],
                name="event_superseded",
                condition=Q(superseded_at__isnull=False),
            ),
            # Completions by the day they were recorded: the results recorded late in a period
            # (reports.delays.late_result_records) and those recorded after a report's moment
            # (reports.delays.completed_after), index-only, without the other kinds of event.
            models.Index(
                fields=["recorded_at", "lead_unit", "due_in_force", "effective_on", "task"],
                name="event_completed_recorded",
                condition=Q(kind=EventKind.COMPLETED),
            ),
            # The completions that took effect after the due date in force, by that day: the
            # emulation figures' tasks completed late in each month (reports.emulation.
            # completed_late_by_month: kind = completed AND due_in_force < effective_on AND
            # effective_on BETWEEN … AND recorded_at <= …, GROUP BY lead_unit), index-only over
            # the ~17 % of completions that were late rather than every completion of the period.
            models.Index(
                fields=["effective_on", "recorded_at", "lead_unit"],
                name="event_completed_late",
                condition=Q(kind=EventKind.COMPLETED, due_in_force__lt=F("effective_on")),
            ),
            # Returns in a period, per returning unit as recorded by a moment (reports.urgings
            # returned_counts: kind = returned AND effective_on BETWEEN … AND recorded_at <= …,
            # GROUP BY lead_unit): index-only over the few returns, not the events of a year.
            models.Index(
                fields=["effective_on", "recorded_at", "lead_unit", "task"],
                name="event_returned_effective",
                condition=Q(kind=EventKind.RETURNED),
            ),
            # The contributions of a unit (and the unit's PROTECT check), without the nulls.
            models.Index(
                fields=["contributing_unit"],
                name="event_contribution_unit",
                condition=Q(contributing_unit__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.recorded_at:%d/%m/%Y %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Task events are append-only: an event is never changed.")
        with changing_the_past(self.recorded_at, using=kwargs.get("using") or router.db_for_write(TaskEvent)):
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Task events are append-only: an event is never deleted.")


def event_attachment_path(attachment, filename: str) -> str:
    """A random ASCII name under tasks/, as directives' files (directives.models.attachment_path)."""
    return f"tasks/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class TaskEventAttachment(models.Model):
    """A file attached to a progress update or completion: the issued or signed document
    (seed 000 III.1). Stored under the data directory, served only by the download view to
    users who may see the task (tracking.attachments)."""

    event = models.ForeignKey(TaskEvent, models.PROTECT, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to=event_attachment_path)
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100, default="", editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.name
