"""Users and their roles, each scoped to a unit."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.choices import Role


class User(AbstractUser):
    """A person who signs in. What they may see and do comes from their RoleAssignments."""

    title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        """Vietnamese order: family name first ("Nguyễn Văn An")."""
        return f"{self.last_name} {self.first_name}".strip()


class RoleAssignment(models.Model):
    """`user` holds `role` in `unit` (and the units below it).

    For leaders and office desks, `fields` narrows the scope to the fields they oversee;
    empty means every field.
    """

    user = models.ForeignKey(User, models.CASCADE, related_name="roles", verbose_name=_("người dùng"))
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("đơn vị"),
    )
    fields = models.ManyToManyField("units.Field", blank=True, verbose_name=_("lĩnh vực phụ trách"))

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_once_per_unit"),
            models.CheckConstraint(
                condition=models.Q(role=Role.ADMIN) | models.Q(unit__isnull=False),
                name="role_needs_unit_unless_admin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit or ''}"


class DirectoryStamp(models.Model):
    """One row whose stamp is drawn anew with every change to users, their roles, units and
    fields (accounts.directory): the processes' caches of what follows from them are keyed
    on it, so a change made through any door is seen by every process at its commit."""

    stamp = models.BigIntegerField(default=0)
