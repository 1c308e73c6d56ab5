"""Middleware of ours: no caching of personal pages, and a busy database said plainly."""

import logging

from django.db import OperationalError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


class NoStoreForUsersMiddleware:
    """Every page answered to a signed-in user holds personal data (their tasks, their units):
    no browser or proxy cache keeps it (`Cache-Control: no-store`, issue 12 finding 13)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


def is_database_locked(error: BaseException) -> bool:
    """SQLite's answer when another process still holds the write lock after the busy timeout."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


class DatabaseBusyMiddleware:
    """A write lock that outlasts SQLite's busy timeout (an import running) gets a 503 page in
    the site's layout, asking to try again, instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_locked(exception):
            return None
        logger.warning("Database locked answering %s %s", request.method, request.path)
        response = render(request, "web/database_busy.html", status=503)
        response["Retry-After"] = "30"
        return response
