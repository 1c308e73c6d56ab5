"""The urging letter (công văn đôn đốc) of an urging, as a report Document that
reports.writers renders in the Decree 30/2020/NĐ-CP format: the issuing unit's letterhead,
"V/v đôn đốc thực hiện nhiệm vụ", the unit addressed, the urging's text, the table of the
tasks it names as they stood when it was recorded (due date in force, days overdue), what the
unit is asked to do, "Nơi nhận" and the signature block.

The letter is rebuilt from the record on each download, the same every time: the tasks'
states are those in force at the urging's recording moment (reports.services.snapshots_at),
not today's.
"""

import re

from django.utils import timezone

from nhiemvu.reports.document import Column, Document, Letterhead, Paragraph, Row, Signature, Table
from nhiemvu.reports.services import snapshots_at
from nhiemvu.tracking.choices import Lifecycle
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Unit
from nhiemvu.urging.models import Urging
from nhiemvu.urging.services import is_overdue

DOCUMENT_TYPE = "CÔNG VĂN"
SUMMARY = "V/v đôn đốc thực hiện nhiệm vụ"
NUMBER_BLANK = " " * 7  # the number is written in by the clerk who registers the letter
# Bodies whose documents carry no parent body above their own name (Decree 30/2020, appendix I).
TOP_OF_BRANCH = {UnitKind.GOVERNMENT, UnitKind.MINISTRY, UnitKind.PROVINCE}
# A People's Committee's letters of urging are signed by its office for the chairman (TL.).
PEOPLES_COMMITTEES = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}
COLUMNS = [
    Column("STT", "int", width=5),
    Column("Văn bản chỉ đạo", width=22),
    Column("Nội dung nhiệm vụ", width=44),
    Column("Hạn xử lý", "date", width=12),
    Column("Số ngày trễ hạn", "int", width=10),
    Column("Tình trạng", width=16),
]


def _abbreviation(unit) -> str:
    """The unit in the letter's symbol: its short name when that is one capitalised word
    ("SNN"), else the last part of its code ("KT.VP" → "VP")."""
    short = unit.short_name.strip()
    if short and " " not in short and short.isupper():
        return short
    return unit.code.rsplit(".", 1)[-1].upper()


_PROVINCE_PREFIX = re.compile(
    r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)?\s*(tỉnh|thành phố)\s+", re.IGNORECASE
)


def _place(unit) -> str:
    """Decree 30/2020, appendix I, "địa danh": for the bodies of a province, the province's
    name ("UBND tỉnh Kon Tum" → "Kon Tum"); empty outside any province."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    province = Unit.objects.filter(pk__in=ids, kind=UnitKind.PROVINCE).order_by("path").first()
    return _PROVINCE_PREFIX.sub("", province.name).strip() if province else ""


def _symbol(unit) -> str:
    """Decree 30/2020, appendix I: an official letter's symbol is the issuing body's
    abbreviation, then the drafting unit's: a People's Committee's office drafts its urgings
    ("UBND-VP"); another body writes its own ("SNN")."""
    return "UBND-VP" if unit.kind in PEOPLES_COMMITTEES else _abbreviation(unit)


def _letterhead(unit, day) -> Letterhead:
    parent = unit.parent if unit.kind not in TOP_OF_BRANCH else None
    return Letterhead(
        parent_body=parent.name.upper() if parent else "",
        issuing_body=unit.name.upper(),
        number_symbol=f"Số:{NUMBER_BLANK}/{_symbol(unit)}",
        place=_place(unit),
        day=day,
        document_type=DOCUMENT_TYPE,
        summary=SUMMARY,
    )


def _signature(unit) -> Signature:
    if unit.kind in PEOPLES_COMMITTEES:
        return Signature(authority="TL. CHỦ TỊCH", title="CHÁNH VĂN PHÒNG")
    return Signature(authority="", title="THỦ TRƯỞNG CƠ QUAN")


def _rows(urging: Urging) -> list[Row]:
    """The urged tasks as they stood at the urging's recording, the most overdue first."""
    tasks = urging.tasks.select_related("directive").order_by("due_in_force", "pk")
    then = snapshots_at(tasks, as_of=urging.recorded_at)
    day = urging.urged_on
    states = [(task, then.get(task.pk, task)) for task in tasks]
    states.sort(key=lambda pair: (pair[1].due_in_force is None, pair[1].due_in_force or day, pair[0].pk))
    rows = []
    for number, (task, state) in enumerate(states, start=1):
        overdue = is_overdue(state, day)
        directive = task.directive
        rows.append(
            Row(
                [
                    number,
                    f"{directive.number_symbol} ngày {directive.issued_on:%d/%m/%Y}",
                    task.content,
                    state.due_in_force,
                    (day - state.due_in_force).days if overdue else None,
                    "Trễ hạn" if overdue else Lifecycle(state.lifecycle).label,
                ]
            )
        )
    return rows


def urging_letter(urging: Urging) -> Document:
    """The letter of `urging` (its unit, issuing unit and tasks read here)."""
    unit, issuer = urging.unit, urging.issuing_unit
    recorded = timezone.localtime(urging.recorded_at)
    blocks = [
        Paragraph(f"Kính gửi: {unit.name}."),
        *(Paragraph(text.strip()) for text in urging.text.splitlines() if text.strip()),
        Paragraph(f"Các nhiệm vụ {unit.name} chủ trì được đôn đốc ({urging.get_kind_display().lower()}):"),
        Table(COLUMNS, _rows(urging)),
        Paragraph(
            f"Đề nghị {unit.name} khẩn trương chỉ đạo thực hiện các nhiệm vụ trên; cập nhật tình hình, "
            "kết quả thực hiện vào hệ thống theo dõi nhiệm vụ chậm nhất 02 ngày làm việc sau thời hạn "
            "phải hoàn thành; nhiệm vụ đã quá hạn, báo cáo rõ nguyên nhân và thời gian hoàn thành./."
        ),
    ]
    return Document(
        name=f"cong-van-don-doc-{_abbreviation(unit).lower()}-{urging.urged_on:%Y%m%d}",
        extraction=f"Tình hình nhiệm vụ theo dữ liệu trên hệ thống lúc {recorded:%Hh%M} ngày {recorded:%d/%m/%Y}",
        blocks=blocks,
        letterhead=_letterhead(issuer, urging.urged_on),
        recipients=["Như trên;", f"Lưu: VT, {_symbol(issuer).rpartition('-')[2]}."],
        signature=_signature(issuer),
    )
