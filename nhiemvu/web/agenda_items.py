"""The home page's items (<li>), written in Python rather than by the template language, as
the task list's rows are (tracking.list_rows): up to 30 items of ~15 look-ups, two
`truncatechars`, a `blocktranslate` and a `reverse()` each were about a third of the page's
server time (cProfile of "/" as the demo's office desk, 20 items). The same HTML as the
template wrote, without the whitespace between its tags."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from nhiemvu.tracking.agenda import Need


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


def _time_left(item) -> str:
    """The working days left, or late, or "due today"; nothing for an item without a deadline."""
    days = item.working_days
    if days is None:
        return ""
    if days < 0:
        css = "text-danger fw-semibold"
        text = ngettext("trễ %(days)s ngày làm việc", "trễ %(days)s ngày làm việc", item.days_late)
        text %= {"days": item.days_late}
    else:
        css = "text-body-secondary"
        if days == 0:
            text = gettext("hạn hôm nay")
        else:
            text = ngettext("còn %(days)s ngày làm việc", "còn %(days)s ngày làm việc", days) % {"days": days}
    return f'<span class="text-nowrap small {css}">{text}</span>'


def items_html(section) -> str:
    """The <li> of each of the section's items (tracking.agenda.Section)."""
    lines = []
    if section.need == Need.DIRECTIVE_TO_ASSIGN:
        for item in section.items:
            title = f"{escape(item.number_symbol)} — {escape(Truncator(item.summary).chars(120))}"
            received = gettext("Nhận ngày %(day)s") % {"day": _day(item.received_on)}
            unit = f" · {escape(item.receiving_unit.name)}" if item.receiving_unit else ""
            lines.append(_item(item.get_absolute_url(), title, _time_left(item), received + unit))
        return mark_safe("".join(lines))  # noqa: S308 - every value above is escaped or a number
    # One reverse() for the section: the task's id is the URL's only part that changes.
    url = reverse("tracking:task_detail", args=[0]).removesuffix("0/")
    due = escape(gettext("hạn"))
    for item in section.items:
        detail = f"{escape(item.directive.number_symbol)} · {escape(item.lead_unit.name)}"
        if item.due_in_force:
            detail += f" · {due} {_day(item.due_in_force)}"
        title = escape(Truncator(item.content).chars(140))
        lines.append(_item(f"{url}{item.pk}/", title, _time_left(item), detail))
    return mark_safe("".join(lines))  # noqa: S308 - every value above is escaped or a number


def _item(url: str, title: str, time_left: str, detail: str) -> str:
    return (
        f'<li class="list-group-item"><div class="d-flex justify-content-between gap-2">'
        f'<a href="{url}">{title}</a>{time_left}</div>'
        f'<div class="small text-body-secondary">{detail}</div></li>'
    )
