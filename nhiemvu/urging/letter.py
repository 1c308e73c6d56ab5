"""The urging letter (công văn đôn đốc) of an urging, as a report Document that
reports.writers renders in the Decree 30/2020/NĐ-CP format: the issuing unit's letterhead,
"V/v đôn đốc thực hiện nhiệm vụ", the unit addressed, the urging's text, the table of the
tasks it names as they stood when it was recorded (due date in force, days overdue), what the
unit is asked to do, "Nơi nhận" and the signature block.

The letter is rebuilt from the record on each download, the same every time: the tasks'
states are those in force at the urging's recording moment (reports.services.snapshots_at),
not today's.
"""

from django.utils import timezone

from nhiemvu.reports.document import Column, Document, Paragraph, Row, Signature, Table
from nhiemvu.reports.letterhead import (
    PEOPLES_COMMITTEES,
    abbreviation,
    letterhead_for,
    official_letter_symbol,
    signature_for,
)
from nhiemvu.reports.services import snapshots_at
from nhiemvu.tracking.choices import Lifecycle
from nhiemvu.units.models import Unit
from nhiemvu.urging.models import Urging
from nhiemvu.urging.services import is_overdue

DOCUMENT_TYPE = "CÔNG VĂN"
SUMMARY = "V/v đôn đốc thực hiện nhiệm vụ"
COLUMNS = [
    Column("STT", "int", width=5),
    Column("Văn bản chỉ đạo", width=22),
    Column("Nội dung nhiệm vụ", width=44),
    Column("Hạn xử lý", "date", width=12),
    Column("Số ngày trễ hạn", "int", width=10),
    Column("Tình trạng", width=16),
]


def _signature(unit: Unit) -> Signature:
    """A People's Committee's urgings are signed by the head of its office by order of the
    chairman ("TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG", Decree 30/2020 art. 13); another body's by
    its head."""
    if unit.kind in PEOPLES_COMMITTEES:
        return signature_for(unit, by_order_of="Chánh Văn phòng")
    return signature_for(unit)


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
        name=f"cong-van-don-doc-{abbreviation(unit).lower()}-{urging.urged_on:%Y%m%d}",
        extraction=f"Tình hình nhiệm vụ theo dữ liệu trên hệ thống lúc {recorded:%Hh%M} ngày {recorded:%d/%m/%Y}",
        blocks=blocks,
        letterhead=letterhead_for(
            issuer, document_type=DOCUMENT_TYPE, summary=SUMMARY, day=urging.urged_on, symbol=None
        ),
        recipients=["Như trên;", f"Lưu: VT, {official_letter_symbol(issuer).rpartition('-')[2]}."],
        signature=_signature(issuer),
    )
