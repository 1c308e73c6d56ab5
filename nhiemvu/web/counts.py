"""The process's cache of counts, shared by the home page and the dashboard.

Counts are cached per user's scope and what the caller adds (period, day), keyed on what
changes them: the last task change and the newest task, unit, rename and directive (one
query of index look-ups). A national scope counts a million rows, so a view that finds
nothing changed reads the cache instead (issue 13); CACHE_SECONDS bounds what the key
cannot see (a unit moved or re-sorted).
"""

import time
from collections import OrderedDict
from datetime import UTC

from django.db import connection
from django.db.models import DateTimeField
from django.utils import timezone

from nhiemvu.accounts import permissions

CACHE_SECONDS = 300
MEMO_SIZE = 256

# Per process, as the default local-memory cache is, but without pickling: a national
# table of 5,000 rows takes ~20 ms to unpickle, more than the rest of the view.
_memo: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
# The task lists' sizes (tracking.views), apart: the lists' many URLs would push the counts out.
LIST_SIZES: OrderedDict[tuple, tuple[float, object]] = OrderedDict()


def scope_key(user) -> tuple:
    """Who the counts are for: everything that task_scope reads of the user."""
    if permissions.is_admin(user):
        return ("admin",)
    return (
        user.pk,
        tuple(
            sorted(
                (a.role, a.unit.path if a.unit else "", tuple(sorted(a.field_ids)))
                for a in permissions.role_assignments(user)
            )
        ),
    )


def data_version() -> tuple:
    """What the counts depend on: the last task change, the newest task, unit, rename and
    directive, each its own subquery (SQLite reads a lone MAX from the end of an index, two
    MAX in one SELECT by a scan of the table)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT MAX(state_recorded_at) FROM tracking_task), (SELECT MAX(id) FROM tracking_task),"
            " (SELECT MAX(id) FROM units_unit), (SELECT MAX(id) FROM units_unitname),"
            " (SELECT MAX(id) FROM directives_directive)"
        )
        last, *newest = cursor.fetchone()
    last = DateTimeField().to_python(last)  # SQLite gives the text it stored, in UTC
    if last is not None and timezone.is_naive(last):
        last = timezone.make_aware(last, UTC)
    return (last, *newest)


def cached(key: tuple, compute, memo: OrderedDict | None = None):
    """compute()'s value, computed again when `key` was not seen in the last CACHE_SECONDS.
    The value is shared between requests: callers copy it rather than change it. `memo`: a
    cache of the caller's own (of MEMO_SIZE entries too), so that what it keeps does not push
    the counts out."""
    memo = _memo if memo is None else memo
    now = time.monotonic()
    hit = memo.get(key)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        memo.move_to_end(key)
        return hit[1]
    value = compute()
    memo[key] = (now, value)
    while len(memo) > MEMO_SIZE:
        memo.popitem(last=False)
    return value


def forget_counts() -> None:
    """Empty the cache of counts (tests: a rolled-back test's successor may reuse its ids)."""
    _memo.clear()
    LIST_SIZES.clear()
