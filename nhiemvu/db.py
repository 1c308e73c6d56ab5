"""Query shapes the ORM does not write by itself, where a plan depends on them."""

import operator
from functools import reduce

from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import F, Lookup, Q


def fetch_rows(queryset) -> list[tuple]:
    """Every row of a values_list() queryset as the database driver returns it.

    The SQL is the ORM's own; only Django's per-value converters and chunked iteration are
    skipped: over the 5,000 rows of a national per-unit report they add 5–10 ms to each
    query (bench/README.md, item 9), and counts, ids and names need no conversion on either
    database.
    """
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:  # a filter that nothing can match, such as an empty IN list
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def sorted_slice(queryset, offset: int, limit: int) -> list:
    """`limit` values of an ordered one-column values_list() queryset, from `offset`.

    On PostgreSQL, sorted and sliced inside one array (`(ARRAY(query))[from:to]`): the rows
    are sorted where the query finds them, and no outer query fetches them again by id to
    sort them (a province's 2,300 tasks holding "ke hoach": 14,000 buffers, 5–10 ms at 1M).
    For short lists only: the whole list is sorted on every page. PostgreSQL only.
    """
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT (ARRAY({sql}))[%s:%s]", (*params, offset + 1, offset + limit))
        return cursor.fetchone()[0]


class _AmongIds(Lookup):
    """`column` among the ids a subquery gives: `= ANY(ARRAY(subquery))` on PostgreSQL, which
    resolves the ids once (an InitPlan) and then reads the rows by those ids: each branch of
    a user's scope is an index scan that a bitmap OR can combine (`IN (subquery)` under an
    OR is a filter on every row), and a short list is read by its ids and sorted rather than
    found by walking an index in the list's order. SQLite serves `IN (subquery)` with an
    index in each branch of an OR already."""

    lookup_name = "among_ids"
    prepare_rhs = False
    sql_form = "{lhs} IN {rhs}"
    postgresql_form = "{lhs} = ANY(ARRAY{rhs})"

    def _render(self, form, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        return form.format(lhs=lhs, rhs=rhs), (*lhs_params, *rhs_params)

    def as_sql(self, compiler, connection):
        return self._render(self.sql_form, compiler, connection)

    def as_postgresql(self, compiler, connection):
        return self._render(self.postgresql_form, compiler, connection)


class _TestedAmongIds(_AmongIds):
    """`column` among the ids a subquery gives, tested on each row the query reads rather
    than used to find them: SQLite's `+column IN (subquery)`, the ids read once into a
    temporary index. The rows are then found by the index of the query's ORDER BY, walked
    until a page is full; with `column IN (subquery)` SQLite read every one of the ids' rows
    and sorted them (a province's 21,000 tasks at 1M: 72 ms, against 15)."""

    lookup_name = "tested_among_ids"
    sql_form = postgresql_form = "+{lhs} IN {rhs}"


def tested_among(column: str, ids) -> Q:
    """A filter for SQLite (_TestedAmongIds): `column` among `ids`, a one-column queryset."""
    return Q(_TestedAmongIds(F(column), ids.order_by()))


def among(column: str, ids) -> Q:
    """A filter: `column` is one of the values of `ids` (a one-column queryset), read once."""
    return Q(_AmongIds(F(column), ids.order_by()))


def any_of(model, branches: list[Q]) -> Q:
    """A filter on `model`: the rows that match at least one of `branches`, each of them a
    filter its own index serves.

    On PostgreSQL, their OR: the planner combines the branches' index scans by a bitmap OR.
    SQLite serves no OR of such branches with indexes and reads the whole table instead (a
    department's visible tasks at 1M: 640 ms, bench/README.md); there, the rows whose id is
    in the UNION ALL of the branches' ids, each part read by its own index (3 ms)."""
    if connection.vendor != "sqlite" or len(branches) == 1:
        return reduce(operator.or_, branches)
    parts = [model.objects.filter(branch).order_by().values("pk") for branch in branches]
    return Q(pk__in=parts[0].union(*parts[1:], all=True))
