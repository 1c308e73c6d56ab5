"""The working-day calendar in the app: a year's days off and make-up days with their
documents, and the administrators' corrections (workdays.services)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nhiemvu.administration.access import user_manager_required
from nhiemvu.forms import DayField, add_service_errors, style_widgets
from nhiemvu.workdays import services
from nhiemvu.workdays.choices import DaySource, OverrideKind
from nhiemvu.workdays.models import DayOverride

FIRST_YEAR, LAST_YEAR = 2000, 2100  # what the year box accepts


class CorrectionForm(forms.Form):
    day = DayField(label=gettext_lazy("Ngày"))
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=OverrideKind.choices)
    name = forms.CharField(label=gettext_lazy("Tên ngày"), max_length=200)
    legal_basis = forms.CharField(label=gettext_lazy("Căn cứ (văn bản thông báo)"), max_length=255)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


def _year(request) -> int:
    text = request.GET.get("nam", "")
    year = int(text) if text.isdigit() else timezone.localdate().year
    return min(max(year, FIRST_YEAR), LAST_YEAR)


@user_manager_required
def calendar(request):
    year = _year(request)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.add_correction(**form.cleaned_data, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            add_service_errors(form, error, fields={"date": "day"})
        else:
            messages.success(
                request, _("Đã ghi điều chỉnh ngày %(day)s.") % {"day": f"{correction.date:%d/%m/%Y}"}
            )
            return redirect(f"{reverse('administration:calendar')}?nam={correction.date.year}")
    context = {
        "year": year,
        "years": (year - 1, year + 1),
        "days": services.year_days(year),
        "corrections": DayOverride.objects.filter(source=DaySource.ADMIN, date__year=year).order_by("date"),
        "form": form,
    }
    return render(request, "administration/calendar.html", context, status=400 if form.errors else 200)


@user_manager_required
def correction_remove(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    correction = get_object_or_404(DayOverride, pk=pk, source=DaySource.ADMIN)
    services.remove_correction(correction=correction, by=request.user)
    messages.success(request, _("Đã bỏ điều chỉnh ngày %(day)s.") % {"day": f"{correction.date:%d/%m/%Y}"})
    return redirect(f"{reverse('administration:calendar')}?nam={correction.date.year}")
