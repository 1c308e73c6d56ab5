from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectiveType(models.TextChoices):
    DECISION = "QD", _("Quyết định")
    INSTRUCTION = "CT", _("Chỉ thị")
    OFFICIAL_LETTER = "CV", _("Công văn")
    NOTICE = "TB", _("Thông báo")
    TELEGRAM = "CD", _("Công điện")
    PLAN = "KH", _("Kế hoạch")
    RESOLUTION = "NQ", _("Nghị quyết")
    REPORT = "BC", _("Báo cáo")
    OTHER = "KHAC", _("Khác")


class SourceChannel(models.TextChoices):
    EOFFICE = "eoffice", _("Hệ thống quản lý văn bản (eOffice)")
    EMAIL = "email", _("Thư điện tử công vụ")
    PAPER = "paper", _("Văn bản giấy")
    GOVERNMENT = "government", _("Hệ thống theo dõi của Chính phủ")
    IMPORT = "import", _("Nhập từ tệp Excel/CSV")


class Secrecy(models.TextChoices):
    SECRET = "mat", _("Mật")
    TOP_SECRET = "toi_mat", _("Tối mật")
    ABSOLUTE_SECRET = "tuyet_mat", _("Tuyệt mật")
