"""A page of the task list that does not count the whole list to show it.

Django's Paginator counts every row before it shows one: over a national scope that is a
COUNT of a million tasks on every view (about 90 ms at 1M on PostgreSQL, more with a text
search; bench/README.md). A page reads one row more than it shows to know whether another
page follows, and the list is counted only up to COUNT_CAP rows: beyond it the page says
"more than 10,000 tasks". A page that is the last one knows the total without a count.
The .xlsx export counts exactly (its own limit), from the same queryset.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 10_000
# Beyond any list the application holds (a million tasks is 20,000 pages): larger numbers in
# an edited URL are taken as past the end, not sent to the database as an OFFSET.
_MAX_OFFSET = 10**9


@dataclass
class CappedPage:
    """The rows of one page, whether pages come before and after it, and the list's total
    when it is at most `cap` (None above it)."""

    object_list: list
    number: int
    per_page: int
    has_next: bool
    total: int | None
    cap: int
    queryset: object

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def num_pages(self) -> int | None:
        """The number of pages when the total is known."""
        return None if self.total is None else max(1, -(-self.total // self.per_page))

    @cached_property
    def paginator(self) -> Paginator:
        """The whole list as Django pages it, counted exactly only if asked."""
        return Paginator(self.queryset, self.per_page)


def _page_number(text) -> int:
    try:
        return max(1, int(text))
    except (TypeError, ValueError):
        return 1


def capped_page(queryset, number, *, per_page: int, cap: int | None = None) -> CappedPage:
    """Page `number` (text from the URL; anything but a positive whole number is page 1; past
    the end, the last page, as Paginator.get_page) of `queryset`, which must be ordered;
    counted up to `cap` rows (default COUNT_CAP)."""
    cap = COUNT_CAP if cap is None else cap
    number = _page_number(number)
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1]) if offset <= _MAX_OFFSET else []
    if not rows and number > 1:
        # Past the end (an old link, an edited URL): the total is needed to find the last page.
        total = queryset.count()
        number = max(1, -(-total // per_page))
        offset = (number - 1) * per_page
        rows = list(queryset[offset : offset + per_page + 1])
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    if has_next:
        counted = queryset.select_related(None).order_by()[: cap + 1].count()
        total = counted if counted <= cap else None
    else:
        total = offset + len(rows)
    return CappedPage(rows, number, per_page, has_next, total, cap, queryset)
