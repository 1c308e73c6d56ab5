"""The figures the report pages linked last (issue 14, "every figure a link to the task list
behind it"): the narrative report's percentages and counts of units, and all its figures when
corrected by effective dates (seed 002); the urgings report's explanation requests (seed 003
art. 18.3); the emulation ranking's rates (seed 001). Each followed to its list, which holds
what the figure counts, and no more than the user may see."""

from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.urls import reverse

from nhiemvu.reports.tests.figure_links import (
    assert_each_lists_its_figure,
    complete,
    figures_of,
    june_history,
    listed,
    task,
    urged_history,
)
from nhiemvu.tracking.models import Task
from nhiemvu.urging import services as urging
from tests.factories import DirectiveFactory, make_task, moment

pytestmark = pytest.mark.django_db

JUNE_2019 = {"period": "6/2019", "as_of": "03/07/2019 10:00"}


@pytest.fixture
def june(cast):
    """June 2019 (figure_links.june_history) and two tasks of June entered on 4 July, after the
    moment: Sở NN's due 25/06, open; Sở Tư pháp's due 30/06, completed on 28/06."""
    june_history(cast)
    task(cast, cast.agriculture_department, date(2019, 6, 20), date(2019, 6, 25), at=moment(date(2019, 7, 4)))
    entered = task(
        cast, cast.justice_department, date(2019, 6, 21), date(2019, 6, 30), at=moment(date(2019, 7, 4))
    )
    complete(entered, date(2019, 6, 28), date(2019, 7, 4))
    return cast


def total_of_june(figures) -> int:
    """The figure "Tổng số nhiệm vụ được giao" of the month."""
    (total,) = {
        f.count
        for f in figures
        if "timeliness=counted" in f.url and "assigned_from=01%2F06%2F2019" in f.url and not f.title
    }
    return total


@pytest.mark.parametrize(
    ("user", "params", "lists"),
    [
        ("desk", {}, ("recorded_late_from", "recorded_after_until", "come_due", "open_overdue")),
        ("desk", {"unit": "agriculture_department"}, ("recorded_after_until", "come_due", "subunits")),
        ("focal_officer", {}, ("recorded_after_until", "come_due", "subunits")),
    ],
    ids=["the province", "a unit with its sub-units", "a unit's own officer"],
)
@pytest.mark.parametrize("corrected", [False, True], ids=["as recorded", "corrected"])
def test_every_figure_of_the_narrative_report_lists_its_tasks_seed_002(
    client, june, user, params, lists, corrected
):
    """Its counts, its percentages (to their numerator's list) and its counts of units."""
    client.force_login(getattr(june, user))
    params = {key: getattr(june, value).pk for key, value in params.items()}
    figures = figures_of(
        client, "narrative", {**JUNE_2019, **params, **({"corrected": "on"} if corrected else {})}
    )
    # Both periods' breakdowns and rates; units: those assigned tasks, late, unrecorded, overdue.
    assert len([f for f in figures if not f.percent and not f.title]) >= 2 * 19
    assert len([f for f in figures if f.percent]) >= 2 * 10
    assert len([f for f in figures if f.title]) >= 2 * 2
    assert all("đơn vị" in f.title for f in figures if f.title)
    assert all(("corrected_until=" in f.url) == corrected for f in figures if "timeliness=" in f.url)
    urls = " ".join(f.url for f in figures)
    for name in lists:
        assert name in urls
    assert_each_lists_its_figure(client, figures)


def test_the_corrected_narrative_report_links_its_figures_by_effective_dates_seed_002(client, june):
    """Corrected, the month counts the two tasks entered after the moment, and the task
    completed on 28/06 but recorded on 05/07 among the completed: so do their lists."""
    client.force_login(june.desk)
    recorded = figures_of(client, "narrative", JUNE_2019)
    corrected = figures_of(client, "narrative", {**JUNE_2019, "corrected": "on"})
    assert (total_of_june(recorded), total_of_june(corrected)) == (6, 8)
    done = [
        f.count
        for f in corrected
        if f.url.endswith("timeliness=done") and "assigned_from=01%2F06" in f.url and not f.percent
    ]
    assert done and set(done) == {4}  # on time, late, completed on 28/06, the one entered since
    assert_each_lists_its_figure(client, corrected)


def test_a_corrected_list_stays_within_what_its_user_may_see(client, june):
    """The province's link opened by Sở NN's officer, without its unit: Sở NN's tasks only, as
    many as the officer's own report counts."""
    client.force_login(june.desk)
    url = next(
        f.url
        for f in figures_of(client, "narrative", {**JUNE_2019, "corrected": "on"})
        if "timeliness=counted" in f.url and "assigned_from=01%2F06" in f.url and not f.title
    )
    parts = urlsplit(url)
    unscoped = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("unit", "subunits")]
    client.force_login(june.focal_officer)
    own = total_of_june(figures_of(client, "narrative", {**JUNE_2019, "corrected": "on"}))
    response = listed(client, f"{parts.path}?{urlencode(unscoped)}")
    assert response.context["page"].paginator.count == own == 4  # Sở NN's 3, Chi cục's 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"corrected_until": "10/07/2019 15:00"}, "Cần nhập thời điểm lấy số liệu"),
        (
            {"as_of": "03/07/2019 10:00", "corrected_until": "01/07/2019 10:00"},
            "Thời điểm cập nhật sau phải từ thời điểm lấy số liệu đến thời điểm hiện tại",
        ),
    ],
)
def test_the_corrected_list_says_what_is_wrong_in_vietnamese(client, june, params, message):
    client.force_login(june.desk)
    response = client.get(reverse("tracking:task_list"), params)
    assert message in response.content.decode()
    assert response.context["page"].paginator.count == 0


