"""What is wrong with an import file, said in Vietnamese with English after it (in English alone
when English is the active language).

Every problem is collected before anything is written, so the user can fix the whole file
in one go (the issue: "EVERY error is listed with row number and column name").
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nhiemvu.importing.columns import COLUMNS


@dataclass(frozen=True)
class Issue:
    """One problem. `row` is the row as Excel shows it (the header is row 1); `column` is a
    header text of columns.COLUMNS. Both are None for problems of the whole file."""

    vi: str
    en: str
    row: int | None = None
    column: str | None = None

    def sort_key(self) -> tuple[int, int]:
        position = COLUMNS.index(self.column) if self.column in COLUMNS else -1
        return (self.row or 0, position)

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "vi": self.vi}
        if self.row is not None and self.column is not None:
            text = _("Dòng %(row)d, cột “%(column)s”: %(vi)s") % values
            english = f"row {self.row}, column “{self.column}”: {self.en}"
        elif self.row is not None:
            text = _("Dòng %(row)d: %(vi)s") % values
            english = f"row {self.row}: {self.en}"
        else:
            text = self.vi[:1].upper() + self.vi[1:]  # a sentence of its own
            english = self.en
        # Vietnamese is followed by the English for readers of the command's output who
        # need it; in English (the `vi` half is translated then) once is enough.
        in_vietnamese = (get_language() or settings.LANGUAGE_CODE).startswith("vi")
        return f"{text} / {english}" if in_vietnamese else text


class ImportRejected(Exception):
    """The file was not imported at all; `issues` lists every reason, in file order, and
    `hint` (optional) says how to fix them all."""

    def __init__(self, issues: list[Issue], hint: str = ""):
        self.issues = sorted(issues, key=Issue.sort_key)
        self.hint = hint
        super().__init__("\n".join(str(issue) for issue in self.issues))

    def message(self) -> str:
        """The issues under a one-line heading, for the command line."""
        count = len(self.issues)
        heading = _(
            "Không nhập tệp: %(count)d lỗi, chưa nhập dữ liệu nào / import rejected: %(count)d error(s), "
            "nothing was imported"
        ) % {"count": count}
        return "\n".join(
            [heading, *(str(issue) for issue in self.issues), *([self.hint] if self.hint else [])]
        )
