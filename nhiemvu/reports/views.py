"""`/bao-cao/`: every report of the catalogue on screen and as a file, over what the user may
see (reports.catalogue runs it; reports.writers writes the file)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode

from nhiemvu.reports import writers
from nhiemvu.reports.catalogue import BY_SLUG, REPORTS
from nhiemvu.reports.document import TITLE, Document, Paragraph, Table
from nhiemvu.reports.forms import ReportForm
from nhiemvu.reports.issuing import issued_document
from nhiemvu.reports.writers.cells import display_text, group_text, header_layout
from nhiemvu.reports.writers.pdf_file import office_program


@login_required
def report_index(request):
    return render(request, "reports/index.html", {"reports": REPORTS.values()})


@login_required
def report_page(request, slug):
    """The report asked for on screen, with a download link per format. `format=<fmt>` in
    the same query downloads that file instead."""
    kind = BY_SLUG.get(slug)
    if kind is None:
        raise Http404
    query = request.GET.copy()
    file_format = query.pop("format", [None])[-1]
    form = ReportForm(query or None, kind=kind, user=request.user, now=timezone.now())
    asked = form.request()
    document = chart = None
    if asked is not None:
        try:
            data = kind.run(asked)
            document = issued_document(
                kind, data, issuer=form.issuer(), day=timezone.localdate(asked.made_at)
            )
            chart = _chart(kind.chart(data)) if kind.chart else None
        except ValidationError as error:  # options that do not go together
            if not form.is_bound:
                raise
            form.add_error(None, error)
    status = 400 if form.errors else 200
    if document is not None and file_format:
        return _download(document, file_format)
    context = {
        "kind": kind,
        "form": form,
        "document": document,
        "blocks": _blocks(document) if document else [],
        "chart": chart,
        "downloads": [(fmt, f"?{urlencode({**query.dict(), 'format': fmt})}") for fmt in _offered_formats()],
    }
    return render(request, "reports/report.html", context, status=status)


def _offered_formats() -> list[str]:
    """Every writer's format; PDF only where LibreOffice is installed (a button that can only
    answer "not installed" helps nobody; the .docx is the same document)."""
    return [fmt for fmt in writers.FORMATS if fmt != "pdf" or office_program() is not None]


def _download(document: Document, file_format: str) -> HttpResponse:
    if file_format not in writers.FORMATS:
        raise Http404
    try:
        content = writers.render(document, file_format)
    except writers.WriterError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=writers.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(
        True, writers.file_name(document, file_format)
    )
    return response


@dataclass(frozen=True)
class ShownTable:
    title: str | None
    header: list[list[tuple[str, int, int]]]  # rows of (text, colspan, rowspan)
    rows: list[tuple[str, list[tuple]]]  # (role, [(text, kind, href, title)])
    width: int


def _blocks(document: Document) -> list:
    """The document's blocks as the template draws them: paragraphs with their text in pieces
    (text, href, title) where figures link to their lists, tables with their header laid out and their
    cells written as the printed document writes them."""
    return [
        ("table", _table(block), None) if isinstance(block, Table) else ("paragraph", block, _pieces(block))
        for block in document.blocks
    ]


def _pieces(paragraph: Paragraph) -> list[tuple[str, str | None, str | None]]:
    text, pieces, position = paragraph.text, [], 0
    for start, end, link in paragraph.links:
        pieces += [(text[position:start], None, None), (text[start:end], _href(link), _title(link))]
        position = end
    return [*pieces, (text[position:], None, None)]


def _table(table: Table) -> ShownTable:
    depth, cells = header_layout(table.columns)
    header = [
        [
            (cell.text, cell.last - cell.first + 1, cell.bottom - cell.top + 1)
            for cell in cells
            if cell.top == level
        ]
        for level in range(depth)
    ]
    rows = []
    for row in table.rows:
        if row.role == "group":
            rows.append(("group", [(group_text(row), "text", None, None)]))
        else:
            links = row.links or (None,) * len(row.cells)
            shown = [
                (display_text(value, column.kind), column.kind, _href(link), _title(link))
                for value, column, link in zip(row.cells, table.columns, links, strict=False)
            ]
            rows.append((row.role, shown))
    return ShownTable(table.title, header, rows, len(table.columns))


def _chart(chart: dict | None) -> dict | None:
    """The chart's segments' filters made addresses, as the table's cells are."""
    if chart is not None:
        for dataset in chart["datasets"]:
            dataset["links"] = [_href(link) for link in dataset["links"]]
    return chart


def _href(link: dict | None) -> str | None:
    """A cell's link: one task's page, the list of urgings or of explanation requests with its
    filters, or the task list with the filters that list its tasks."""
    if not link:
        return None
    if "task" in link:
        return reverse("tracking:task_detail", args=[link["task"]])
    for key, name in (("urgings", "urging:urging_list"), ("explanations", "urging:explanation_list")):
        if key in link:
            return f"{reverse(name)}?{urlencode(link[key])}"
    return f"{reverse('tracking:task_list')}?{urlencode({k: v for k, v in link.items() if k != TITLE})}"


def _title(link: dict | None) -> str | None:
    return link.get(TITLE) if link else None
