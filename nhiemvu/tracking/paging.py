"""A page of the task list without counting the whole list, read by a plan fit for its size.

Django's Paginator counts every row before it shows one: over a national scope that is a
COUNT of a million tasks on every view (about 90 ms at 1M on PostgreSQL, more with a text
search; bench/README.md). Here the list is counted only up to COUNT_CAP rows (beyond it the
page says "more than 10,000 tasks"), a page reads one row more than it shows to know
whether another follows, and a last page knows the total from its own rows. The .xlsx
export counts exactly (its own limit), from the same queryset.

That bounded count, of the list without its free text, also says which plan suits it:
- a short list (at most COUNT_CAP tasks: a department, a unit, a narrow filter; with a free
  text, at most SEARCHED_BY_IDS: a province) is read by its ids and sorted (db.among), and
  the free text tested on those rows only (filters.matching with indexed=False): walking an
  index in the list's order finds a department's 50 newest tasks only after 100,000 others
  (190 ms at 1M), and the trigram index reads a common word's 160,000 rows (50–100 ms) to
  keep a few hundred, where testing a province's 21,000 tasks costs what they are;
- a long list (the whole country) is walked in its order, where the first 50 come early, and
  the free text may use the trigram index for a rare word.
A text search over a list longer than COUNT_CAP is counted in a second request (htmx,
search_count_text) while the page shows its rows: counting a common word's tasks reads them
all (the trigram bitmap of 160,000 rows, or 100,000 rows scanned: 80–150 ms at 1M).
"""

from dataclasses import dataclass
from functools import cached_property, partial

from django.core.paginator import Paginator
from django.db import connection
from django.utils.formats import get_format
from django.utils.translation import gettext

from nhiemvu.db import among, sorted_slice, tested_among
from nhiemvu.tracking.filters import matching
from nhiemvu.tracking.models import Task

COUNT_CAP = 10_000
SEARCHED_BY_IDS = 50_000
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
    # A text search over a long list: the total is counted by a request of its own.
    deferred: bool = False

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

    @property
    def count_text(self) -> str:
        return count_text(self.total, self.cap)

    @cached_property
    def paginator(self) -> Paginator:
        """The whole list as Django pages it, counted exactly only if asked."""
        return Paginator(self.queryset, self.per_page)


def count_text(total: int | None, cap: int) -> str:
    """ "1.234 nhiệm vụ", or "Hơn 10.000 nhiệm vụ" above the cap (the language's separator:
    intcomma groups no digits in Vietnamese)."""
    separator = get_format("THOUSAND_SEPARATOR")
    if total is None:
        return gettext("Hơn %(cap)s nhiệm vụ") % {"cap": f"{cap:,}".replace(",", separator)}
    return gettext("%(shown)s nhiệm vụ") % {"shown": f"{total:,}".replace(",", separator)}


def _page_number(text) -> int:
    try:
        return max(1, int(text))
    except (TypeError, ValueError):
        return 1


def _bounded_count(queryset, cap: int) -> int:
    """The number of rows, or cap + 1 for any number above cap."""
    return queryset.select_related(None).order_by()[: cap + 1].count()


