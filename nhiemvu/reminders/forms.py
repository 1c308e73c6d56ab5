"""The preferences form and the outbox page's filters. The form validates what was typed and
calls ONE service (services.set_preference), which checks the rules."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from nhiemvu.forms import DayField, style_widgets
from nhiemvu.reminders import services
from nhiemvu.reminders.choices import Channel, OutboxState, Rule
from nhiemvu.reminders.models import DEFAULT_DIGEST_TIME, ReminderPreference

UNCERTAIN = "uncertain"


class PreferenceForm(forms.Form):
    in_app = forms.BooleanField(label=_("Thông báo trong hệ thống"), required=False)
    by_email = forms.BooleanField(label=_("Thư điện tử"), required=False)
    by_webhook = forms.BooleanField(label=_("Tin nhắn SMS/Zalo"), required=False)
    digest_time = forms.TimeField(
        label=_("Giờ nhận bản tin nhắc việc"),
        input_formats=["%H:%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
        help_text=_("Giờ trong ngày làm việc, dạng hh:mm (ví dụ 07:00)."),
        error_messages={"invalid": _("Nhập giờ dạng hh:mm, ví dụ 07:00.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        current = ReminderPreference.objects.filter(user=user).first()
        if current is None:
            initial = {
                "in_app": True,
                "by_email": True,
                "by_webhook": True,
                "digest_time": DEFAULT_DIGEST_TIME,
            }
        else:
            fields = ("in_app", "by_email", "by_webhook", "digest_time")
            initial = {name: getattr(current, name) for name in fields}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        if not settings.REMINDER_WEBHOOK_URL:  # no gateway in this deployment
            del self.fields["by_webhook"]
        style_widgets(self)

    def perform(self):
        data = self.cleaned_data
        return services.set_preference(
            self.user,
            by_email=data["by_email"],
            in_app=data["in_app"],
            by_webhook=data.get("by_webhook", False),
            digest_time=data["digest_time"],
        )


class OutboxFilterForm(forms.Form):
    """The outbox page's filters; invalid values are ignored (a filter, not a command)."""

    state = forms.ChoiceField(
        label=_("Kết quả"),
        required=False,
        choices=[("", _("Tất cả")), *OutboxState.choices, (UNCERTAIN, _("Chưa rõ đã gửi"))],
    )
    channel = forms.ChoiceField(
        label=_("Kênh"), required=False, choices=[("", _("Tất cả")), *Channel.choices]
    )
    rule = forms.ChoiceField(
        label=_("Loại nhắc việc"), required=False, choices=[("", _("Tất cả")), *Rule.choices]
    )
    day = DayField(label=_("Ngày nhắc"), required=False)
    recipient = forms.CharField(label=_("Người nhận"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
