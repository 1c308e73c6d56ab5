"""Steps the journeys share: signing in without the login form, opening an action's form,
submitting a form and waiting for what the user waits for, and screenshots."""

import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}


def sign_in(page, live_server, user):
    """Start `user`'s session as the login form would (one journey tests the form itself):
    the browser gets the session cookie of a session Django made for them."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def open_form(page, title):
    """Open the collapsed form (a task page's action, a unit's change) whose button reads
    `title`, and wait until it is open."""
    toggle = page.get_by_role("button", name=title, exact=True).first
    toggle.click()
    form = page.locator(f"#{toggle.get_attribute('aria-controls')}")
    # Open, not opening: while Bootstrap's collapse unfolds, the form's lower part is
    # clipped and the next button sits over it.
    expect(form).to_have_class(re.compile(r"\bshow\b"))
    return form


_MESSAGES = re.compile(r'<div[^>]*(?:role="alert"|class="invalid-feedback[^"]*")[^>]*>(.*?)</div>', re.DOTALL)


def _answer(response) -> bool:
    """The server's last word on a POST: its own answer, or the page its redirect leads to."""
    request = response.request
    if request.method == "POST":
        return not 300 <= response.status < 400
    return request.redirected_from is not None and request.redirected_from.method == "POST"


def submit(page, button):
    """Click a form's button and wait for what the user waits for: the server's answer to the
    POST (the page it redirects to, if it does), however long a loaded machine takes. A
    refusal fails the journey with what the page says, not later with a stale page."""
    with page.expect_response(_answer) as answer:
        button.click()
    response = answer.value
    if response.status >= 400:
        said = [re.sub(r"<[^>]+>", "", unescape(m)).strip() for m in _MESSAGES.findall(response.text())]
        pytest.fail(f"{response.url} answered {response.status}: {said}")
    return response


def screenshot(page, folder, name):
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{name}: the page scrolls sideways at {viewport} px ({width} px)"
