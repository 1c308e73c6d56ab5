"""Eight years of the province's directives and the tasks they assign (seed 003), and the
Government's tasks to the province that it passes on (seed 004). Every directive goes
through directives.services.register_directive; every task is a Plan of steps."""

from datetime import date, timedelta

from nhiemvu.demo import data, scenarios
from nhiemvu.demo.people import person
from nhiemvu.demo.plan import Plan
from nhiemvu.directives.choices import SourceChannel
from nhiemvu.directives.models import Directive
from nhiemvu.directives.services import register_directive

FIRST_DAY = date(2018, 1, 2)
DIRECTIVES = 300  # the demo's size; tests load fewer


def register_number(b, year: int, series: str, day: date, per_day: float) -> int:
    """A register number that grows through the year, as the office's register does."""
    day_of_year = day.timetuple().tm_yday
    number = max(b.numbers.get((year, series), 0) + 1, int(day_of_year * per_day) + b.rng.randint(0, 3))
    b.numbers[(year, series)] = number
    return number


def new_directive(
    b, *, day: date, doc: str, summary: str, field_code: str, government: bool = False
) -> Directive:
    if government:
        issuer, unit, channel = (
            "Văn phòng Chính phủ",
            b.units[data.ROOT_CODE],
            SourceChannel.GOVERNMENT,
        )
        symbol = "TB-VPCP" if doc == "TB" else "VPCP-KSTT"
        number = register_number(b, day.year, symbol, day, 1.2 if doc == "TB" else 30)
    else:
        unit, channel = b.units[data.PROVINCE_CODE], SourceChannel.EOFFICE
        if b.rng.random() < 0.1:
            channel = SourceChannel.PAPER
        if doc == "CV":
            issuer, symbol = "UBND tỉnh Kon Tum", f"UBND-{desk_code(b, field_code)}"
            number = register_number(b, day.year, "CV", day, 12)
        else:
            issuer = (
                "Chủ tịch UBND tỉnh" if doc in ("CT", "CĐ") or b.rng.random() < 0.3 else "UBND tỉnh Kon Tum"
            )
            symbol = f"{doc}-UBND"
            number = register_number(
                b, day.year, doc, day, {"QĐ": 5.5, "KH": 0.9, "TB": 1, "CT": 0.03, "CĐ": 0.05}[doc]
            )
    number_symbol = f"{number}/{symbol}"
    issued_on = day - timedelta(days=b.rng.choice([0, 0, 1, 2, 3]))
    issued_on = max(issued_on, FIRST_DAY)
    received_on = (
        issued_on + timedelta(days=b.rng.randint(0, (day - issued_on).days)) if government else issued_on
    )
    surname, given = person(b.rng)
    directive = register_directive(
        by=b.users["vanphong"],
        on_behalf_of=b.units[data.PROVINCE_CODE],
        number_symbol=number_symbol,
        issuer=issuer,
        issuer_unit=unit,
        issued_on=issued_on,
        received_on=received_on,
        summary=summary,
        signer=f"{surname} {given}",
        channel=channel,
    )
    b.records.add(directive)
    return directive


def desk_code(b, field_code: str) -> str:
    return b.desk_by_field[field_code].code.rsplit(".", 1)[-1]


def active_districts(b, day: date) -> list[str]:
    merged = day >= date(*data.MERGED_ON)
    codes = [c for c in b.districts if not (merged and c == data.MERGED_CODE)]
    return [*codes, data.COMMUNE[0]] if merged else codes


def lead_units(b, spec: str, day: date) -> list[tuple[str, str | None]]:
    """(lead unit code, sub-unit to delegate to) for a topic's lead spec."""
    if spec == "*H":
        districts = active_districts(b, day)
        weights = [b.weights[c] for c in districts]
        chosen = {b.rng.choices(districts, weights)[0] for _ in range(b.rng.choice([1, 1, 1, 2, 3]))}
        return [(code, None) for code in sorted(chosen)]
    if spec == "*D":
        weights = [b.weights[c] for c in b.departments]
        return [(b.rng.choices(b.departments, weights)[0], None)]
    code, _arrow, sub = spec.partition("→")
    return [(f"{data.PROVINCE_CODE}.{code}", f"{data.AGRICULTURE_CODE}.{sub}" if sub else None)]


def directive_days(b) -> list[date]:
    """Most in past years; a third in the last year, a tenth in the last two months."""
    year_ago, weeks_ago = b.today - timedelta(days=365), b.today - timedelta(days=60)
    days = []
    for _ in range(b.directive_count):
        draw = b.rng.random()
        first, last = (
            (weeks_ago, b.today)
            if draw < 0.1
            else (year_ago, weeks_ago)
            if draw < 0.33
            else (FIRST_DAY, year_ago)
        )
        day = first + timedelta(days=b.rng.randint(0, (last - first).days))
        day = b.working(day)
        if day > b.today:
            day = b.minus(b.today, 1)
        days.append(day)
    return sorted(days)


def plan_directives(b) -> None:
    for day in directive_days(b):
        field_code, doc, summary, templates = b.rng.choice(data.TOPICS)
        context = {"year": day.year, "next_year": day.year + 1}
        directive = new_directive(
            b, day=day, doc=doc, summary=summary.format(**context), field_code=field_code
        )
        count = min(len(templates), b.rng.choice([1, 2, 2, 3, 3, 4]))
        chosen = sorted(b.rng.sample(range(len(templates)), count))
        seen = set()
        for index in chosen:
            content, spec = templates[index]
            for lead_code, sub_code in lead_units(b, spec, day):
                if (lead_code, content) in seen:
                    continue
                seen.add((lead_code, content))
                plan_task(
                    b,
                    directive=directive,
                    day=day,
                    content=content.format(**context),
                    lead_code=lead_code,
                    sub_code=sub_code,
                    field_code=field_code,
                )


