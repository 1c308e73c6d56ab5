"""The report pages' form: which period, as of which moment, about which unit."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nhiemvu.accounts.permissions import role_assignments
from nhiemvu.forms import AsOfField, style_widgets
from nhiemvu.reports.catalogue import ReportKind, ReportRequest
from nhiemvu.reports.periods import FORMS, Period, parse_period
from nhiemvu.reports.services import validate_as_of
from nhiemvu.tracking.filter_fields import DayFilterField
from nhiemvu.tracking.models import Task
from nhiemvu.units.forms import PickedUnitField
from nhiemvu.units.models import Unit
from nhiemvu.web.services import visible_units


class AsOfChecked:
    """For a form with an `as_of` field (nhiemvu.forms.AsOfField) and `now`: the moment is not
    after now (reports.services.validate_as_of, domain.md: a figure is what was known then)."""

    def clean_as_of(self):
        moment = self.cleaned_data["as_of"]
        if moment is not None:
            validate_as_of(moment, now=self.now)
        return moment


class ReportForm(AsOfChecked, forms.Form):
    """A period by its name ("6/2019", "II/2019", "H1/2019", "2019") or by its first and last
    days; the moment the figures are taken at (now when empty); the unit reported on, among
    those the user follows. Unbound, it asks for this year, now, over all the user sees."""

    period = forms.CharField(label=_("Kỳ báo cáo"), required=False, max_length=40, help_text=FORMS)
    date_from = DayFilterField(label=_("Hoặc từ ngày"), required=False)
    date_to = DayFilterField(label=_("Đến ngày"), required=False)
    as_of = AsOfField()
    unit = PickedUnitField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Đơn vị không có trong danh sách bạn theo dõi: %(value)s.")},
    )

    def __init__(self, data=None, *, kind: ReportKind, user, now: datetime):
        super().__init__(data)
        self.kind, self.user, self.now = kind, user, now
        units = visible_units(user)
        self.fields["unit"].queryset = Unit.objects.order_by("path") if units is None else units
        if kind.needs_scope:
            self.fields["unit"].help_text = _("Đơn vị được giao nhiệm vụ; để trống: đơn vị của bạn.")
        else:
            self.fields["unit"].help_text = _("Để trống: mọi đơn vị bạn theo dõi.")
        self.option_names = []
        for option in kind.options:
            if option.field is not None:
                self.fields[option.dest] = option.field()
                self.option_names.append(option.dest)
        style_widgets(self)

    def option_fields(self):
        return [self[name] for name in self.option_names]

    def clean(self):
        cleaned = super().clean()
        first, last, text = cleaned.get("date_from"), cleaned.get("date_to"), cleaned.get("period")
        if self.errors:
            return cleaned
        if first or last:
            if not (first and last):
                raise forms.ValidationError(_("Nhập cả ngày bắt đầu và ngày kết thúc."), code="half_range")
            if first > last:
                raise forms.ValidationError(
                    _("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."), code="reversed"
                )
            cleaned["period"] = Period.range(first, last)
        elif text:
            try:
                cleaned["period"] = parse_period(text)
            except forms.ValidationError as error:
                self.add_error("period", error)
        else:
            cleaned["period"] = self.default_period()
        return cleaned

    def default_period(self) -> Period:
        return Period.year(timezone.localdate(self.now).year)

    def request(self) -> ReportRequest | None:
        """What was asked for, over what the user may see; None when the input is invalid (the
        form then carries the errors). Unbound: this year, now, every unit the user follows."""
        if self.is_bound and not self.is_valid():
            return None
        data = self.cleaned_data if self.is_bound else {}
        options = {name: data.get(name) for name in self.option_names}
        # A report about one unit (appendix 01, a table rolled up under a unit) is about the
        # user's own unless another is picked.
        needs_scope = self.kind.needs_scope or options.get("roll_up")
        scope = data.get("unit") or (self._own_unit() if needs_scope else None)
        if scope is None and needs_scope:
            return None
        as_of = data.get("as_of") or self.now
        return ReportRequest(
            period=data.get("period") or self.default_period(),
            as_of=as_of,
            made_at=self.now,
            scope=scope,
            tasks=Task.objects.visible_to(self.user),
            units=visible_units(self.user),
            options=options,
        )

    def issuer(self) -> Unit | None:
        """The unit issuing the report (reports.issuing): the unit picked, else the user's own."""
        data = self.cleaned_data if self.is_bound else {}
        return data.get("unit") or self._own_unit()

    def _own_unit(self) -> Unit | None:
        """The highest unit the user holds a role in; for an administrator, who holds none,
        the first unit below the root (a province)."""
        units = [a.unit for a in role_assignments(self.user) if a.unit is not None]
        if units:
            return min(units, key=lambda unit: (len(unit.path), unit.path))
        below_root = Unit.objects.exclude(parent__isnull=True).order_by("path")
        return below_root.first() or Unit.objects.order_by("path").first()
