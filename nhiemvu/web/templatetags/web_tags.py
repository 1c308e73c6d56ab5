"""Small display helpers for the templates."""

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix
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
    tests of the page's name and the role filters took ~1.5 ms of every page's ~7 ms frame
    (base.html alone, in process, small demo). It holds nothing of the request but these."""
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
