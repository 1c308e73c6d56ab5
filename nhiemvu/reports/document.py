"""A report as a document: the one shape the .xlsx, .docx, .pdf and CSV writers render.

Report functions return plain data (their own dataclasses of figures; JSON is written from
those). Each report also turns its data into a `Document` of blocks, and the writers know
blocks only, never a particular report: one writer per format for every report.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

CellKind = Literal["text", "int", "percent", "date"]


@dataclass(frozen=True)
class Column:
    """One column of a table. `group` names a header spanning consecutive columns that share
    it (appendix 02: "Chưa hoàn thành" over its three columns); `width` is in characters."""

    title: str
    kind: CellKind = "text"
    width: int = 12
    group: str | None = None


@dataclass(frozen=True)
class Row:
    """Cells in column order: str, int, float (a percentage, 0–100) or date, or None for empty.
    A "group" row is a heading across the table (appendix 01: the directive); it has one cell.
    A "total" row is the table's totals, in bold."""

    cells: list
    role: Literal["data", "group", "total"] = "data"
    # What lies behind each cell, for the screen (files ignore it): None, or the task-list
    # filters that list the cell's tasks ({"unit": 7, "timeliness": "done_late", …},
    # tracking.filters.TaskFilterSet), or {"task": id} for one task's page, or
    # {"urgings": filters} for the list of urgings (urging.views.urging_list), or
    # {"explanations": filters} for the list of explanation requests
    # (urging.views.explanation_list); any of them with a "title" (`titled`) where the list
    # is not plainly what the figure counts (a count of units: their tasks).
    links: tuple = ()


@dataclass
class Table:
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    title: str | None = None


@dataclass(frozen=True)
class Linked:
    """Text some of whose figures link to what lies behind them, for the screen: `links` are
    (start, end, filters) spans of `text`, in order, the filters as in Row.links."""

    text: str
    links: tuple = ()


TITLE = "title"


def titled(link: dict | None, title: str) -> dict | None:
    """`link` with the title the screen shows on it (what the list holds), None without one."""
    return None if link is None else link | {TITLE: title}


def figure(text: str, link: dict | None) -> Linked:
    """A figure as written ("16.051"), linked to its list when there is one."""
    return Linked(text, ((0, len(text), link),) if link else ())


def linked(template: str, values: dict) -> Linked:
    """`template % values` (a translated msgid and its parameters), the spans of the values
    that are Linked moved to where they land, whatever order the language puts them in."""
    marked = {name: f"\0{name}\0" if isinstance(value, Linked) else value for name, value in values.items()}
    text, spans = "", []
    for index, piece in enumerate((template % marked).split("\0")):
        if index % 2:  # a marked value's name
            value = values[piece]
            spans += [(len(text) + start, len(text) + end, link) for start, end, link in value.links]
            piece = value.text
        text += piece
    return Linked(text, tuple(spans))


@dataclass(frozen=True)
class Paragraph:
    """Running text. "heading" is a section heading (I., 1., 1.1: its text carries the
    number); "item" a list item at `level` (a dash or plus as the seeds write them)."""

    text: str
    style: Literal["body", "heading", "item", "note"] = "body"
    level: int = 0
    # For the screen (files ignore it): the figures of the text that link to their list,
    # as Linked.links spans of `text`.
    links: tuple = ()

    @classmethod
    def of(cls, content: Linked, **kwargs) -> "Paragraph":
        return cls(content.text, links=content.links, **kwargs)


@dataclass(frozen=True)
class Letterhead:
    """Decree 30/2020/NĐ-CP, appendix I: the issuing body under its parent body (left column),
    the national motto (right column), number/symbol, place and date, type and summary."""

    parent_body: str  # "UBND TỈNH KON TUM"; empty for a body with none above it
    issuing_body: str  # "VĂN PHÒNG"
    number_symbol: str  # "Số:     /BC-VP": the number is left for the clerk who files it
    place: str  # "Kon Tum"
    day: date
    document_type: str  # "BÁO CÁO"
    summary: str  # "Kết quả thực hiện nhiệm vụ … tháng 6/2019"


@dataclass(frozen=True)
class Signature:
    """Decree 30/2020: the authority line (TM./KT./TL. …), the signer's title, the name."""

    authority: str  # "TM. ỦY BAN NHÂN DÂN" or "KT. CHÁNH VĂN PHÒNG"
    title: str  # "PHÓ CHÁNH VĂN PHÒNG"
    name: str = ""


@dataclass
class Document:
    """`name` is the file name's stem and the sheet's title. `heading` are the centred title
    lines of an appendix ("PHỤ LỤC 02", "TỔNG HỢP …"); a document with a `letterhead` takes
    its title from there instead. `extraction` is the line saying when the data were taken
    ("Dữ liệu trích xuất lúc 15h30 ngày 27/12/2018"), which every report carries."""

    name: str
    extraction: str
    blocks: list[Paragraph | Table] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)
    letterhead: Letterhead | None = None
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận"
    signature: Signature | None = None
    landscape: bool = False

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
