"""How often each unit was urged and asked to explain, for the reports (seed 001 §2: delays
go to the emulation scoring; seed 003 art. 18.3): plain data, as of a moment.

Like the per-unit report (reports.services), a count "as of" a moment counts only what was
recorded by then (seed 002 2.2): an urging dated in the period but entered later is not in
the figures printed before it was entered.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from nhiemvu.urging.choices import UrgingKind
from nhiemvu.urging.models import ExplanationRequest, Urging


@dataclass(frozen=True)
class UnitUrgings:
    unit_id: int
    name: str
    by_kind: dict[str, int] = field(default_factory=dict)  # UrgingKind value -> count
    explanations_asked: int = 0
    explanations_answered: int = 0

    @property
    def urgings(self) -> int:
        return sum(self.by_kind.values())


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def urged_within(urgings, *, date_from: date | None, date_to: date | None, as_of: datetime | None):
    """The urgings of `urgings` dated within [date_from, date_to] as recorded by `as_of` (each
    bound left out when None): what the reports count, and the list of urgings behind them."""
    if date_from is not None:
        urgings = urgings.filter(urged_on__gte=date_from)
    if date_to is not None:
        urgings = urgings.filter(urged_on__lte=date_to)
    if as_of is not None:
        urgings = urgings.filter(recorded_at__lte=as_of)
    return urgings


def requested_within(requests, *, date_from: date | None, date_to: date | None, as_of: datetime | None):
    """The explanation requests of `requests` asked on the days [date_from, date_to] as
    recorded by `as_of` (each bound left out when None): what the reports count, and the list
    of requests behind them."""
    if date_from is not None:
        requests = requests.filter(requested_at__gte=_day_start(date_from))
    if date_to is not None:
        requests = requests.filter(requested_at__lt=_day_start(date_to + timedelta(days=1)))
    if as_of is not None:
        requests = requests.filter(requested_at__lte=as_of)
    return requests


def answered_by(as_of: datetime | None) -> Q:
    """A filter on ExplanationRequest: answered by `as_of` (None: answered by now)."""
    return Q(answered_at__isnull=False) if as_of is None else Q(answered_at__lte=as_of)


def counted(units, *, date_from: date, date_to: date, as_of: datetime) -> tuple:
    """The urgings and the explanation requests that urging_figures counts: those of `units`
    (a Unit queryset; None: every unit) urged or asked in [date_from, date_to], as recorded
    by `as_of`."""
    urgings = urged_within(Urging.objects.all(), date_from=date_from, date_to=date_to, as_of=as_of)
    requests = requested_within(
        ExplanationRequest.objects.all(), date_from=date_from, date_to=date_to, as_of=as_of
    )
    if units is not None:
        urgings = urgings.filter(unit_id__in=units.values("pk"))
        requests = requests.filter(unit_id__in=units.values("pk"))
    return urgings, requests


def urging_figures(units, *, date_from: date, date_to: date, as_of: datetime) -> dict[int, UnitUrgings]:
    """Per unit of `units` (a Unit queryset; None: every unit) urged or asked to explain in
    [date_from, date_to], as recorded by `as_of`: its figures (unnamed), by unit id. Two
    queries, grouped by unit; the units without any are not read."""
    urgings, requests = counted(units, date_from=date_from, date_to=date_to, as_of=as_of)
    kinds = urgings.values("unit_id").annotate(
        **{kind.value: Count("id", filter=Q(kind=kind)) for kind in UrgingKind}
    )
    by_unit = {row.pop("unit_id"): row for row in kinds}
    explained = {
        row["unit_id"]: row
        for row in requests.values("unit_id").annotate(
            asked=Count("id"), answered=Count("id", filter=answered_by(as_of))
        )
    }
    empty = dict.fromkeys(UrgingKind.values, 0)
    return {
        pk: UnitUrgings(
            unit_id=pk,
            name="",
            by_kind=dict(by_unit.get(pk, empty)),
            explanations_asked=explained.get(pk, {}).get("asked", 0),
            explanations_answered=explained.get(pk, {}).get("answered", 0),
        )
        for pk in by_unit.keys() | explained.keys()
    }


def urging_counts(units, *, date_from: date, date_to: date, as_of: datetime) -> list[UnitUrgings]:
    """Per unit of `units` (a Unit queryset, in its order): the urgings dated within
    [date_from, date_to] by kind, the explanation requests asked within it and how many of
    those were answered, all as recorded by `as_of`. Three queries whatever the number of units."""
    figures = urging_figures(units, date_from=date_from, date_to=date_to, as_of=as_of)
    empty = dict.fromkeys(UrgingKind.values, 0)
    return [
        replace(figures[pk], name=name)
        if pk in figures
        else UnitUrgings(unit_id=pk, name=name, by_kind=dict(empty))
        for pk, name in units.values_list("pk", "name")
    ]
