"""Small display helpers for the templates."""

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from nhiemvu.administration.templatetags.administration_tags import may_keep_focal_officers, may_manage_units

register = template.Library()

# The main navigation as drawn, by what it depends on (main_nav): a few languages × pages ×
# role menus, so a plain dict, filled once per process.
_NAVS: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The sections' links of the layout (web/partials/main_nav.html), drawn once per
    language, page and role menu rather than on every page: seven `{% url %}`, fourteen
    tests of the page's name and the role filters; base.html alone 2.8 → 2.3 ms in process on
    the small demo. It holds nothing of the request but these."""
    request = context["request"]
    user = context["user"]
    match = request.resolver_match
    key = (
        get_language(),
        get_script_prefix(),
        match.app_name if match else None,
        match.url_name if match else None,
        may_manage_units(user),
        may_keep_focal_officers(user),
    )
    nav = _NAVS.get(key)
    if nav is None:
        nav = _NAVS[key] = render_to_string(
            "web/partials/main_nav.html", {"request": request, "user": user}
        ).strip()
    return mark_safe(nav)  # noqa: S308 - a template's output, autoescaped


@register.simple_tag
def form_field(field):
    """One form field with its label, help text and errors, as Bootstrap wants them. Written
    here, not by an included template (tracking/partials/field.html until then, whose output
    this is, character for character): an `{% include %}` and ~10 look-ups a field, on the
    task list's 18 filters and the task page's action forms."""
    if field.is_hidden:
        html = str(field)
    elif field.widget_type == "checkbox":
        html = format_html(
            '\n<div class="form-check">\n  {}\n  <label class="form-check-label" for="{}">{}</label>\n</div>\n',
            field,
            field.id_for_label,
            field.label,
        )
    else:
        html = format_html(
            '\n<label class="form-label small mb-1" for="{}">{}</label>\n{}\n',
            field.id_for_label,
            field.label,
            field,
        )
    if field.help_text:
        html += format_html('<div class="form-text">{}</div>', field.help_text)
    errors = "".join(
        format_html('<div class="invalid-feedback d-block">{}</div>', error) for error in field.errors
    )
    return mark_safe(f"{html}\n{errors}\n")  # noqa: S308 - each part escaped above or a rendered widget
