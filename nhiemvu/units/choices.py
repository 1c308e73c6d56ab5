from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("Chính phủ")
    MINISTRY = "ministry", _("Bộ, ngành Trung ương")
    PROVINCE = "province", _("Tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("Huyện, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    SUB_UNIT = "sub_unit", _("Đơn vị thuộc, trực thuộc")
    OFFICE = "office", _("Văn phòng")
    DESK = "desk", _("Phòng theo dõi")
    OTHER = "other", _("Khác")
