from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    IN_APP = "in_app", _("Thông báo trong hệ thống")
    WEBHOOK = "webhook", _("Cổng tin nhắn (SMS/Zalo)")


class Rule(models.TextChoices):
    """Why a reminder is sent. The first seven are tracking.agenda's needs, with their values."""

    TO_ACCEPT = "to_accept", _("Nhiệm vụ mới chưa tiếp nhận quá thời hạn")
    OVERDUE = "overdue", _("Nhiệm vụ trễ hạn")
    DUE_SOON = "due_soon", _("Nhiệm vụ sắp đến hạn")
    RESULT_NOT_RECORDED = "result_not_recorded", _("Quá 02 ngày làm việc sau hạn chưa báo cáo kết quả")
    EXTENSION_WAITING = "extension_waiting", _("Đề nghị gia hạn chờ quyết định")
    RETURNED_TO_REASSIGN = "returned_to_reassign", _("Nhiệm vụ bị chuyển trả chờ giao lại")
    DIRECTIVE_TO_ASSIGN = "directive_to_assign", _("Văn bản đã nhận quá 01 ngày làm việc chưa giao nhiệm vụ")
    MONTHLY_UPDATE = "monthly_update", _("Hạn cập nhật tình hình thực hiện hằng tháng")
    REPORT_DEADLINE = "report_deadline", _("Hạn gửi báo cáo định kỳ")
    # An urging the unit received (urging.services.urge): decided with the urging itself.
    URGED = "urged", _("Đơn vị được đôn đốc")


class ReportKind(models.TextChoices):
    """The periodic reports whose deadlines are reminded (settings.REMINDER_REPORT_DATES)."""

    GOVERNMENT = "government", _("Báo cáo kết quả thực hiện nhiệm vụ do Chính phủ, Thủ tướng Chính phủ giao")
    DEPARTMENT = "department", _("Báo cáo 6 tháng, năm của Sở về kết quả thực hiện nhiệm vụ UBND tỉnh giao")


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")
