"""What is wrong with an import file: each problem a Message, said in Vietnamese with the
English after it on the command line (in English alone when English is the active language).

Every problem is collected before anything is written, so the user can fix the whole file
in one go: every error is listed with its row number and column name.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from nhiemvu.importing.columns import COLUMNS
from nhiemvu.messages import Message, bilingual

AT_ROW_AND_COLUMN = _("Dòng %(row)d, cột “%(column)s”: %(text)s")
AT_ROW = _("Dòng %(row)d: %(text)s")
# The command line lists this many problems per column, then counts the rest: 100,000 bad
# rows must not print 100,000 lines (the full list stays in `issues`, for the web).
LISTED_PER_COLUMN = 20


@dataclass(frozen=True)
class Issue:
    """One problem. `row` is the row as Excel shows it (the header is row 1); `column` is a
    header text of the file's columns. Both are None for problems of the whole file."""

    message: Message
    row: int | None = None
    column: str | None = None

    def render(self, language: str) -> str:
        """The message with where it is ("Dòng 3, cột “Hạn xử lý”: …"), in `language`, on one
        line: a cell quoted in the message may hold line breaks."""
        if self.row is not None and self.column is not None:
            located = Message(AT_ROW_AND_COLUMN, row=self.row, column=self.column, text=self.message)
        elif self.row is not None:
            located = Message(AT_ROW, row=self.row, text=self.message)
        else:  # a sentence of its own
            text = self.message.render(language)
            located = text[:1].upper() + text[1:]
        text = located if isinstance(located, str) else located.render(language)
        return " ".join(text.splitlines())

    def sort_key(self, columns: Sequence[str] = COLUMNS) -> tuple[int, int]:
        position = columns.index(self.column) if self.column in columns else -1
        return (self.row or 0, position)

    def __str__(self) -> str:
        return bilingual(self)


class ImportRejected(Exception):
    """The file was not imported at all; `issues` lists every reason, in file order, and
    `hint` (optional) says how to fix them all."""

    def __init__(self, issues: list[Issue], hint: Message | None = None, columns: Sequence[str] = COLUMNS):
        self.issues = sorted(issues, key=lambda issue: issue.sort_key(columns))
        self.hint = hint
        super().__init__("\n".join(str(issue) for issue in self.issues))

    def message(self) -> str:
        """The issues under a one-line heading, for the command line."""
        heading = Message(_("Không nhập tệp: %(count)d lỗi, chưa nhập dữ liệu nào"), count=len(self.issues))
        lines = [bilingual(heading)]
        per_column: dict[str | None, int] = {}
        for issue in self.issues:
            per_column[issue.column] = per_column.get(issue.column, 0) + 1
            if per_column[issue.column] <= LISTED_PER_COLUMN:
                lines.append(str(issue))
        for column, count in per_column.items():
            if count > LISTED_PER_COLUMN:
                rest = count - LISTED_PER_COLUMN
                if column is None:
                    more = Message(_("… và %(count)d lỗi khác"), count=rest)
                else:
                    more = Message(_("… và %(count)d lỗi khác ở cột “%(column)s”"), count=rest, column=column)
                lines.append(bilingual(more))
        if self.hint is not None:
            lines.append(bilingual(self.hint))
        return "\n".join(lines)
