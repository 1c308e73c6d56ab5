"""Real-browser journeys: Playwright driving Debian's Chromium (never `playwright install`)."""

import os

import pytest

# Playwright's sync API keeps an event loop running in the main thread for the whole session,
# and Django refuses ORM calls while one runs. Set at import, not in a fixture: once the
# browser has started, every later test of the session runs beside that loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1400, "height": 900}}


@pytest.fixture
def screenshot_dir(tmp_path):
    """Where journeys save screenshots: $NHIEMVU_SCREENSHOTS when set (to look at them), else a temp dir."""
    folder = os.environ.get("NHIEMVU_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        return folder
    return str(tmp_path)
