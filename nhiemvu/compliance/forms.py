"""The office's forms of the compliance register; compliance.services decides and saves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nhiemvu.compliance import services
from nhiemvu.compliance.choices import PeriodicReport
from nhiemvu.forms import DayField, style_widgets


class RegisterLineForm(forms.Form):
    """Seed 000 appendix 03: the internal regulation on following up tasks, and remarks."""

    regulation_issued = forms.BooleanField(label=_("Đã ban hành quy chế theo dõi tại đơn vị"), required=False)
    regulation_number = forms.CharField(label=_("Số, ký hiệu quy chế"), max_length=60, required=False)
    regulation_issued_on = DayField(label=_("Ngày ban hành quy chế"), required=False)
    remarks = forms.CharField(
        label=_("Ghi chú"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    prefix = "dong"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def save(self, *, unit, year, by, at):
        return services.record_register_line(unit=unit, year=year, by=by, at=at, **self.cleaned_data)


class SentReportForm(forms.Form):
    """A periodic report the unit sent (seed 003 art. 20.2), with the day it arrived."""

    report = forms.ChoiceField(
        label=_("Loại báo cáo"), choices=PeriodicReport.choices, initial=PeriodicReport.YEAR
    )
    sent_on = DayField(label=_("Ngày gửi"))
    number_symbol = forms.CharField(label=_("Số, ký hiệu báo cáo"), max_length=60, required=False)
    prefix = "bao_cao"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def save(self, *, unit, year, by, at):
        return services.record_sent_report(unit=unit, year=year, by=by, at=at, **self.cleaned_data)
