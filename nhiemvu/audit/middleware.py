"""The request being served, for audit receivers of model signals (which get no request).

Role and account changes are caught by model signals so that every door (admin, CLI, services)
is audited; this lets those receivers name the acting user and the address. Outside a request
(CLI, jobs) there is none, and the event records no actor.
"""

from contextvars import ContextVar

_request: ContextVar = ContextVar("nhiemvu_audit_request", default=None)


def current_request():
    return _request.get()


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
