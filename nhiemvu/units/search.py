"""Finding a unit by what a clerk types: part of its name, short name or code, with or
without Vietnamese diacritics, among the units that still exist (thousands of them after
the 2025 reorganisation: 3,321 communes, plus departments and their sub-units)."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.utils.translation import gettext as _

from nhiemvu.text import search_key
from nhiemvu.units.models import Unit

PICKER_LIMIT = 20
# What the picker puts in the box: "Sở Tư pháp (KT.STP)"; the code in brackets decides.
_LABELLED = re.compile(r"\((?P<code>[^()]+)\)\s*$")


@dataclass(frozen=True)
class Match:
    pk: int
    code: str
    name: str
    short_name: str

    @property
    def label(self) -> str:
        return unit_label(self.name, self.code)


def unit_label(name: str, code: str) -> str:
    return f"{name} ({code})"


def _active_matching(words: list[str]):
    """Active units whose name, short name or code contain every word (Unit.search_name)."""
    units = Unit.objects.filter(active_until__isnull=True)
    for word in words:
        units = units.filter(search_name__contains=word)
    return units


def search_units(query: str, limit: int = PICKER_LIMIT) -> list[Match]:
    """At most `limit` active units whose name, short name or code contain every word of
    `query`, diacritics and case ignored; those whose name starts with it first. One query."""
    words = search_key(query).split()
    if not words:
        return []
    starts = Case(When(search_name__startswith=" ".join(words), then=Value(0)), default=Value(1))
    rows = (
        _active_matching(words)
        .annotate(starts=starts)
        .order_by("starts", "sort_order", "name", "pk")
        .values_list("pk", "code", "name", "short_name")[:limit]
    )
    return [Match(*row) for row in rows]


def resolve_unit(text: str) -> Unit:
    """The one active unit `text` names: the picker's "name (code)", a code, or a whole name
    or short name (diacritics ignored). ValidationError, in Vietnamese, otherwise (saying so
    when the code is that of a unit that has ended)."""
    text = text.strip()
    labelled = _LABELLED.search(text)
    code = labelled.group("code").strip() if labelled else text
    active = Unit.objects.filter(active_until__isnull=True)
    by_code = active.filter(code__iexact=code).first()
    if by_code is not None:
        return by_code
    key = search_key(text)
    named = [
        unit
        for unit in _active_matching(key.split()).only("pk", "name", "short_name")
        if key in (search_key(unit.name), search_key(unit.short_name))
    ]
    if len(named) == 1:
        return active.get(pk=named[0].pk)
    if named:
        raise ValidationError(
            _("Có nhiều đơn vị tên “%(text)s”: hãy chọn trong danh sách gợi ý hoặc nhập mã đơn vị.")
            % {"text": text}
        )
    ended = Unit.objects.filter(code__iexact=code, active_until__isnull=False).first()
    if ended is not None:
        raise ValidationError(
            _("Đơn vị “%(name)s” đã ngừng hoạt động từ sau ngày %(day)s.")
            % {"name": ended.name, "day": f"{ended.active_until:%d/%m/%Y}"}
        )
    raise ValidationError(_("Không tìm thấy đơn vị “%(text)s”.") % {"text": text})
