"""The pages' middleware: the language, the idle limit of a session, and an ended session
met by an htmx request.

The language is Vietnamese, unless the user chose another one. Django's LocaleMiddleware follows the browser's Accept-Language, so an officer whose browser
is set to English would get English pages without asking. Here only the language cookie set
by the switch in the layout (/i18n/setlang/) counts.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

# The session's key for the moment it was last saved by a request (a POSIX timestamp).
SEEN = "nhiemvu_seen"


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if code and translation.check_for_language(code) and code in dict(settings.LANGUAGES):
        return code
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # For this request only: the thread's language is what it was before, afterwards
        # (a test's next call, a job run in the same thread).
        with translation.override(chosen_language(request)):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ["Cookie"])
        return response


class SignInAgainMiddleware:
    """An htmx request whose session has ended opens the sign-in page as a whole page
    (HX-Redirect), coming back afterwards to the page the user was on: htmx would otherwise
    follow the redirect and swap the sign-in form into the part of the page it was updating."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
        ):
            back = request.htmx.current_url_abs_path or request.get_full_path()
            return HttpResponseClientRedirect(redirect_to_login(back)["Location"])
        return response


class IdleSessionMiddleware:
    """A signed-in session ends SESSION_IDLE_HOURS after its last request (issue 12, finding 3).

    The end is moved by saving the session, which Django's SESSION_SAVE_EVERY_REQUEST would do
    on every page view: a database write each time, and on SQLite the database's one write lock
    for as long as it takes. Here a request saves it only when the last save is
    SESSION_REFRESH_SECONDS old, so a session ends between the idle limit less those seconds
    and the idle limit after the last request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            if now - request.session.get(SEEN, 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session[SEEN] = now  # modified: SessionMiddleware saves it, cookie too
        return self.get_response(request)


def seen_at_sign_in(sender, request, user, **kwargs):
    """Signing in saves the session: the idle limit counts from then (user_logged_in)."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = int(timezone.now().timestamp())
