"""Form fields every form of ours shares (the web's, the admin's)."""

from django import forms

from nhiemvu.dates import DATE_INPUT_FORMATS


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