@pytest.fixture
def explained(cast):
    """The urgings of June 2025 (figure_links.urged_history), and explanations asked: of Sở
    NN on 12/06, answered on 14/06; of Chi cục Kiểm lâm on 13/06, unanswered; of Sở Tư pháp
    on 25/06, answered on 02/07, after the moment 30/06 18:00."""
    urged_history(cast)
    for unit, asked, answered in [
        (cast.agriculture_department, date(2025, 6, 12), date(2025, 6, 14)),
        (cast.forestry, date(2025, 6, 13), None),
        (cast.justice_department, date(2025, 6, 25), date(2025, 7, 2)),
    ]:
        overdue = Task.objects.get(lead_unit=unit, due_in_force=date(2025, 6, 10))
        request = urging.request_explanation(by=None, at=moment(asked), task=overdue, question="Vì sao?")
        if answered:
            urging.answer_explanation(request, by=None, at=moment(answered), answer="Vì …")
    return cast


@pytest.mark.parametrize(
    ("user", "params", "totals"),
    [
        ("desk", {"period": "6/2025", "as_of": "30/06/2025 18:00"}, [3, 1]),
        ("desk", {"period": "6/2025"}, [3, 2]),
        ("focal_officer", {"period": "2025"}, [2, 1]),
    ],
    ids=["as of a past moment", "now", "a unit's own officer"],
)
def test_the_explanations_asked_and_answered_list_their_requests_seed_003_art_18_3(
    client, explained, user, params, totals
):
    client.force_login(getattr(explained, user))
    figures = figures_of(client, "urgings", params)
    explanations = [f for f in figures if f.url.startswith(reverse("urging:explanation_list"))]
    assert [f.count for f in explanations[-2:]] == totals  # the totals row: asked, answered
    assert all("answered=1" in f.url for f in explanations[1::2])
    assert_each_lists_its_figure(client, figures)


def test_the_list_of_explanation_requests_stays_within_the_tasks_its_user_sees(client, explained):
    client.force_login(explained.desk)
    url = [f.url for f in figures_of(client, "urgings", {"period": "6/2025"}) if "giai-trinh" in f.url][-2]
    client.force_login(explained.focal_officer)
    response = listed(client, url)
    assert {item.unit_id for item in response.context["page"]} == {
        explained.agriculture_department.pk,
        explained.forestry.pk,
    }


def test_the_list_of_explanation_requests_says_what_is_wrong_with_its_period(client, explained):
    client.force_login(explained.desk)
    url = reverse("urging:explanation_list")
    response = client.get(url, {"requested_from": "31/06/2025", "as_of": "01/01/2999 10:00"})
    content = response.content.decode()
    assert "Ngày không hợp lệ" in content and "không được sau thời điểm hiện tại" in content
    assert response.context["page"].paginator.count == 0


def test_each_rate_of_the_emulation_ranking_lists_the_tasks_completed_on_time_seed_001(client, june):
    client.force_login(june.desk)
    figures = figures_of(client, "emulation", JUNE_2019)
    rates = [f for f in figures if f.percent]
    assert rates and all("timeliness=done_on_time" in f.url for f in rates)
    assert_each_lists_its_figure(client, figures)


@pytest.fixture
def carried(cast):
    """Tasks the province gave before June 2019, still open at 03/07/2019: Sở NN's of May,
    whose directive gave Chi cục Kiểm lâm one in June too, and Sở Tư pháp's; Sở NN's other of
    May, completed then; and one of April the office, not a unit above Sở NN, gave it."""
    directive = DirectiveFactory(issued_on=date(2019, 5, 2))
    agriculture = cast.agriculture_department
    task(cast, agriculture, date(2019, 5, 2), date(2019, 5, 31), directive=directive)
    task(cast, cast.forestry, date(2019, 6, 3), date(2019, 7, 31), directive=directive)
    task(cast, cast.justice_department, date(2019, 5, 6))
    complete(
        task(cast, agriculture, date(2019, 5, 6), date(2019, 5, 20)), date(2019, 5, 17), date(2019, 5, 17)
    )
    make_task(lead_unit=agriculture, assigning_unit=cast.office, assigned_on=date(2019, 4, 2))
    return cast


def test_appendix01s_tasks_carried_over_list_those_assigned_before_the_period_seed_000(client, carried):
    """ "Kể cả 1 nhiệm vụ giao trước ngày 01/06/2019": the task of May, not the task of June
    its directive also gave, nor the office's."""
    client.force_login(carried.desk)
    params = {**JUNE_2019, "unit": carried.agriculture_department.pk}
    (note,) = [f for f in figures_of(client, "appendix01", params) if "assigner=" in f.url]
    assert note.count == 1
    assert_each_lists_its_figure(client, [note])
    # Sở Tư pháp's officer, the province's list without its unit: their own task alone.
    unscoped = [(k, v) for k, v in parse_qsl(urlsplit(note.url).query) if k not in ("unit", "subunits")]
    client.force_login(carried.other_officer)
    response = listed(client, f"{reverse('tracking:task_list')}?{urlencode(unscoped)}")
    assert [status["lead_unit"] for _task, status in response.context["rows"]] == [carried.justice_department]