def due_date(b, day: date) -> date | None:
    if b.rng.random() < 0.25:
        return None
    return b.plus(day, b.rng.choice([5, 10, 10, 15, 20, 20, 30, 45, 60]))


def plan_task(b, *, directive, day, content, lead_code, sub_code, field_code) -> None:
    due = due_date(b, day)
    weights = scenarios.OLD if (b.today - day).days > 365 else scenarios.RECENT
    scenario = b.rng.choices(list(weights), list(weights.values()))[0]
    if scenario in scenarios.NEEDS_DUE and due is None:
        scenario = scenarios.on_time
    # Seed 003: the Department may pass it on to a sub-unit.
    delegated = sub_code is not None and b.rng.random() < 0.4
    others = [c for c in b.departments if c != lead_code]
    coordinating = b.rng.sample(others, b.rng.choice([0, 0, 0, 1, 2]))
    plan = Plan(b, day)
    plan.assign(
        directive=directive,
        content=content,
        lead_unit=b.units[lead_code],
        assigning_unit=b.units[data.PROVINCE_CODE],
        assigned_on=day,
        due_on=due,
        coordinating_units=[b.units[c] for c in coordinating],
        field=b.fields[field_code],
        is_key=b.rng.random() < 0.1,
        tracking_desk=b.desk_by_field[field_code],
        tracking_officer=b.users["vanphong"] if field_code == "TH" else None,
    )
    if delegated:
        plan.accept(b.plus(day, b.rng.randint(0, 2)))
        helpers = [
            c for c in (f"{data.AGRICULTURE_CODE}.VPS", f"{data.AGRICULTURE_CODE}.KHTC") if c != sub_code
        ]
        delegation(b, plan, due, [sub_code, *b.rng.sample(helpers, b.rng.choice([0, 1]))])
    else:
        plan.script(scenario, due, reassign_to=b.units[b.rng.choice(others)])


def delegation(b, plan: Plan, due: date | None, sub_codes: list[str]) -> None:
    """The Department's focal officer passes parts of its task to sub-units; the
    Department completes its task once they have completed theirs."""
    when = b.plus(plan.day, b.rng.randint(0, 2))
    ends = []
    for sub_code in sub_codes:
        child_due = None if due is None else max(when, b.minus(due, b.rng.randint(1, 4)))
        child = plan.delegate(
            when,
            to_unit=b.units[sub_code],
            due_on=child_due,
            content=f"Tham mưu Sở thực hiện: {plan.content[0].lower()}{plan.content[1:]}",
        )
        scenario = b.rng.choices(
            [scenarios.on_time, scenarios.late, scenarios.still_open], [7, 2, 10 * plan.open_odds]
        )[0]
        if scenario is scenarios.late and child_due is None:
            scenario = scenarios.on_time
        ends.append(child.script(scenario, child_due))
    if all(end is not None for end in ends):
        plan.cursor = max([plan.cursor, *(child.cursor for child in plan.children)])
        finished = max(ends)
        completed_on = b.plus(finished, b.rng.randint(0, 2))
        plan.complete(completed_on, b.plus(completed_on, b.rng.randint(0, 1)))


def plan_government_tasks(b) -> None:
    """Seed 004: tasks the Government gives the province, which the province passes on."""
    recent = b.today - timedelta(days=365)
    for index in range(len(data.GOVERNMENT_TOPICS) * 3):
        field_code, doc, summary, content, leads = data.GOVERNMENT_TOPICS[index % len(data.GOVERNMENT_TOPICS)]
        first, last = (recent, b.today) if index % 3 == 2 else (FIRST_DAY, recent)
        day = b.working(first + timedelta(days=b.rng.randint(0, (last - first).days)))
        if day > b.today:
            day = b.minus(b.today, 1)
        directive = new_directive(
            b, day=day, doc=doc, summary=summary, field_code=field_code, government=True
        )
        content = content.format(year=day.year, plus2=day.year + 2)
        due = b.plus(day, b.rng.choice([20, 40, 60]))
        plan = Plan(b, day)
        plan.assign(
            directive=directive,
            content=content,
            lead_unit=b.units[data.PROVINCE_CODE],
            assigning_unit=b.units[data.ROOT_CODE],
            assigned_on=day,
            due_on=due,
            field=b.fields[field_code],
            tracking_desk=b.desk_by_field[field_code],
        )
        plan.accept(b.plus(day, 1))
        when = b.plus(day, b.rng.randint(1, 2))
        ends = []
        for lead in leads:
            child = plan.delegate(
                when,
                to_unit=b.units[f"{data.PROVINCE_CODE}.{lead}"],
                due_on=b.minus(due, 5),
                content=f"Tham mưu UBND tỉnh: {content[0].lower()}{content[1:]}",
            )
            scenario = b.rng.choices([scenarios.on_time, scenarios.late], [4, 1])[0]
            ends.append(child.script(scenario, b.minus(due, 5)))
        plan.cursor = max(child.cursor for child in plan.children)
        completed_on = b.plus(max(ends), 2)
        plan.complete(completed_on, completed_on, document=f"Báo cáo số {b.rng.randint(20, 400)}/BC-UBND")
