"""The task page's action forms: each one validates its input and calls ONE service of
tracking.services (the permission and the transition are checked there, on the locked row)."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from nhiemvu.directives.attachments import check_upload
from nhiemvu.forms import DayField, ListedChoiceField
from nhiemvu.tracking import permissions, services
from nhiemvu.tracking.attachments import attach_to_event
from nhiemvu.tracking.choices import EventKind
from nhiemvu.tracking.permissions import Action
from nhiemvu.units.models import Unit

_TEXT = forms.Textarea(attrs={"rows": 3})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files, each checked as every upload is (directives.attachments.check_upload)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        for uploaded in files:
            check_upload(uploaded)
        return list(files)


class ActionForm(forms.Form):
    """An action on `task` by `user`; each subclass's `perform(at)` calls its service and
    returns what it made. `kind` is the event it appends (tracking.status says from which
    states), None for a delegation (open tasks only)."""

    action: Action
    kind: EventKind | None
    title = ""
    button = ""
    # The task page lists the classes (their title and button) and makes a form only when
    # one is opened: the template language must not call a class to read its attributes.
    do_not_call_in_templates = True

    def __init__(self, *args, task, user, **kwargs):
        self.task, self.user = task, user
        # The page holds every offered form: ids of their own, or a label ("Lý do") would
        # point at the first form's field of that name.
        kwargs.setdefault("auto_id", f"id_{self.action}_%s")
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            widget = form_field.widget
            if isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            else:
                select = isinstance(widget, forms.Select)
                widget.attrs.setdefault("class", "form-select" if select else "form-control")


class AcceptForm(ActionForm):
    action = Action.ACCEPT
    kind = EventKind.ACCEPTED
    title = _("Tiếp nhận nhiệm vụ")
    button = _("Tiếp nhận")

    def perform(self, at):
        return services.accept(self.task, by=self.user, at=at)


def _attach(event, user, files):
    for uploaded in files:
        attach_to_event(event=event, by=user, uploaded=uploaded)


class ProgressForm(ActionForm):
    action = Action.UPDATE_PROGRESS
    kind = EventKind.PROGRESS
    title = _("Cập nhật tiến độ")
    button = _("Cập nhật tiến độ")

    note = forms.CharField(label=_("Nội dung thực hiện"), widget=_TEXT)
    percent = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100, required=False)
    files = FilesField(label=_("Tệp đính kèm (văn bản đã ban hành, đã ký số)"))

    def perform(self, at):
        data = self.cleaned_data
        with transaction.atomic():  # the update and its files, or nothing
            event = services.update_progress(
                self.task, by=self.user, at=at, note=data["note"], percent=data["percent"]
            )
            _attach(event, self.user, data["files"])
        return event


class ExtensionRequestForm(ActionForm):
    action = Action.REQUEST_EXTENSION
    kind = EventKind.EXTENSION_REQUESTED
    title = _("Xin gia hạn")
    button = _("Gửi đề nghị gia hạn")

    proposed = DayField(label=_("Thời hạn đề xuất"))
    reason = forms.CharField(label=_("Lý do"), widget=_TEXT)

    def perform(self, at):
        data = self.cleaned_data
        return services.request_extension(
            self.task, by=self.user, at=at, proposed=data["proposed"], reason=data["reason"]
        )


class ExtensionDecisionForm(ActionForm):
    action = Action.DECIDE_EXTENSION
    kind = EventKind.EXTENSION_APPROVED
    title = _("Quyết định gia hạn")
    button = _("Ghi quyết định")

    approve = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Đồng ý gia hạn")), ("0", _("Không đồng ý gia hạn"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    new_due = DayField(
        label=_("Hạn mới"),
        required=False,
        help_text=_("Để trống: thời hạn đơn vị đề xuất."),
    )
    note = forms.CharField(label=_("Ý kiến"), widget=_TEXT, required=False)

    def perform(self, at):
        data = self.cleaned_data
        return services.decide_extension(
            self.task,
            by=self.user,
            at=at,
            approve=data["approve"],
            new_due=data["new_due"],
            note=data["note"],
        )


class ReturnForm(ActionForm):
    action = Action.RETURN
    kind = EventKind.RETURNED
    title = _("Chuyển trả nhiệm vụ")
    button = _("Chuyển trả")

    reason = forms.CharField(label=_("Lý do chuyển trả"), widget=_TEXT)

    def perform(self, at):
        return services.return_task(self.task, by=self.user, at=at, reason=self.cleaned_data["reason"])


class ReassignForm(ActionForm):
    action = Action.REASSIGN
    kind = EventKind.REASSIGNED
    title = _("Giao lại cho đơn vị khác")
    button = _("Giao lại")

    to_unit = ListedChoiceField(label=_("Đơn vị chủ trì mới"), queryset=Unit.objects.none())
    note = forms.CharField(label=_("Ghi chú"), widget=_TEXT, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The assigning unit assigns inside its own subtree (permissions.can_assign_from).
        self.fields["to_unit"].queryset = (
            Unit.objects.subtree_of(self.task.assigning_unit)
            .filter(active_until__isnull=True)
            .order_by("path")
        )

    def perform(self, at):
        data = self.cleaned_data
        return services.reassign(self.task, by=self.user, at=at, to_unit=data["to_unit"], note=data["note"])


class CompleteForm(ActionForm):
    action = Action.COMPLETE
    kind = EventKind.COMPLETED
    title = _("Báo cáo hoàn thành")
    button = _("Báo cáo hoàn thành")

    result_document = forms.CharField(
        label=_("Văn bản kết quả (số, ký hiệu)"), max_length=255, help_text=_("Ví dụ: 125/BC-SNN")
    )
    completed_on = DayField(label=_("Ngày ban hành văn bản kết quả"))
    note = forms.CharField(label=_("Kết quả thực hiện"), widget=_TEXT, required=False)
    files = FilesField(label=_("Tệp văn bản kết quả"))

    def perform(self, at):
        data = self.cleaned_data
        with transaction.atomic():  # seed 000 III.1: the result with its document, or nothing
            event = services.complete(
                self.task,
                by=self.user,
                at=at,
                completed_on=data["completed_on"],
                result_document=data["result_document"],
                note=data["note"],
            )
            _attach(event, self.user, data["files"])
        return event


class DelegateForm(ActionForm):
    action = Action.DELEGATE
    kind = None
    title = _("Giao đơn vị cấp dưới")
    button = _("Giao nhiệm vụ")

    to_unit = ListedChoiceField(label=_("Đơn vị cấp dưới"), queryset=Unit.objects.none())
    content = forms.CharField(label=_("Nội dung giao"), widget=_TEXT)
    due_on = DayField(
        label=_("Hạn xử lý"),
        required=False,
        help_text=_("Để trống: hạn của nhiệm vụ gốc."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lead = self.task.lead_unit
        self.fields["to_unit"].queryset = (
            Unit.objects.subtree_of(lead)
            .exclude(pk=lead.pk)
            .filter(active_until__isnull=True)
            .order_by("path")
        )
        self.fields["content"].initial = self.task.content

    def perform(self, at):
        data = self.cleaned_data
        return services.delegate(
            self.task,
            by=self.user,
            at=at,
            to_unit=data["to_unit"],
            content=data["content"],
            due_on=data["due_on"],
        )


class ReopenForm(ActionForm):
    action = Action.REOPEN
    kind = EventKind.REOPENED
    title = _("Mở lại nhiệm vụ")
    button = _("Mở lại")

    reason = forms.CharField(label=_("Lý do mở lại"), widget=_TEXT)

    def perform(self, at):
        return services.reopen(self.task, by=self.user, at=at, reason=self.cleaned_data["reason"])


class CancelForm(ActionForm):
    action = Action.CANCEL
    kind = EventKind.CANCELLED
    title = _("Hủy nhiệm vụ")
    button = _("Hủy nhiệm vụ")

    reason = forms.CharField(label=_("Lý do hủy"), widget=_TEXT)

    def perform(self, at):
        return services.cancel(self.task, by=self.user, at=at, reason=self.cleaned_data["reason"])


class ContributionForm(ActionForm):
    """Seed 003 art. 10.2.b: a coordinating unit reports what it did for the task."""

    action = Action.CONTRIBUTE
    kind = EventKind.CONTRIBUTED
    title = _("Báo cáo kết quả phối hợp")
    button = _("Gửi kết quả phối hợp")

    unit = ListedChoiceField(label=_("Đơn vị phối hợp"), queryset=Unit.objects.none(), empty_label=None)
    note = forms.CharField(label=_("Kết quả phối hợp của đơn vị"), widget=_TEXT)
    effective_on = DayField(label=_("Ngày thực hiện"), required=False, help_text=_("Để trống: hôm nay."))
    files = FilesField(label=_("Tệp đính kèm (văn bản của đơn vị phối hợp)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the units the user reports for; the service checks again on the locked row.
        units = permissions.contributing_units(self.user, self.task)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units]).order_by(
            "path"
        )

    def perform(self, at):
        data = self.cleaned_data
        return services.contribute(
            self.task,
            by=self.user,
            at=at,
            unit=data["unit"],
            note=data["note"],
            effective_on=data["effective_on"],
            files=data["files"],
        )


# The URL's action name -> its form, in the order the page shows them.
ACTION_FORMS = {
    "accept": AcceptForm,
    "progress": ProgressForm,
    "request-extension": ExtensionRequestForm,
    "decide-extension": ExtensionDecisionForm,
    "complete": CompleteForm,
    "delegate": DelegateForm,
    "return": ReturnForm,
    "reassign": ReassignForm,
    "reopen": ReopenForm,
    "cancel": CancelForm,
    "contribute": ContributionForm,
}
