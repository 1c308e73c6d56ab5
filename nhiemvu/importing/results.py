"""What an import did (or, with dry_run, would do), as the command prints it."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from nhiemvu.messages import Message, bilingual


@dataclass
class ImportResult:
    dry_run: bool
    source_name: str = ""
    rows: int = 0  # non-blank data rows
    tasks_created: int = 0
    tasks_skipped: int = 0  # already in the system (same directive and fingerprint)
    duplicate_rows: int = 0  # rows repeating an earlier row of the file: counted once
    events_created: int = 0
    directives_created: list[str] = field(default_factory=list)  # "1196/UBND-TH ngày 10/05/2018"
    units_created: list[str] = field(default_factory=list)  # "Tên đơn vị (MÃ)"

    def summary_lines(self) -> list[str]:
        """The summary the command prints, in Vietnamese then English."""
        counts = {
            "rows": self.rows,
            "tasks": self.tasks_created,
            "skipped": self.tasks_skipped,
            "duplicates": self.duplicate_rows,
            "directives": len(self.directives_created),
            "units": len(self.units_created),
            "name": self.source_name,
        }
        if self.dry_run:
            lines = [
                _("Chạy thử “%(name)s”: không ghi gì vào cơ sở dữ liệu"),
                _("Dòng dữ liệu đã đọc: %(rows)d"),
                _("Nhiệm vụ sẽ tạo: %(tasks)d"),
                _("Nhiệm vụ đã có, sẽ bỏ qua: %(skipped)d"),
                _("Văn bản sẽ tạo: %(directives)d"),
                _("Đơn vị sẽ tạo: %(units)d"),
            ]
        else:
            lines = [
                _("Đã nhập “%(name)s”"),
                _("Dòng dữ liệu đã đọc: %(rows)d"),
                _("Nhiệm vụ đã tạo: %(tasks)d"),
                _("Nhiệm vụ đã có, bỏ qua: %(skipped)d"),
                _("Văn bản đã tạo: %(directives)d"),
                _("Đơn vị đã tạo: %(units)d"),
            ]
        if self.duplicate_rows:
            lines.insert(4, _("Dòng lặp lại trong tệp, tính một lần: %(duplicates)d"))
        lines = [bilingual(Message(line, **counts)) for line in lines]
        lines += [f"  + {name}" for name in self.units_created]
        return lines
