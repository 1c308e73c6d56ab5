from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Who a user is in a unit (domain.md, "Who uses it")."""

    LEADER = "leader", _("Lãnh đạo")
    OFFICE_DESK = "office_desk", _("Chuyên viên văn phòng theo dõi")
    INSPECTION = "inspection", _("Tổ kiểm tra")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị")
    FOCAL_OFFICER = "focal_officer", _("Cán bộ đầu mối")
    SPECIALIST = "specialist", _("Chuyên viên")
    VIEWER = "viewer", _("Người xem")
    ADMIN = "admin", _("Quản trị hệ thống")


# Roles that follow up the tasks a unit assigns (the office side).
ASSIGNER_ROLES = frozenset({Role.LEADER, Role.OFFICE_DESK, Role.INSPECTION, Role.VIEWER})
# Roles that carry out the tasks a unit receives (the unit side).
PERFORMER_ROLES = frozenset({Role.UNIT_LEADER, Role.FOCAL_OFFICER, Role.SPECIALIST})
