"""Units: the tree of organisations that assign and carry out tasks."""

from operator import itemgetter

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from nhiemvu.db import fetch_rows
from nhiemvu.text import normalise_text, search_key
from nhiemvu.units.choices import UnitKind

PATH_STEP = 10  # digits per level in Unit.path: 10**10 ids per level


def name_key(name: str) -> str:
    """How unit names are matched: whatever the case, spacing or Unicode form (files made on
    a Mac may decompose Vietnamese letters). Compared in Python, because SQLite's iexact
    folds ASCII only: "NÔNG THÔN" would not find "nông thôn"."""
    return normalise_text(name).casefold()


class UnitQuerySet(models.QuerySet):
    def active_on(self, day):
        """Units that existed on `day` (a report of a past period shows the units of then)."""
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_until__isnull=True) | Q(active_until__gte=day)
        )

    def subtree_of(self, unit: "Unit"):
        """The unit itself and every unit below it, one index range scan on `path`."""
        return self.filter(path__startswith=unit.path)

    def labels_in_tree_order(self, unit_ids, day) -> list[tuple[int, str]]:
        """(pk, name on `day`) of the units `unit_ids`, each after its parent and siblings by
        (sort_order, name), as appendix 02 lists them.

        Reads every unit's plain values and the renames after `day` (two queries of short
        rows) and walks the tree once: for reports over thousands of units this costs less
        than IN lists of their ids.
        """
        units = fetch_rows(self.order_by().values_list("pk", "parent_id", "sort_order", "name"))
        children: dict[int | None, list[tuple]] = {}
        for unit in units:
            children.setdefault(unit[1], []).append(unit)
        renamed: dict[int, str] = {}
        for unit_id, name in (
            UnitName.objects.filter(until__gte=day).order_by("-until").values_list("unit_id", "name")
        ):
            if unit_id in unit_ids:
                renamed[unit_id] = name  # the earliest rename after `day` wins

        # Depth first, siblings by (sort_order, name, id), each family sorted as it is reached
        # (many short sorts cost less than one of every unit); units whose parent is not loaded
        # lead.
        siblings_order = itemgetter(2, 3, 0)
        loaded = {unit[0] for unit in units}
        stack = [unit for parent, below in children.items() if parent not in loaded for unit in below]
        stack.sort(key=siblings_order, reverse=True)
        labels = []
        while stack:
            pk, _parent, _order, name = stack.pop()
            if pk in unit_ids:
                labels.append((pk, renamed.get(pk, name)))
            below = children.get(pk)
            if below:  # most units are leaves
                below.sort(key=siblings_order, reverse=True)
                stack += below
        return labels


