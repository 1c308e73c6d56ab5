"""Following a report page's links (issue 14, "every figure a link to the task list behind
it"): the figures of a page with their lists, each list's count against its figure, and the
small histories the tests of links share, over the shared cast."""

import html
import re
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from nhiemvu.reports.catalogue import REPORTS
from nhiemvu.tracking import services
from nhiemvu.urging import services as urging
from nhiemvu.urging.choices import UrgingKind
from tests.factories import make_task, moment

# A linked figure: a count (a dot between thousands), a percentage, a count of units whose
# title says the list holds their tasks.
LINK = re.compile(r'<a href="(/(?:nhiem-vu|don-doc|giai-trinh)/\?[^"]+)"(?: title="([^"]*)")?>([^<]+)</a>')


@dataclass(frozen=True)
class Figure:
    url: str
    text: str
    title: str = ""

    @property
    def percent(self) -> bool:
        return self.text.endswith("%")

    @property
    def count(self) -> int:
        return int(self.text.replace(".", ""))


def page(kind: str) -> str:
    return reverse("reports:report", args=[REPORTS[kind].slug])


def figures_of(client, kind: str, params: dict) -> list[Figure]:
    response = client.get(page(kind), params)
    assert response.status_code == 200
    return [
        Figure(html.unescape(url), html.unescape(text), html.unescape(title or ""))
        for url, title, text in LINK.findall(response.content.decode())
    ]


def linked_figures(client, kind: str, params: dict) -> list[tuple[str, int]]:
    """The counts of tasks or urgings of the page, with their lists."""
    return [(f.url, f.count) for f in figures_of(client, kind, params) if not f.percent and not f.title]


def listed(client, url: str):
    """The list a link opens; a task list as htmx asks for it (the same view and rows, drawn
    without the page around them: most of these tests' time was drawing filter forms)."""
    headers = {"HX-Request": "true"} if url.startswith(reverse("tracking:task_list")) else {}
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


def assert_each_lists_its_figure(client, figures):
    """Each count's list holds as many rows as it says (`figures`: Figures, or (url, count) as
    linked_figures gives them); a count of units lists the tasks of as many units, and a
    percentage links to the list of a count, its numerator."""
    figures = [f if isinstance(f, Figure) else Figure(f[0], str(f[1])) for f in figures]
    counts, lists = set(), {}
    for figure in (f for f in figures if not f.percent):
        # A list opened once per address: the same figure shown twice (a share and its
        # breakdown's total, say) asks the same question of the same data.
        if figure.url not in lists:
            lists[figure.url] = listed(client, figure.url)
        response = lists[figure.url]
        if figure.title:
            units = {status["lead_unit"].pk for _task, status in response.context["rows"]}
            assert len(units) == figure.count, figure
        else:
            assert response.context["page"].paginator.count == figure.count, figure
            counts.add(figure.url)
    for figure in (f for f in figures if f.percent):
        assert figure.url in counts, figure


def task(cast, unit, assigned_on, due_on=None, **kwargs):
    return make_task(
        lead_unit=unit, assigning_unit=cast.province, assigned_on=assigned_on, due_on=due_on, **kwargs
    )


def complete(task, completed_on, recorded_on):
    services.complete(task, by=None, at=moment(recorded_on), completed_on=completed_on, result_document="BC")


def june_history(cast):
    """June 2019 (seed 002's month, its moment 10h00 on 03/07): on time; late and recorded late
    (due Monday 10/06, recorded Friday 14/06); open without a due date, not yet due, overdue;
    completed on 28/06 but recorded on 05/07; and a task of March, completed."""
    agriculture, justice = cast.agriculture_department, cast.justice_department
    complete(task(cast, agriculture, date(2019, 6, 3), date(2019, 6, 10)), date(2019, 6, 7), date(2019, 6, 7))
    complete(task(cast, justice, date(2019, 6, 3), date(2019, 6, 10)), date(2019, 6, 14), date(2019, 6, 14))
    task(cast, agriculture, date(2019, 6, 5))
    task(cast, justice, date(2019, 6, 5), date(2019, 7, 15))
    task(cast, justice, date(2019, 6, 6), date(2019, 6, 20))
    complete(
        task(cast, cast.forestry, date(2019, 6, 6), date(2019, 6, 20)), date(2019, 6, 28), date(2019, 7, 5)
    )
    complete(
        task(cast, agriculture, date(2019, 3, 1), date(2019, 3, 29)), date(2019, 3, 28), date(2019, 3, 28)
    )
    return cast


def urged_history(cast):
    """June 2025: Sở NN reminded on the 11th, criticised on the 20th but entered on 3 July;
    Chi cục Kiểm lâm reminded on the 12th; Sở Tư pháp required to review itself on the 15th,
    and returning a task on the 16th; Chi cục Kiểm lâm returning one on 2 July, out of the
    period, as the reminder of Sở NN in May."""
    agriculture, justice = cast.agriculture_department, cast.justice_department
    late = task(cast, agriculture, date(2025, 5, 2), date(2025, 6, 10))
    forest = task(cast, cast.forestry, date(2025, 5, 2), date(2025, 6, 10))
    theirs = task(cast, justice, date(2025, 6, 2), date(2025, 6, 10))
    for unit, urged_task, kind, urged_on, recorded_on in [
        (agriculture, late, UrgingKind.REMINDER, date(2025, 5, 20), date(2025, 5, 20)),
        (agriculture, late, UrgingKind.REMINDER, date(2025, 6, 11), date(2025, 6, 11)),
        (agriculture, late, UrgingKind.CRITICISM, date(2025, 6, 20), date(2025, 7, 3)),
        (cast.forestry, forest, UrgingKind.REMINDER, date(2025, 6, 12), date(2025, 6, 12)),
        (justice, theirs, UrgingKind.REVIEW, date(2025, 6, 15), date(2025, 6, 15)),
    ]:
        urging.urge(
            by=cast.admin,
            at=moment(recorded_on),
            unit=unit,
            tasks=[urged_task],
            kind=kind,
            text="Đề nghị",
            urged_on=urged_on,
        )
    outside = task(cast, cast.forestry, date(2025, 6, 2))
    services.return_task(
        task(cast, justice, date(2025, 6, 2)),
        by=None,
        at=moment(date(2025, 6, 16)),
        reason="Không thuộc chức năng",
    )
    services.return_task(outside, by=None, at=moment(date(2025, 7, 2)), reason="Không thuộc chức năng")
    return cast
