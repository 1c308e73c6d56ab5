"""Directive documents, which assign tasks, and the register of secret ones."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nhiemvu.directives.choices import DirectiveType, Secrecy, SourceChannel
from nhiemvu.directives.numbering import validate_number_symbol
from nhiemvu.text import search_key


class DirectiveQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The directives `user` may see (directives.services.visible_directives decides)."""
        from nhiemvu.directives.services import visible_directives  # services reads these models

        return visible_directives(user, self)


class Directive(models.Model):
    """A document that assigns tasks (seed 003 art. 5.1.a, seed 004 art. 5.1.a).

    Never a secret document: those only get a SecretEntry.
    """

    doc_type = models.CharField(_("loại văn bản"), max_length=5, choices=DirectiveType.choices)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, validators=[validate_number_symbol])
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    issuer_unit = models.ForeignKey(
        "units.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_directives",
        verbose_name=_("đơn vị ban hành (trong hệ thống)"),
    )
    issued_on = models.DateField(_("ngày ban hành"))
    received_on = models.DateField(_("ngày nhận"), null=True, blank=True)
    # The unit whose office received the directive and assigns its tasks (seed 003 art. 6.1,
    # seed 004 art. 6.1): every desk of that office sees it waiting until it has tasks
    # (tracking.agenda). Empty only for history migration 0007 could not attribute.
    receiving_unit = models.ForeignKey(
        "units.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="received_directives",
        verbose_name=_("đơn vị tiếp nhận"),
    )
    summary = models.TextField(_("trích yếu"))
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    channel = models.CharField(_("nguồn tiếp nhận"), max_length=20, choices=SourceChannel.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), auto_now_add=True)
    # Number/symbol, issuer and summary without diacritics (text.search_key): the register's
    # search is one LIKE on both databases, neither of which folds Vietnamese letters.
    search_text = models.TextField(editable=False, default="")

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["-issued_on", "number_symbol"]
        constraints = [
            # Import: rows with the same number/symbol and issue date share one directive.
            # A number is the issuing body's own (Decree 30/2020 art. 15: numbered per body and
            # year): two provinces' "101/UBND-TH" of the same day are two directives.
            models.UniqueConstraint(
                fields=["number_symbol", "issued_on", "issuer"], name="directive_unique_per_issuer"
            ),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("issued_on")),
                name="directive_received_not_before_issued",
                violation_error_message=_("Ngày nhận không được trước ngày ban hành."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_symbol} ngày {self.issued_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("directive_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.search_text = self.compute_search_text()
        super().save(*args, **kwargs)

    def compute_search_text(self) -> str:
        return search_key(f"{self.number_symbol} {self.issuer} {self.summary}")


def attachment_path(attachment, filename: str) -> str:
    """A random ASCII name, kept in the data dir: the user's file name (kept in `name`) never
    becomes a path, and proxies' X-Accel-Redirect and X-Sendfile headers stay plain."""
    return f"directives/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class DirectiveAttachment(models.Model):
    """A file of a directive, stored under the data directory and served only by the
    download view to users who may see the directive (directives.attachments)."""

    directive = models.ForeignKey(Directive, models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp đính kèm"), upload_to=attachment_path)
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
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm văn bản")
        verbose_name_plural = _("tệp đính kèm văn bản")

    def __str__(self) -> str:
        return self.name


class SecretEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the users explicitly allowed see an entry (seed 003 art. 5.2, seed 004 art. 5.2)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(allowed_users=user)


class SecretEntry(models.Model):
    """A register line for a secret (mật, tối mật, tuyệt mật) document.

    Seed 003 art. 5.2 and seed 004 art. 5.2: the content of secret documents is never put on
    the system; only number, date, lead unit and due date are kept, for the allowed users.
    """

    secrecy = models.CharField(_("độ mật"), max_length=10, choices=Secrecy.choices)
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, validators=[validate_number_symbol])
    issued_on = models.DateField(_("ngày ban hành"))
    lead_unit = models.ForeignKey(
        "units.Unit", models.PROTECT, related_name="+", verbose_name=_("đơn vị chủ trì")
    )
    due_on = models.DateField(_("hạn xử lý"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    allowed_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="secret_entries", verbose_name=_("người được xem")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SecretEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("sổ theo dõi văn bản mật")
        verbose_name_plural = _("sổ theo dõi văn bản mật")
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        """Nothing of the entry itself: Django shows __str__ wherever an object is listed
        (the admin's delete confirmations, its log, error reports), to users who may not be
        on the entry's list (issue 12, finding 1)."""
        return gettext("Mục sổ theo dõi văn bản mật #%(pk)s") % {"pk": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("secret_entry_edit", args=[self.pk])
