"""Form fields every form of ours shares (the web's, the admin's)."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import DATE_INPUT_FORMATS, EARLIEST_DATE, MOMENT_INPUT_FORMATS


class DayInput(forms.DateInput):
    """A text box for a date typed and shown day first. Not <input type="date">: it shows the
    browser's own order (mm/dd/yyyy in an English browser) and its own picker language."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "dd/mm/yyyy", **(attrs or {})}, format="%d/%m/%Y")


class MomentInput(forms.DateTimeInput):
    """A text box for a moment typed day first, then the time (not <input type="datetime-local">,
    for the reason DayInput gives)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "dd/mm/yyyy hh:mm", **(attrs or {})}, format="%d/%m/%Y %H:%M")


def not_too_early(day):
    """`day`, or a ValidationError when it is before EARLIEST_DATE (a typing mistake)."""
    if day < EARLIEST_DATE:
        raise forms.ValidationError(
            _("Ngày phải từ %(day)s trở về sau.") % {"day": f"{EARLIEST_DATE:%d/%m/%Y}"}, code="too_early"
        )
    return day


class DayField(forms.DateField):
    """A date typed day first (nhiemvu.dates.DATE_INPUT_FORMATS), in ASCII digits only: Python
    reads Arabic-Indic or full-width digits as digits, but no clerk types them on purpose
    (issue 12 #12), and "12/01/٢٠٢٦" would otherwise be a date."""

    widget = DayInput

    def __init__(self, *, input_formats=DATE_INPUT_FORMATS, **kwargs):
        super().__init__(input_formats=input_formats, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and not value.strip().isascii():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class ListedChoices(ModelChoiceIterator):
    """The options read with one plain query: ModelChoiceIterator reads them with
    QuerySet.iterator(), a server-side cursor on PostgreSQL, which costs a DECLARE … WITH HOLD
    in a transaction of its own (2–12 ms a select at 1M under load, against <1 ms)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):
            yield self.choice(obj)


class ListedChoiceField(forms.ModelChoiceField):
    iterator = ListedChoices


class ListedMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ListedChoices


class AsOfField(forms.DateTimeField):
    """The moment a report's figures are taken at (domain.md, "Two times on every event"),
    typed day first; empty for now. Each form checks it is not in the future."""

    widget = MomentInput

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Số liệu tại thời điểm"))
        kwargs.setdefault("help_text", _("Để trống: số liệu hiện tại."))
        super().__init__(required=False, input_formats=MOMENT_INPUT_FORMATS, **kwargs)


def style_widgets(form: forms.BaseForm) -> None:
    """Bootstrap 5's classes on every widget of `form` (Django renders bare inputs)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


def add_service_errors(form: forms.BaseForm, error, fields=None) -> None:
    """A service's ValidationError on the form: on the field it names (`fields` maps a model
    field to the form's), else on the whole form."""
    if hasattr(error, "message_dict"):
        for field, texts in error.message_dict.items():
            field = (fields or {}).get(field, field)
            for text in texts:
                form.add_error(field if field in form.fields else None, text)
    else:
        for text in getattr(error, "messages", [str(error)]):
            form.add_error(None, text)


# --- Writing the plain widgets out in Python ---

_WIDGETS = "django/forms/widgets/"
_INPUTS = {
    f"{_WIDGETS}{name}.html"
    for name in ("text", "number", "email", "url", "password", "hidden", "date", "datetime", "time")
    + ("search", "tel", "color", "checkbox", "file", "input")
}
_SELECT, _OPTION = f"{_WIDGETS}select.html", f"{_WIDGETS}select_option.html"
# A box or a radio button of CheckboxSelectMultiple / RadioSelect, alone (BoundWidget.tag) or
# with its label: the urging form's 31 task boxes went through three templates each, ~0.15 ms
# a box (cProfile of the task page as the office desk, small demo).
_INPUT_OPTIONS = {f"{_WIDGETS}{name}_option.html" for name in ("checkbox", "radio", "input")}


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
    start = format_html('<input type="{}" name="{}"', widget["type"], widget["name"])
    return start + value + _attrs(widget["attrs"]) + ">"


def _input_option(widget: dict) -> str:
    """Django's input_option.html: the input, in its <label> when `wrap_label`."""
    tag = mark_safe(_input(widget))  # noqa: S308 - _input escapes every value it writes
    if not widget.get("wrap_label"):
        return tag
    label_for = format_html(' for="{}"', widget["attrs"]["id"]) if widget["attrs"].get("id") else ""
    return format_html("<label{}>{}\n {}</label>", label_for, tag, widget["label"])


def _select(widget: dict) -> str | None:
    parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            if option["template_name"] != _OPTION:
                return None  # an option of its own: the templates write the whole select
            parts.append(format_html('\n  <option value="{}"', option["value"]))
            parts += [_attrs(option["attrs"]), format_html(">{}</option>\n", option["label"])]
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    """Django's form renderer, with the inputs and selects written out in Python: Django
    renders each input through two templates and each option of a select through two more,
    about 0.3 ms an input and 0.2 ms an option, a fifth of the task list page with its filter
    form. The output is the templates' own, character for character
    (tests/test_form_renderer.py); forms, fields and every other widget go through the
    templates as before."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and template_name in _INPUTS:
            return _input(widget)
        if widget is not None and template_name in _INPUT_OPTIONS:
            return _input_option(widget)
        if widget is not None and template_name == _SELECT:
            written = _select(widget)
            if written is not None:
                return written
        return super().render(template_name, context, request)
