"""A crawl of every page as every demo user (issue 13, "Tests"): no 5xx, no page another role
should not reach, no untranslated interface text.

Each account of the demo (nhiemvu.demo.data.USERS), with English chosen, starts from `/` and
every page that takes no argument, and follows every link of the site (tests.crawl, sampled
by URL pattern): no page fails, every page it reaches is one the permission services give
it (`may_reach` asks them, page by page, rather than a list written here), every link it
follows works, and what the interface says (headings, labels, buttons, table headers,
navigation, tooltips) has no Vietnamese letter; data keeps its language (tests.crawl says
which text is data). Then, in Vietnamese, each account opens the other named URL patterns,
Django's admin included, with the arguments the crawls of all accounts found: none fails,
and none opens for an account the services refuse.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nhiemvu.accounts.models import User
from nhiemvu.accounts.permissions import (
    can_keep_focal_officer_of,
    can_manage_units,
    is_admin,
    keeps_focal_officers,
)
from nhiemvu.compliance.permissions import can_keep, keeps_register
from nhiemvu.demo.data import USERS
from nhiemvu.directives.entry_forms import assigning_units
from nhiemvu.directives.models import SecretEntry
from nhiemvu.directives.services import may_keep_secret_register, visible_directives
from nhiemvu.reminders.access import keeps_outbox
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit
from tests.cast import built_for_the_module, load_small_demo
from tests.crawl import NOT_PAGES, crawl, get

pytestmark = pytest.mark.system  # every page as every user

USERNAMES = [username for username, *_ in USERS]
# Pages no link leads to: the forms' actions (POST only), and the page a new user reaches
# with the token e-mailed to them.
NOT_LINKED = {
    "tracking:task_action",
    "administration:unit_change",
    "administration:role_add",
    "administration:role_remove",
    "administration:user_password",
    "administration:correction_remove",
    "administration:focal_officer_remove",
    "urging:urge",
    "urging:request_explanation",
    "urging:answer",
    "compliance:sent_report",
    "reminders:notification_open",
    "reminders:resend",
    "password_reset_confirm",
}


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    yield from built_for_the_module(load_small_demo, django_db_blocker)


@pytest.fixture(scope="module")
def crawls():
    """Each (username, language)'s crawl, made once for the module's tests."""
    return {}


def crawled(crawls, username, language="en"):
    """The crawl, in English: what it checks besides the language does not depend on it, and
    the pages are opened in Vietnamese, the default, by the named pages' test."""
    if (username, language) not in crawls:
        crawls[username, language] = crawl(signed_in(username, language), starts())
    return crawls[username, language]


def signed_in(username, language="vi") -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    if language != settings.LANGUAGE_CODE:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def starts() -> list[str]:
    """`/` and every page of the site that takes no argument (some, like the secret register,
    no link leads to); not Django's admin, whose pages the named pages' test opens."""
    named = [
        reverse(name)
        for name, needs_arguments in named_patterns()
        if not needs_arguments and name.rpartition(":")[2] not in NOT_PAGES
    ]
    return ["/", *(url for url in named if url != "/" and not url.startswith(reverse("admin:index")))]


def may_reach(user, visit) -> bool:
    """May `user` open the page `visit` reached, by the services that decide it?"""
    namespace, _, name = visit.name.rpartition(":")
    pk = visit.kwargs.get("pk")
    if namespace == "admin" and name != "login":  # its login form is everyone's
        request = RequestFactory().get(visit.url)
        request.user = user
        return admin.site.has_permission(request)
    if namespace == "administration" and name.startswith("focal_officer"):  # administration.access
        if name == "focal_officer_unit":
            unit = Unit.objects.get(pk=pk)
            return unit.active_until is None and can_keep_focal_officer_of(user, unit)
        return keeps_focal_officers(user)
    if namespace == "reminders" and name == "outbox_list":
        return keeps_outbox(user)
    if namespace == "compliance":  # the register the office keeps, as the focal officers' list
        if name == "unit_line":
            return can_keep(user, Unit.objects.get(pk=pk))
        return keeps_register(user)
    if namespace == "administration":
        units = name.startswith("unit") or name == "awaiting_successor"
        return can_manage_units(user) if units else is_admin(user)
    if name == "task_detail":
        return Task.objects.visible_to(user).filter(pk=pk).exists()
    if name == "directive_detail":
        return visible_directives(user).filter(pk=pk).exists()
    if name == "directive_add":
        return assigning_units(user).exists()
    if name == "secret_entry_add":
        return may_keep_secret_register(user)
    if name == "secret_entry_edit":
        return may_keep_secret_register(user) and SecretEntry.objects.visible_to(user).filter(pk=pk).exists()
    return True  # the pages of every signed-in user


def named_patterns(resolver=None, namespace=""):
    """(name with its namespace, needs arguments) of every named URL pattern."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", bool(pattern.pattern.regex.groups)


def samples(crawls) -> dict[str, list[str]]:
    """Every named page with up to two addresses: its own when it takes no argument, else
    those the crawls of every user reached."""
    found = {}
    for username in USERNAMES:
        for visit in crawled(crawls, username):
            urls = found.setdefault(visit.name, [])
            if visit.url not in urls and len(urls) < 2 and not urlsplit(visit.url).query:
                urls.append(visit.url)
    # No demo account both keeps the secret register and is on one of its lines.
    found["secret_entry_edit"] = [
        reverse("secret_entry_edit", args=[pk]) for pk in SecretEntry.objects.values_list("pk", flat=True)[:2]
    ]
    pages = {}
    for name, needs_arguments in named_patterns():
        if name.rpartition(":")[2] in NOT_PAGES:
            continue
        pages[name] = found.get(name, []) if needs_arguments else [reverse(name)]
    return pages


def test_every_user_reaches_only_their_pages_and_no_page_fails(_demo, db, crawls):
    problems = []
    for username in USERNAMES:
        user = User.objects.get(username=username)
        visits = crawled(crawls, username)
        assert len(visits) > 5, f"{username} reached only {[v.url for v in visits]}"
        for visit in visits:
            if visit.status >= 500:
                problems.append(f"{username}: {visit.url} answered {visit.status}")
            elif visit.status == 200 and not may_reach(user, visit):
                problems.append(f"{username}: reached {visit.url}, which is not theirs")
            elif visit.linked and visit.status not in (200, 302):
                problems.append(f"{username}: the link to {visit.url} answers {visit.status}")
    assert not problems, "\n".join(problems)


def test_every_named_page_as_every_user(_demo, db, crawls):
    pages = samples(crawls)
    unsampled = {name for name, urls in pages.items() if not urls and not name.startswith("admin:")}
    assert unsampled <= NOT_LINKED, unsampled
    problems = []
    for username in USERNAMES:
        client, user = signed_in(username), User.objects.get(username=username)
        crawled_urls = {visit.url for visit in crawled(crawls, username)}
        for urls in pages.values():
            for url in set(urls) - crawled_urls:
                visit = get(client, url)
                if visit.status >= 500:
                    problems.append(f"{username}: {url} answered {visit.status}")
                elif visit.status == 200 and not may_reach(user, visit):
                    problems.append(f"{username}: opened {url}, which is not theirs")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("username", USERNAMES)
def test_the_english_interface_has_no_vietnamese_text(_demo, db, crawls, username):
    untranslated = sorted(
        {
            f"{urlsplit(visit.url).path} {where}: {text!r}"
            for visit in crawled(crawls, username)
            for where, text in visit.untranslated
        }
    )
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)
