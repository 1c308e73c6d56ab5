from django.db import models
from django.utils.translation import gettext_lazy as _


class Lifecycle(models.TextChoices):
    """Where a task is in its life (seed 003 art. 5.1.e, seed 004 art. 5.1.đ)."""

    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    EXTENSION_REQUESTED = "extension_requested", _("Đang xin gia hạn")
    RETURNED = "returned", _("Đã chuyển trả")
    COMPLETED = "completed", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


# Open and in the hands of its lead unit: what reports count as open and lists show as due.
ACTIVE_OPEN = (Lifecycle.NOT_STARTED, Lifecycle.IN_PROGRESS, Lifecycle.EXTENSION_REQUESTED)
# Not counted against any unit: cancelled, or sent back to the office awaiting reassignment.
NOT_COUNTED = (Lifecycle.RETURNED, Lifecycle.CANCELLED)

LIFECYCLE_BADGE = {
    Lifecycle.NOT_STARTED: "secondary",
    Lifecycle.IN_PROGRESS: "primary",
    Lifecycle.EXTENSION_REQUESTED: "warning",
    Lifecycle.RETURNED: "info",
    Lifecycle.COMPLETED: "success",
    Lifecycle.CANCELLED: "dark",
}


class Timeliness(models.TextChoices):
    """Timeliness against the due date in force at the moment asked (domain.md, Status)."""

    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành quá hạn")
    OPEN_NOT_DUE = "open_not_due", _("Chưa hoàn thành, trong hạn")
    OPEN_NO_DEADLINE = "open_no_deadline", _("Chưa hoàn thành, không hạn")
    OPEN_OVERDUE = "open_overdue", _("Chưa hoàn thành, trễ hạn")


TIMELINESS_BADGE = {
    Timeliness.DONE_ON_TIME: "success",
    Timeliness.DONE_LATE: "warning",
    Timeliness.OPEN_NOT_DUE: "primary",
    Timeliness.OPEN_NO_DEADLINE: "secondary",
    Timeliness.OPEN_OVERDUE: "danger",
}


class EventKind(models.TextChoices):
    ASSIGNED = "assigned", _("Giao nhiệm vụ")
    ACCEPTED = "accepted", _("Tiếp nhận")
    PROGRESS = "progress", _("Cập nhật tiến độ")
    EXTENSION_REQUESTED = "extension_requested", _("Xin gia hạn")
    EXTENSION_APPROVED = "extension_approved", _("Đồng ý gia hạn")
    EXTENSION_REJECTED = "extension_rejected", _("Không đồng ý gia hạn")
    RETURNED = "returned", _("Chuyển trả")
    REASSIGNED = "reassigned", _("Giao lại")
    COMPLETED = "completed", _("Hoàn thành")
    REOPENED = "reopened", _("Mở lại")
    CANCELLED = "cancelled", _("Hủy nhiệm vụ")
    # A coordinating unit reports what it did (seed 003 art. 10.2.b); the state stays as it is.
    CONTRIBUTED = "contributed", _("Kết quả phối hợp")


class EventSource(models.TextChoices):
    APP = "app", _("Cập nhật trên hệ thống")
    IMPORT = "import", _("Nhập từ tệp")
    SYSTEM = "system", _("Hệ thống tự động")