def _planned(unsearched, words, *, cap: int, searched_by_ids: int, walk: bool = False, remember=None):
    """The list's size (up to the bound that decides the plan, then bound + 1), the
    queryset of its tasks holding `words`, written for that plan (see the module's doc), and
    `page_ids(offset, limit)`: the ids of a page of it, in the list's order (on PostgreSQL a
    short list sorted whole inside one statement, db.sorted_slice; otherwise LIMIT/OFFSET).
    `walk`: a long list is read by walking the index of its order, its ids only tested
    (db.tested_among: SQLite, a user's scope of ids). `remember(bound, count)`: the size
    from a cache of the caller's, counted by `count()` when it has none."""
    short = max(cap, searched_by_ids) if words else cap

    def count() -> int:
        return _bounded_count(unsearched, short)

    size = count() if remember is None else remember(short, count)
    if size <= short:
        # The free text tested inside the ids' subquery, on the heap rows its bitmap scan
        # reads anyway: outside it, each of a province's 21,000 tasks was fetched again by its
        # id to be tested (70 ms at 1M, against 25 ms), and only the matching ones are now.
        searched = matching(unsearched, words, indexed=False)
        tasks = Task.objects.filter(among("id", searched.values("pk"))).order_by(*unsearched.query.order_by)
        if connection.vendor == "postgresql":
            return size, tasks, partial(sorted_slice, searched.values_list("pk", flat=True))
        return size, tasks, partial(_sliced, tasks.values_list("pk", flat=True))
    if walk:
        ids = matching(unsearched, words).values("pk")
        tasks = Task.objects.filter(tested_among("id", ids)).order_by(*unsearched.query.order_by)
    else:
        tasks = matching(unsearched, words)
    return size, tasks, partial(_sliced, tasks.values_list("pk", flat=True))


def with_relations(ids) -> list:
    """The tasks of `ids` with their directives and lead units, in that order."""
    found = Task.objects.select_related("directive", "lead_unit").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _sliced(ids, offset: int, limit: int) -> list:
    return list(ids[offset : offset + limit])


def _rows(page_ids, offset: int, limit: int, read) -> list:
    """The tasks of a page from `offset`: their ids first (`page_ids`), then `read(ids)`.
    Joined in the list's own query, the directives and lead units were joined to every row it
    sorts (a province's 21,000 tasks: 21 ms at 1M); read by a prefetch each, two more queries."""
    return read(page_ids(offset, limit))


def task_page(
    unsearched,
    words,
    number,
    *,
    per_page: int,
    cap: int | None = None,
    searched_by_ids: int | None = None,
    walk: bool = False,
    remember=None,
    read=with_relations,
) -> CappedPage:
    """Page `number` of the tasks of `unsearched` (an ordered queryset: every filter but the
    free text) that hold every one of `words`. `number` is text from the URL: anything but a
    positive whole number is page 1; past the end, the last page (as Paginator.get_page).
    `walk`, `remember`: see _planned. `read(ids)`: the page's rows of those tasks, in that order
    (by default the tasks with their directives and lead units)."""
    cap = COUNT_CAP if cap is None else cap
    searched_by_ids = SEARCHED_BY_IDS if searched_by_ids is None else searched_by_ids
    size, tasks, page_ids = _planned(
        unsearched, words, cap=cap, searched_by_ids=searched_by_ids, walk=walk, remember=remember
    )
    number = _page_number(number)
    offset = (number - 1) * per_page
    rows = _rows(page_ids, offset, per_page + 1, read) if offset <= _MAX_OFFSET else []
    if not rows and number > 1:
        # Past the end (an old link, an edited URL): the total is needed to find the last page.
        total = tasks.count()
        number = max(1, -(-total // per_page))
        offset = (number - 1) * per_page
        rows = _rows(page_ids, offset, per_page + 1, read)
    has_next = len(rows) > per_page
    rows = rows[:per_page]
    deferred = False
    if not has_next:
        total = offset + len(rows)
    elif not words:
        total = size if size <= cap else None
    elif size <= cap:
        total = tasks.order_by().count()  # at most `cap` rows, read by their ids
    else:
        total, deferred = None, True
    return CappedPage(rows, number, per_page, has_next, total, cap, tasks, deferred)


def search_count_text(unsearched, words) -> str:
    """The count a long list's page defers: how many tasks of `unsearched` hold every one of
    `words`, up to COUNT_CAP, as the page writes it."""
    _size, tasks, _page_ids = _planned(unsearched, words, cap=COUNT_CAP, searched_by_ids=SEARCHED_BY_IDS)
    counted = _bounded_count(tasks, COUNT_CAP)
    return count_text(counted if counted <= COUNT_CAP else None, COUNT_CAP)
