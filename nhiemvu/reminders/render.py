"""What a digest says: the sections of one recipient's reminders of a day, in Vietnamese,
rendered from what the decision stored (OutboxMessage.payload), with links into the site.
A focal officer without an account (reminders.focal_officers) is told why he gets it and
that the links need an account, which he asks the office for."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nhiemvu.dates import format_date
from nhiemvu.reminders.choices import ReportKind, Rule
from nhiemvu.tracking.agenda import Need, Section
from nhiemvu.units.models import FocalOfficer
from nhiemvu.urging.choices import UrgingKind
from nhiemvu.web.services import need_list_url

LANGUAGE = "vi"


@dataclass
class Item:
    text: str
    link: str
    when: str = ""
    task_id: int | None = None


@dataclass
class DigestSection:
    rule: Rule
    title: str
    count: int
    link: str
    items: list[Item] = field(default_factory=list)
    more: int = 0


def site() -> str:
    """The start of the links in a mail or a gateway's message (in-app links are paths)."""
    return settings.SITE_URL.rstrip("/")


def sections(messages, base: str = "") -> list[DigestSection]:
    """One section per outbox row, in the order of the rules; links start with `base`."""
    order = list(Rule)
    with translation.override(LANGUAGE):
        ordered = sorted(messages, key=lambda m: (order.index(Rule(m.rule)), m.subject))
        return [_section(m, base) for m in ordered]


def _section(message, base) -> DigestSection:
    rule, payload, day = Rule(message.rule), message.payload, message.day
    if rule == Rule.MONTHLY_UPDATE:
        deadline = date.fromisoformat(payload["deadline"])
        title = _("Chậm nhất ngày %(day)s, cập nhật đầy đủ tình hình thực hiện mọi nhiệm vụ được giao") % {
            "day": format_date(deadline)
        }
        return DigestSection(rule, title, 0, base + reverse("tracking:task_list"))
    if rule == Rule.REPORT_DEADLINE:
        deadline = date.fromisoformat(payload["deadline"])
        title = _("%(report)s: hạn gửi trước ngày %(day)s") % {
            "report": ReportKind(payload["report"]).label,
            "day": format_date(deadline),
        }
        return DigestSection(rule, title, 0, "")
    if rule == Rule.URGED:
        title = _("%(issuer)s đôn đốc đơn vị (%(kind)s) ngày %(day)s") % {
            "issuer": payload["issuer"],
            "kind": str(UrgingKind(payload["kind"]).label).lower(),
            "day": format_date(date.fromisoformat(payload["urged_on"])),
        }
        link = reverse("urging:urging_list") + f"?unit={payload['unit']}"
        return DigestSection(rule, title, payload["count"], base + link)
    count = payload["count"]
    item = _directive_item if rule == Rule.DIRECTIVE_TO_ASSIGN else _task_item
    items = [item(i, base) for i in payload["items"]]
    return DigestSection(
        rule, str(rule.label), count, base + _list_path(rule, payload, day), items, count - len(items)
    )


def _list_path(rule, payload, day) -> str:
    """The task list of the rule's tasks where one filter gives them (the home page's links)."""
    if rule in (Rule.OVERDUE, Rule.DUE_SOON, Rule.RESULT_NOT_RECORDED):
        due_to = date.fromisoformat(payload["due_to"]) if payload.get("due_to") else None
        return need_list_url(Section(Need(rule.value), payload["count"], due_to=due_to), day)
    if rule == Rule.DIRECTIVE_TO_ASSIGN:
        return reverse("home")
    return reverse("tracking:task_list")


def _when(working_days) -> str:
    if working_days is None:
        return _("không có hạn")
    if working_days < 0:
        return ngettext("trễ %(n)d ngày làm việc", "trễ %(n)d ngày làm việc", -working_days) % {
            "n": -working_days
        }
    if working_days == 0:
        return _("đến hạn hôm nay")
    return ngettext("còn %(n)d ngày làm việc", "còn %(n)d ngày làm việc", working_days) % {"n": working_days}


def _task_item(item, base) -> Item:
    due = format_date(date.fromisoformat(item["due"])) if item["due"] else ""
    text = f"{item['content']} ({item['directive']}; {item['lead_unit']}"
    text += f"; {_('hạn')} {due})" if due else ")"
    link = base + reverse("tracking:task_detail", args=[item["task"]])
    return Item(text, link, _when(item["working_days"]), item["task"])


def _directive_item(item, base) -> Item:
    received = format_date(date.fromisoformat(item["received_on"]))
    text = f"{item['number_symbol']}: {item['summary']} ({_('nhận ngày')} {received})"
    when = _when(item["working_days"])
    if item["past_two_days"]:
        when += "; " + _("quá cả thời hạn 02 ngày làm việc")
    return Item(text, base + reverse("directive_detail", args=[item["directive"]]), when)


def subject(recipient, day: date, count: int) -> str:
    with translation.override(LANGUAGE):
        return _("[Nhiệm vụ] Nhắc việc ngày %(day)s: %(count)d nội dung cần xử lý") % {
            "day": format_date(day),
            "count": count,
        }


def digest(recipient, day: date, messages) -> dict:
    """Subject, plain text and HTML of one recipient's digest; `recipient` is a user or a
    FocalOfficer without an account."""
    officer = isinstance(recipient, FocalOfficer)
    context = {
        "recipient": recipient,
        "name": recipient.full_name if officer else (recipient.get_full_name() or recipient.username),
        "officer_of": recipient.unit if officer else None,
        "day": format_date(day),
        "sections": sections(messages, site()),
        "home": site() + reverse("home"),
    }
    with translation.override(LANGUAGE):
        return {
            "subject": subject(recipient, day, len(context["sections"])),
            "text": render_to_string("reminders/email/digest.txt", context),
            "html": render_to_string("reminders/email/digest.html", context),
            "sections": context["sections"],
        }
