"""The project's form renderer writes inputs and selects in Python: character for character
what Django's own templates write, for every kind of value, attribute and option."""

from datetime import date

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from nhiemvu.forms import DayInput, FormRenderer, MomentInput

WIDGETS = [
    (forms.TextInput(), "q", 'kế hoạch <phòng> & "chữa" cháy'),
    (forms.TextInput(attrs={"placeholder": "Tìm", "required": True, "disabled": False}), "q", None),
    (forms.TextInput(attrs={"data-x": mark_safe("<b>")}), "q", mark_safe("a&amp;b")),
    (forms.NumberInput(attrs={"min": 0, "max": 100}), "percent", 40),
    (forms.NumberInput(), "percent", 0),
    (forms.EmailInput(), "email", ""),
    (forms.HiddenInput(), "directive", 12),
    (forms.PasswordInput(), "password", "bí mật"),
    (forms.CheckboxInput(), "key", True),
    (forms.CheckboxInput(), "key", False),
    (DayInput(), "on", date(2026, 12, 25)),
    (MomentInput(), "as_of", "27/12/2018 15:30"),
    (forms.Select(choices=[("", "---------"), ("a", "Ả <b>"), (1, "Một")]), "sort", "a"),
    (forms.Select(choices=[("Nhóm <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")]), "grouped", "y"),
    (forms.Select(choices=[]), "empty", None),
    (forms.SelectMultiple(choices=[("1", "Một"), ("2", "Hai"), ("3", "Ba")]), "units", ["1", "3"]),
    (forms.NullBooleanSelect(), "flag", True),
]


@pytest.mark.parametrize(
    ("widget", "name", "value"), WIDGETS, ids=[f"{w.__class__.__name__}-{n}" for w, n, _ in WIDGETS]
)
def test_a_widget_reads_as_djangos_templates_write_it(widget, name, value):
    attrs = {"id": f"id_{name}", "class": "form-control"}
    assert widget.render(name, value, attrs, renderer=FormRenderer()) == widget.render(
        name, value, attrs, renderer=DjangoTemplates()
    )


@pytest.mark.parametrize("widget_class", [forms.CheckboxSelectMultiple, forms.RadioSelect])
@pytest.mark.parametrize("wrap_label", [True, False])
def test_each_box_or_radio_button_reads_the_same_alone_or_in_its_label(widget_class, wrap_label):
    choices = [("1", "Một <1>"), ("2", mark_safe("<b>Hai</b>")), ("3", 'Ba & "bốn"')]
    field = forms.MultipleChoiceField if widget_class is forms.CheckboxSelectMultiple else forms.ChoiceField

    class Form(forms.Form):
        picked = field(choices=choices, widget=widget_class(attrs={"class": "form-check-input"}))

    data = {"picked": ["1", "3"] if widget_class is forms.CheckboxSelectMultiple else "3"}
    ours = Form(data, renderer=FormRenderer())["picked"]
    djangos = Form(data, renderer=DjangoTemplates())["picked"]
    assert [box.tag(wrap_label=wrap_label) for box in ours] == [
        box.tag(wrap_label=wrap_label) for box in djangos
    ]
    assert str(ours) == str(djangos)


def test_a_select_whose_options_have_a_template_of_their_own_goes_through_the_templates():
    class Fancy(forms.Select):
        option_template_name = "django/forms/widgets/input.html"  # any other template

    widget = Fancy(choices=[("a", "A")])
    rendered = widget.render("x", "a", renderer=FormRenderer())
    assert rendered == widget.render("x", "a", renderer=DjangoTemplates())


def test_a_whole_form_reads_the_same():
    class Form(forms.Form):
        name = forms.CharField(label="Tên", help_text="Họ và tên")
        day = forms.DateField(widget=DayInput)
        kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
        note = forms.CharField(widget=forms.Textarea)

    form = Form({"name": "<x>", "day": "31/02/2026", "kind": "c"})
    assert form.render(renderer=FormRenderer()) == form.render(renderer=DjangoTemplates())
