"""Reading query results without the ORM's per-value work, where it outweighs the query."""

from django.core.exceptions import EmptyResultSet
from django.db import connections


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
