"""The urging forms: each validates its input and calls ONE service of urging.services (the
permission and the rules are checked there, on the locked rows)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nhiemvu.forms import AsOfField, DayField, ListedMultipleChoiceField, style_widgets
from nhiemvu.reports.forms import AsOfChecked
from nhiemvu.tracking.filter_fields import DayFilterField
from nhiemvu.tracking.models import Task
from nhiemvu.urging import services
from nhiemvu.urging.choices import UrgingKind

_TEXT = forms.Textarea(attrs={"rows": 3})
# The unit's other tasks offered with the one urged from its page: the most overdue first.
OFFERED_TASKS = 30


class TaskChoiceField(ListedMultipleChoiceField):
    def label_from_instance(self, task):
        due = f"{task.due_in_force:%d/%m/%Y}" if task.due_in_force else _("không hạn")
        return f"{task.directive.number_symbol} — {task.content[:100]} ({_('hạn')} {due})"


class UrgeForm(forms.Form):
    """Urge the task's lead unit about this task and, ticked, others of its open tasks."""

    button = _("Ghi đôn đốc")

    kind = forms.ChoiceField(label=_("Hình thức"), choices=UrgingKind.choices, initial=UrgingKind.REMINDER)
    tasks = TaskChoiceField(
        label=_("Nhiệm vụ được đôn đốc"),
        queryset=Task.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    text = forms.CharField(label=_("Nội dung đôn đốc"), widget=_TEXT)
    urged_on = DayField(label=_("Ngày đôn đốc"), required=False, help_text=_("Để trống: hôm nay."))

    def __init__(self, *args, task, user, **kwargs):
        self.task, self.user = task, user
        kwargs.setdefault("auto_id", "id_urge_%s")
        kwargs.setdefault("initial", {"tasks": [task.pk]})
        super().__init__(*args, **kwargs)
        urgeable = services.urgeable_tasks(user, task.lead_unit)
        others = list(
            urgeable.exclude(pk=task.pk).order_by("due_in_force", "pk").values_list("pk", flat=True)
        )
        offered = [task.pk, *others[:OFFERED_TASKS]]
        self.fields["tasks"].queryset = urgeable.filter(pk__in=offered).order_by("due_in_force", "pk")
        style_widgets(self)

    def perform(self, at):
        data = self.cleaned_data
        return services.urge(
            by=self.user,
            at=at,
            unit=self.task.lead_unit,
            tasks=data["tasks"],
            kind=data["kind"],
            text=data["text"],
            urged_on=data["urged_on"],
        )


class ExplanationRequestForm(forms.Form):
    button = _("Gửi yêu cầu giải trình")

    question = forms.CharField(
        label=_("Nội dung yêu cầu"),
        widget=_TEXT,
        initial=_("Đề nghị đơn vị giải trình lý do nhiệm vụ trễ hạn và thời gian hoàn thành."),
    )

    def __init__(self, *args, task, user, **kwargs):
        self.task, self.user = task, user
        kwargs.setdefault("auto_id", "id_explain_%s")
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def perform(self, at):
        return services.request_explanation(
            by=self.user, at=at, task=self.task, question=self.cleaned_data["question"]
        )


class AnswerForm(forms.Form):
    button = _("Gửi giải trình")

    answer = forms.CharField(label=_("Nội dung giải trình"), widget=_TEXT)

    def __init__(self, *args, request, user, **kwargs):
        self.request, self.user = request, user
        kwargs.setdefault("auto_id", f"id_answer_{request.pk}_%s")
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def perform(self, at):
        return services.answer_explanation(
            self.request, by=self.user, at=at, answer=self.cleaned_data["answer"]
        )


class UrgingPeriodForm(AsOfChecked, forms.Form):
    """The list's days urged and moment recorded by, as the urgings report counts them."""

    DAYS = ("urged_from", "urged_to")

    urged_from = DayFilterField(label=_("Đôn đốc từ ngày"), required=False)
    urged_to = DayFilterField(label=_("Đến ngày"), required=False)
    as_of = AsOfField(label=_("Đã cập nhật đến thời điểm"), help_text="")

    def __init__(self, *args, now, **kwargs):
        self.now = now
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        cleaned = super().clean()
        first, last = (cleaned.get(name) for name in self.DAYS)
        if first and last and first > last:
            raise forms.ValidationError(_("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."), code="reversed")
        return {"date_from": first, "date_to": last, "as_of": cleaned.get("as_of")}


class ExplanationPeriodForm(UrgingPeriodForm):
    """The list of explanation requests' days asked and moment recorded by, as the urgings
    report counts them."""

    DAYS = ("requested_from", "requested_to")

    urged_from = urged_to = None
    requested_from = DayFilterField(label=_("Yêu cầu từ ngày"), required=False)
    requested_to = DayFilterField(label=_("Đến ngày"), required=False)
    as_of = AsOfField(label=_("Đã cập nhật đến thời điểm"), help_text="")