class Unit(models.Model):
    """An organisation in the hierarchy (seed 000 appendix 02 lists 30 of them).

    A unit is never deleted: when it is merged, split or dissolved its `active_until` is
    set and its successors (UnitSuccession) take over, its default successor receiving its
    open tasks (units.services), so reports of past periods still show it.
    """

    code = models.CharField(_("mã đơn vị"), max_length=50, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    # Materialised path of zero-padded ids, root first: subtree filters are a prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    active_from = models.DateField(_("hoạt động từ ngày"), null=True, blank=True)
    active_until = models.DateField(_("hoạt động đến ngày"), null=True, blank=True)
    scored_for_reform = models.BooleanField(_("chấm điểm cải cách hành chính"), default=False)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    # Name, short name and code without diacritics (text.search_key), name first: the unit
    # picker's search is one LIKE on both databases, neither of which folds Vietnamese.
    search_name = models.CharField(max_length=400, editable=False, default="")

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="unit_active_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = self.compute_search_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "short_name", "code"} & set(update_fields):
            kwargs["update_fields"] = [*update_fields, "search_name"]  # a rename: the key follows
        if self.path and self.parent_id is not None and self.parent.path.startswith(self.path):
            # The new parent is the unit itself or below it: the tree would become a loop.
            raise ValidationError(
                _("Đơn vị cấp trên không được là chính đơn vị hoặc đơn vị cấp dưới của nó.")
            )
        # One transaction: the directory's new stamp (accounts.directory, drawn on post_save)
        # is seen together with the subtree's new paths, never before them.
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(Unit)):
            super().save(*args, **kwargs)
            new_path = self.compute_path()
            if new_path != self.path:
                old_path, self.path = self.path, new_path
                Unit.objects.filter(pk=self.pk).update(path=new_path)
                if old_path:  # the unit moved: its whole subtree moves with it
                    Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
                    )

    def compute_search_name(self) -> str:
        return search_key(f"{self.name} | {self.short_name} | {self.code}")

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.pk:0{PATH_STEP}d}/"

    def is_active_on(self, day) -> bool:
        """The unit existed on `day` (the same test as UnitQuerySet.active_on)."""
        return (self.active_from is None or self.active_from <= day) and (
            self.active_until is None or day <= self.active_until
        )

    def is_within(self, other: "Unit") -> bool:
        """True when this unit is `other` or below it."""
        return self.path.startswith(other.path)

    def default_successor(self) -> "Unit | None":
        """The successor that took over this unit's open tasks, if one was named."""
        succession = self.successions.filter(is_default=True).select_related("successor").first()
        return succession.successor if succession is not None else None

    def heir_on(self, day) -> "Unit | None":
        """The unit that carries this unit's tasks on `day`: the unit itself while it is
        active, else (following merges) its default successor's heir; None when the chain
        ends at a unit split without a default, or dissolved: the office chooses."""
        unit, seen = self, set()
        while unit is not None and not unit.is_active_on(day) and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.default_successor()
        return unit if unit is not None and unit.pk not in seen else None

    def self_and_successors(self):
        """This unit, then, once it has ended, the units that took it over (its default
        successor, or every successor of a unit split without one), and so on."""
        queue, seen = [self], set()
        while queue:
            unit = queue.pop(0)
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            yield unit
            if unit.active_until is not None:
                heir = unit.default_successor()
                queue.extend([heir] if heir is not None else [s.successor for s in unit.successions.all()])


class UnitSuccession(models.Model):
    """`successor` took over (part of) `predecessor` from `effective_on`, the day after the
    predecessor ended (domain.md, the 2025 reorganisation: merged communes, split wards).

    A merge gives one succession, the default; a split several, at most one the default:
    the default receives the old unit's open tasks and sub-units, and tasks reopened later.
    """

    predecessor = models.ForeignKey(
        Unit, models.CASCADE, related_name="successions", verbose_name=_("đơn vị cũ")
    )
    successor = models.ForeignKey(
        Unit, models.CASCADE, related_name="predecessions", verbose_name=_("đơn vị kế thừa")
    )
    effective_on = models.DateField(_("có hiệu lực từ ngày"))
    is_default = models.BooleanField(_("kế thừa mặc định"), default=False)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đơn vị kế thừa")
        verbose_name_plural = _("đơn vị kế thừa")
        ordering = ["predecessor", "-is_default", "successor"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_once"),
            models.UniqueConstraint(
                fields=["predecessor"], condition=Q(is_default=True), name="unit_succession_one_default"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="unit_succession_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class UnitName(models.Model):
    """A name a unit carried until a rename (the current name is Unit.name)."""

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="former_names")
    name = models.CharField(_("tên cũ"), max_length=255)
    until = models.DateField(_("dùng đến ngày"))

    class Meta:
        verbose_name = _("tên cũ của đơn vị")
        verbose_name_plural = _("tên cũ của đơn vị")
        ordering = ["until"]
        constraints = [models.UniqueConstraint(fields=["unit", "until"], name="unit_name_once_per_day")]

    def __str__(self) -> str:
        return self.name


class FocalOfficer(models.Model):
    """The officer a unit names to keep its tasks up to date (seed 004 art. 4)."""

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="focal_officers", verbose_name=_("đơn vị"))
    full_name = models.CharField(_("họ và tên"), max_length=150)
    title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    user = models.ForeignKey(
        "accounts.User", models.SET_NULL, null=True, blank=True, verbose_name=_("tài khoản")
    )

    class Meta:
        verbose_name = _("cán bộ đầu mối")
        verbose_name_plural = _("cán bộ đầu mối")
        ordering = ["unit", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.unit})"


class Field(models.Model):
    """A field of work (lĩnh vực) by which the office's desks and the leaders split tasks."""

    code = models.CharField(_("mã lĩnh vực"), max_length=30, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=150)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
