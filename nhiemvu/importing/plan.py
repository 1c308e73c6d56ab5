"""The plan of an import: the whole file checked against the database, nothing written.

Every row is parsed and checked in Python, against units, directives and task
fingerprints preloaded with a handful of queries. Any problem rejects the whole file, and
every problem is listed with its row and column (ImportRejected). The directives are
built by directives.services.build_directive, as register_directive builds them.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nhiemvu.dates import format_date
from nhiemvu.directives.choices import SourceChannel
from nhiemvu.directives.models import Directive
from nhiemvu.directives.services import build_directive
from nhiemvu.importing.assigning import resolve_rows
from nhiemvu.importing.cells import Row, is_blank
from nhiemvu.importing.columns import ISSUED_ON, ISSUER, NUMBER_SYMBOL, SUMMARY
from nhiemvu.importing.errors import ImportRejected, Issue
from nhiemvu.importing.resolution import NewUnit, UnitDirectory, ref
from nhiemvu.importing.results import ImportResult
from nhiemvu.importing.rows import RowData, check_header, parse_row, template_hint
from nhiemvu.messages import Message
from nhiemvu.text import normalise_text
from nhiemvu.tracking.building import task_fingerprint
from nhiemvu.tracking.models import Task
from nhiemvu.units.models import Unit, name_key

IN_CHUNK = 500  # values per `__in` lookup
DIRECTIVE_FIELD_COLUMNS = {
    "number_symbol": NUMBER_SYMBOL,
    "issued_on": ISSUED_ON,
    "issuer": ISSUER,
    "summary": SUMMARY,
}


@dataclass(eq=False)
class DirectivePlan:
    key: tuple[str, date]
    first_row: int
    existing: Directive | None = None
    built: Directive | None = None  # unsaved until the write

    @property
    def directive(self) -> Directive:
        return self.existing or self.built


@dataclass(eq=False)
class TaskPlan:
    data: RowData
    directive: DirectivePlan
    assigning_unit: Unit
    lead_unit: Unit | NewUnit
    coordinating_units: list[Unit | NewUnit]


@dataclass
class Plan:
    result: ImportResult
    new_units: list[NewUnit]
    directives: list[DirectivePlan]  # the new ones
    tasks: list[TaskPlan]


def directive_key(number_symbol: str, issued_on: date, issuer: str) -> tuple[str, date, str]:
    """A directive's identity: its number/symbol and date, from its issuer (the same issuer
    whatever the case or spacing of its name)."""
    return (number_symbol, issued_on, name_key(issuer))


def load_existing(symbols: list[str]) -> tuple[dict[tuple, Directive], set[tuple[int, str]]]:
    """The directives of these numbers/symbols already in the system, by directive_key, and
    the (directive id, fingerprint) of their tasks: a query per 500."""
    directives: dict[tuple, Directive] = {}
    for start in range(0, len(symbols), IN_CHUNK):
        for directive in Directive.objects.filter(number_symbol__in=symbols[start : start + IN_CHUNK]):
            directives[directive_key(directive.number_symbol, directive.issued_on, directive.issuer)] = (
                directive
            )
    ids = sorted(directive.pk for directive in directives.values())
    fingerprints: set[tuple[int, str]] = set()
    for start in range(0, len(ids), IN_CHUNK):
        chunk = ids[start : start + IN_CHUNK]
        fingerprints.update(
            Task.objects.filter(directive_id__in=chunk).values_list("directive_id", "fingerprint")
        )
    return directives, fingerprints


def no_units_issue() -> Issue:
    return Issue(
        Message(
            _(
                "hệ thống chưa có đơn vị nào: hãy nhập danh sách đơn vị trước bằng lệnh “nhiemvu import-units” "
                "(tệp mẫu: “nhiemvu export-template --units”)"
            )
        )
    )


def parse_file(rows: list[Row], *, today: date) -> tuple[list[tuple[RowData, bool]], list[Issue]]:
    """Header and rows checked on their own (no database)."""
    if not rows:
        raise ImportRejected([Issue(Message(_("tệp rỗng")))])
    columns, issues = check_header(rows[0])
    if issues:
        raise ImportRejected(issues, hint=template_hint())
    parsed: list[tuple[RowData, bool]] = []
    for number, row in enumerate(rows[1:], start=2):
        if is_blank(row):
            continue
        data, row_issues = parse_row(number, row, today=today, columns=columns)
        issues += row_issues
        parsed.append((data, not row_issues))
    if not parsed:
        raise ImportRejected([Issue(Message(_("tệp không có dòng dữ liệu nào")))])
    return parsed, issues


def make_plan(
    rows: list[Row], *, by, create_units: bool, dry_run: bool, assigning_unit, today: date, source_name: str
) -> Plan:
    """Check the whole file; raise ImportRejected listing every problem, or return the plan."""
    parsed, issues = parse_file(rows, today=today)
    directory = UnitDirectory.load(today=today)  # queries 1-2
    if not directory.units:
        raise ImportRejected([no_units_issue()])
    resolved, resolver = resolve_rows(
        parsed,
        directory,
        by=by,
        create_units=create_units,
        assigning_unit=assigning_unit,
        today=today,
        issues=issues,
    )
    good = [entry for entry in resolved if entry.ok]
    existing_directives, existing_fingerprints = load_existing(  # queries 3-4
        sorted({entry.data.number_symbol for entry in good})
    )

    result = ImportResult(dry_run=dry_run, source_name=source_name, rows=len(parsed))
    directives: dict[tuple, DirectivePlan] = {}
    first_summary: dict[tuple, str] = {}
    seen_tasks: dict[tuple, tuple[int, tuple]] = {}
    tasks: list[TaskPlan] = []
    for entry in good:
        data, number = entry.data, entry.data.row
        key = directive_key(data.number_symbol, data.issued_on, data.issuer)
        plan = directives.get(key)
        if plan is None:
            plan = directives[key] = DirectivePlan(
                key=key, first_row=number, existing=existing_directives.get(key)
            )
            first_summary[key] = data.summary
            if plan.existing is None:
                plan.built = _build_directive(entry, by=by, issues=issues)
        else:
            # Rows of one directive must describe it alike (else the first row's text would win).
            if name_key(first_summary[key]) != name_key(data.summary):
                values = {"first": plan.first_row}
                message = Message(
                    _("khác với dòng %(first)d cùng số, ký hiệu, ngày ban hành và cơ quan ban hành"), **values
                )
                issues.append(Issue(message, row=number, column=SUMMARY))

        # A task is its directive, lead unit, assignment date and content (task_fingerprint).
        identity = (key, ref(entry.lead_unit), data.assigned_on, " ".join(data.content.split()).casefold())
        payload = (
            data.due_on,
            data.completed_on,
            frozenset(ref(unit) for unit in entry.coordinating_units),
            normalise_text(data.note),
        )
        if identity in seen_tasks:
            first_row, first_payload = seen_tasks[identity]
            if payload == first_payload:
                result.duplicate_rows += 1  # identical rows within one file count once
            else:
                values = {"first": first_row}
                message = Message(
                    _(
                        "cùng nhiệm vụ với dòng %(first)d (văn bản, đơn vị chủ trì, ngày giao, nội dung) nhưng "
                        "khác hạn xử lý, ngày hoàn thành, đơn vị phối hợp hoặc ghi chú"
                    ),
                    **values,
                )
                issues.append(Issue(message, row=number))
            continue
        seen_tasks[identity] = (number, payload)
        if plan.existing is not None and isinstance(entry.lead_unit, Unit):
            fingerprint = task_fingerprint(
                lead_unit_id=entry.lead_unit.pk, assigned_on=data.assigned_on, content=data.content
            )
            if (plan.existing.pk, fingerprint) in existing_fingerprints:
                result.tasks_skipped += 1
                continue
        tasks.append(TaskPlan(data, plan, entry.assigning_unit, entry.lead_unit, entry.coordinating_units))

    if issues:
        raise ImportRejected(issues)

    new_directives = [plan for plan in directives.values() if plan.existing is None]
    result.tasks_created = len(tasks)
    result.events_created = sum(2 if task.data.completed_on else 1 for task in tasks)
    result.directives_created = [
        _("%(symbol)s ngày %(date)s") % {"symbol": plan.key[0], "date": format_date(plan.key[1])}
        for plan in new_directives
    ]
    # Only the units some task will use (a unit named only in skipped rows is not needed).
    used = {id(task.lead_unit) for task in tasks} | {
        id(unit) for task in tasks for unit in task.coordinating_units
    }
    needed_units = [unit for unit in resolver.new_units.values() if id(unit) in used]
    result.units_created = [f"{unit.name} ({unit.code})" for unit in needed_units]
    return Plan(
        result=result,
        new_units=needed_units,
        directives=new_directives,
        tasks=tasks,
    )


def _build_directive(entry, *, by, issues: list[Issue]) -> Directive | None:
    data = entry.data
    try:
        return build_directive(
            by=by,
            number_symbol=data.number_symbol,
            issuer=data.issuer,
            issued_on=data.issued_on,
            summary=data.summary,
            channel=SourceChannel.IMPORT,
            issuer_unit=entry.issuer_unit,
            # The office of the unit that assigns the tasks received the directive (its first row's).
            receiving_unit=entry.assigning_unit,
            check_database=False,  # load_existing and the unit directory did the look-ups
        )
    except ValidationError as error:
        for field_name, errors in error.error_dict.items():
            for problem in errors:
                message = Message(problem.message, **(problem.params or {}))
                issues.append(Issue(message, row=data.row, column=DIRECTIVE_FIELD_COLUMNS.get(field_name)))
        return None
