"""The crawler of tests/test_crawl.py: every page a user reaches from `/` by following the
site's links, sampled by URL pattern, and what each page's interface says.

A page is sampled by its URL pattern and the names of its query parameters: the 800 task
pages are one pattern, the task list filtered by unit and the task list filtered by date
two samples of the same pattern, each visited at most `per_kind` times.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

# Links the crawl does not follow: they sign out or send a file, not a page.
NOT_PAGES = {"logout", "attachment_download", "urging_letter"}
FILE_QUERY = re.compile(r"(^|&)export=")


@dataclass
class Visit:
    url: str
    status: int
    name: str  # the URL pattern's name, with its namespace
    kwargs: dict
    untranslated: list = field(default_factory=list)  # (where, text): InterfaceText.untranslated
    links: list = field(default_factory=list)
    linked: bool = True  # reached by a link of the site (not one of the crawl's starts)


def pattern_of(url: str):
    """The resolver match of a same-site path, or None (another site, a static file, a 404)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    try:
        return resolve(parts.path)
    except Resolver404:
        return None


def kind_of(url: str, match) -> tuple:
    query = urlsplit(url).query
    return match.view_name, frozenset(key for key, _ in parse_qsl(query, keep_blank_values=True))


def crawl(client, starts=("/",), *, per_kind=1, limit=400) -> list[Visit]:
    """GET `starts` and every same-site page linked from the pages reached, breadth first."""
    queue, seen, taken, visits = list(starts), set(starts), {}, []
    while queue and len(visits) < limit:
        url = queue.pop(0)
        visit = get(client, url)
        visit.linked = url not in starts
        visits.append(visit)
        for link in visit.links:
            target = urljoin(url, link).removeprefix("http://testserver")
            target = target.split("#", 1)[0]
            match = pattern_of(target)
            if not target or target in seen or match is None or match.url_name in NOT_PAGES:
                continue
            if match.namespace == "admin":  # Django's admin: its own pages, its own catalogue
                continue
            if FILE_QUERY.search(urlsplit(target).query):
                continue
            kind = kind_of(target, match)
            if taken.get(kind, 0) >= per_kind:
                continue
            taken[kind] = taken.get(kind, 0) + 1
            seen.add(target)
            queue.append(target)
    assert not queue, f"more than {limit} kinds of page: is a link making new kinds without end?"
    return visits


def get(client, url) -> Visit:
    response = client.get(url)
    match = pattern_of(url)
    visit = Visit(
        url=url,
        status=response.status_code,
        name=match.view_name if match else "",
        kwargs=match.kwargs if match else {},
    )
    if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
        page = InterfaceText()
        page.feed(response.content.decode())
        page.close()
        visit.untranslated, visit.links = page.untranslated(), page.links
    return visit


# What a page says to its reader rather than shows as data: headings, labels, buttons,
# table headers, the navigation, and the attributes a screen reader or a tooltip reads.
UI_ELEMENTS = {
    "title",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "label",
    "legend",
    "button",
    "th",
    "caption",
    "dt",
}
UI_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class InterfaceText(HTMLParser):
    """The page's links, and what its interface says: each UI element's own text (not its
    children's) and the UI attributes of every element.

    Data is not interface and keeps its language: what an element marked `translate="no"`
    holds (the standard HTML mark for content not to translate), a table's row headers
    (`<th scope="row">`, which name the row's data), and the text of links outside the
    navigation (they name tasks, units, people). An interface text may quote the data the
    page shows ("Show the units under Sở Tài chính"): the quoted data is left out of it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, is UI text, is data)
        self.texts, self.links, self.data = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        in_nav = any(frame[0] == "nav" for frame in self.stack)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        data = (
            attrs.get("translate") == "no"
            or (tag == "th" and attrs.get("scope") == "row")
            or (tag == "a" and not in_nav)
            or bool(self.stack and self.stack[-1][2])
        )
        for name in UI_ATTRIBUTES:
            if attrs.get(name) and attrs.get("translate") != "no":
                self.texts.append((f"<{tag} {name}>", attrs[name]))
        ui = tag in UI_ELEMENTS or (tag == "a" and in_nav)
        if tag not in VOID:
            self.stack.append((tag, ui, data))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, text):
        text = " ".join(text.split())
        if text and self.stack:
            tag, ui, data = self.stack[-1]
            if data:
                self.data.add(text)
            elif ui:
                self.texts.append((f"<{tag}>", text))

    def untranslated(self) -> list[tuple[str, str]]:
        """(where, text) of the interface texts with a Vietnamese letter outside the data."""
        quoted = sorted(self.data, key=len, reverse=True)
        found = []
        for where, text in self.texts:
            rest = text
            for data in quoted:
                rest = rest.replace(data, "")
            if vietnamese(rest):
                found.append((where, text))
        return found


# Vietnamese letters: đ, the vowels ă â ê ô ơ ư, and any vowel with one of the five tone
# marks. An English interface has none of them; the site's data (names of units, tasks,
# people) has them everywhere, hence the `translate="no"` marks.
_VOWELS = "aăâeêioôơuưy"
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_LETTERS = {"đ", *"ăâêôơư"} | {
    unicodedata.normalize("NFC", vowel + tone) for vowel in _VOWELS for tone in _TONES
}
_ALL = "".join(sorted(_LETTERS | {letter.upper() for letter in _LETTERS}))
VIETNAMESE = re.compile(f"[{_ALL}]")


def vietnamese(text: str) -> bool:
    return bool(VIETNAMESE.search(text))
