"""The units' focal officers who have no account: their unit's daily digest by e-mail.

Seed 004 art. 4 names the focal officer (cán bộ đầu mối) as the one who keeps the unit's
tasks up to date, and units send the office his name, title, phone and e-mail (art. 12.2),
often before anyone gives him an account; issue 15 asks for one digest "to each unit's focal
officer and leader". A focal officer with an account is reminded as that user
(reminders.decide), with the channels and time of their preferences. One without an account
gets the digest of his unit's leader and focal officer by e-mail only, at the default digest
time: in-app needs an account, and the SMS/Zalo gateway is a user's choice made on the
preferences page, which he cannot reach (nor can he unsubscribe: he asks the office, which
keeps the list).

`officers_to_mail` is the rule, on plain values; `to_mail` reads them for a day.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from nhiemvu.accounts.models import RoleAssignment
from nhiemvu.units.models import FocalOfficer


@dataclass(frozen=True)
class Officer:
    """What the rule needs to know of a FocalOfficer."""

    pk: int
    unit_id: int
    email: str
    has_account: bool
    unit_active: bool


def address_key(address: str) -> str:
    """An address as compared: spaces and letter case do not make another mailbox."""
    return address.strip().casefold()


def officers_to_mail(officers: Iterable[Officer], reminded: Mapping[int, set[str]]) -> list[int]:
    """The pks of the focal officers who get their unit's digest by e-mail, given `reminded`,
    {unit id: addresses (address_key) of the users reminded as the unit's leader or focal
    officer}. An officer gets it when:

    - he has no account (one with an account is reminded as that user, or not at all if the
      account is disabled);
    - he has an address, and his unit is active on the day;
    - his address is not that of a user reminded for the same unit (the same person, whose
      account and its preferences decide), nor of an officer of the unit listed before him
      (the office entered him twice): one mail per mailbox and unit.
    """
    mailed, taken = [], defaultdict(set)
    for officer in sorted(officers, key=lambda o: o.pk):
        key = address_key(officer.email)
        if officer.has_account or not key or not officer.unit_active:
            continue
        if key in reminded.get(officer.unit_id, set()) or key in taken[officer.unit_id]:
            continue
        taken[officer.unit_id].add(key)
        mailed.append(officer.pk)
    return mailed


def to_mail(
    day: date, *, unit_roles: Iterable[str], units: Iterable[int] | None = None
) -> list[FocalOfficer]:
    """The focal officers without an account who get their unit's digest on `day`, with their
    units; `unit_roles` are the roles whose holders get a unit's digest (decide.UNIT_ROLES).
    `units` (ids) limits them to those units' officers: what one unit is told (an urging)."""
    officers = FocalOfficer.objects.select_related("unit", "user")
    holders = RoleAssignment.objects.filter(role__in=unit_roles, user__is_active=True)
    if units is not None:
        officers, holders = officers.filter(unit_id__in=units), holders.filter(unit_id__in=units)
    candidates = list(officers)
    reminded = defaultdict(set)
    for unit_id, address in [
        *holders.values_list("unit_id", "user__email"),
        *((o.unit_id, o.user.email) for o in candidates if o.user_id is not None and o.user.is_active),
    ]:
        if address:
            reminded[unit_id].add(address_key(address))
    officers = [
        Officer(o.pk, o.unit_id, o.email, o.user_id is not None, o.unit.is_active_on(day)) for o in candidates
    ]
    chosen = set(officers_to_mail(officers, reminded))
    return [officer for officer in candidates if officer.pk in chosen]
