"""Seed 000 appendix 01: the Government's tasks to the province still open, by directive,
rebuilt from their history, and as the system knew them at a past moment."""

from datetime import date

import pytest
from django.utils import translation

from nhiemvu.directives.choices import DirectiveType
from nhiemvu.reports.appendix01 import appendix01, as_document
from nhiemvu.reports.document import Letterhead, Signature
from nhiemvu.tracking import services
from nhiemvu.units.choices import UnitKind
from tests.factories import DirectiveFactory, UnitFactory, make_task, moment

pytestmark = pytest.mark.django_db

YEAR_FROM, YEAR_TO = date(2018, 1, 1), date(2018, 12, 31)
EXTRACTED = moment(date(2018, 12, 27), 15, 30)
D = date

# Seed 000 appendix 01: (doc type, number/symbol, issued, assigned to the province, tasks as
# (content, status explanation, due date)), in the seed's order.
SEED_000_APPENDIX_01 = [
    (
        DirectiveType.OFFICIAL_LETTER,
        "1665/VPCP-KSTT",
        D(2018, 2, 13),
        D(2018, 2, 20),
        [
            (
                "Khẩn trương ban hành Kiến trúc Chính phủ điện tử cấp Bộ, Kiến trúc Chính quyền điện tử cấp tỉnh",
                "Nhiệm vụ còn tồn đọng phải xử lý; hiện nay đang lấy ý kiến các đơn vị để ban hành",
                D(2018, 8, 31),
            )
        ],
    ),
    (
        DirectiveType.NOTICE,
        "268/TB-VPCP",
        D(2018, 7, 31),
        D(2018, 8, 3),
        [
            (
                "Triển khai Thông báo Kết luận của Phó Thủ tướng Chính phủ Vương Đình Huệ",
                "Đã giao Sở Nông nghiệp và Phát triển nông thôn tại công văn số 1908/VP-NNTN ngày 10/8/2018",
                D(2020, 12, 31),
            )
        ],
    ),
    (
        DirectiveType.DECISION,
        "985/QĐ-TTg",
        D(2018, 8, 8),
        D(2018, 8, 10),
        [
            (
                "Xây dựng hoặc nâng cấp Cổng dịch vụ công, Hệ thống thông tin một cửa điện tử cấp tỉnh",
                "",
                D(2019, 6, 30),
            ),
            (
                "Ban hành quy trình nội bộ, quy trình điện tử đối với việc giải quyết từng thủ tục hành chính.",
                "",
                D(2019, 3, 31),
            ),
            (
                "Tổ chức thực hiện toàn bộ quy trình tiếp nhận, giải quyết thủ tục hành chính tại Bộ phận Một cửa.",
                "",
                D(2019, 6, 30),
            ),
        ],
    ),
    (
        DirectiveType.NOTICE,
        "310/TB-VPCP",
        D(2018, 8, 4),
        D(2018, 8, 13),
        [
            (
                "Thông báo Kết luận của Phó Thủ tướng Vương Đình Huệ tại Hội nghị Tổng kết Chương trình khoa học công nghệ",
                "Đã triển khai tại Văn bản số 2149/VP-NNTN ngày 13/9/2018",
                D(2019, 12, 26),
            )
        ],
    ),
    (
        DirectiveType.DECISION,
        "1288/QĐ-TTg",
        D(2018, 10, 1),
        D(2018, 10, 5),
        [
            (
                "Quyết định Phê duyệt Đề án quản lý rừng bền vững và chứng chỉ rừng",
                "Đợi hướng dẫn của Bộ Nông nghiệp và PTNT",
                None,
            )
        ],
    ),
    (
        DirectiveType.RESOLUTION,
        "125/NQ-CP",
        D(2018, 10, 8),
        D(2018, 10, 12),
        [
            (
                "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 28-NQ/TW về cải cách chính sách bảo hiểm xã hội",
                "Đã chuyển và đề nghị Sở Lao động - Thương binh và Xã hội, Bảo hiểm xã hội tỉnh tại Phiếu chuyển số 177/PC-KGVX",
                D(2019, 12, 31),
            )
        ],
    ),
    (
        DirectiveType.DECISION,
        "1385/QĐ-TTg",
        D(2018, 10, 21),
        D(2018, 10, 25),
        [
            (
                "Triển khai Đề án hỗ trợ thôn, bản, ấp của các xã đặc biệt khó khăn khu vực biên giới",
                "Đã triển khai tại Văn bản số 2697/VP-NNTN ngày 05/11/2018",
                D(2020, 12, 30),
            )
        ],
    ),
    (
        DirectiveType.DECISION,
        "559/QĐ-TTg",
        D(2017, 4, 24),
        D(2017, 5, 2),
        [
            (
                "Ban hành Quyết định quy định chế độ báo cáo thuộc phạm vi thẩm quyền của UBND cấp tỉnh",
                "Nhiệm vụ còn tồn đọng phải xử lý trong năm 2018",
                D(2018, 12, 31),
            ),
            (
                "Tổ chức sơ kết tình hình, kết quả thực hiện việc đơn giản hóa chế độ báo cáo",
                "",
                D(2019, 3, 31),
            ),
        ],
    ),
]


@pytest.fixture
def tree():
    government = UnitFactory(name="Chính phủ", kind=UnitKind.GOVERNMENT, code="CP")
    province = UnitFactory(name="UBND tỉnh Kon Tum", kind=UnitKind.PROVINCE, parent=government, code="KT")
    department = UnitFactory(name="Sở Nông nghiệp và Phát triển nông thôn", parent=province, code="KT.SNN")
    return government, province, department


def government_task(tree, directive, content, assigned_on, due_on, lead_unit=None):
    government, province, _department = tree
    return make_task(
        directive=directive,
        lead_unit=lead_unit or province,
        assigning_unit=government,
        assigned_on=assigned_on,
        due_on=due_on,
        content=content,
    )


@pytest.fixture
def seed_history(tree):
    """The seed's eleven open tasks with their progress notes, and around them what the
    appendix leaves out: a completed task, a cancelled one, the province's own task."""
    _government, province, department = tree
    for doc_type, number_symbol, issued, assigned, tasks in SEED_000_APPENDIX_01:
        directive = DirectiveFactory(
            doc_type=doc_type,
            number_symbol=number_symbol,
            issued_on=issued,
            issuer="Chính phủ",
            summary=f"Trích yếu {number_symbol}",
        )
        for content, status, due in tasks:
            task = government_task(tree, directive, content, assigned, due)
            if status:
                services.update_progress(task, by=None, at=moment(D(2018, 11, 20)), note="Đã tiếp nhận")
                services.update_progress(task, by=None, at=moment(D(2018, 11, 30)), note=status)
    other = DirectiveFactory(
        doc_type=DirectiveType.DECISION, number_symbol="1000/QĐ-TTg", issued_on=D(2018, 3, 1)
    )
    done = government_task(tree, other, "Nhiệm vụ đã hoàn thành", D(2018, 3, 5), D(2018, 6, 30))
    services.complete(
        done, by=None, at=moment(D(2018, 6, 20)), completed_on=D(2018, 6, 20), result_document="BC 1"
    )
    cancelled = government_task(tree, other, "Nhiệm vụ đã hủy", D(2018, 3, 5), D(2018, 6, 30))
    services.cancel(cancelled, by=None, at=moment(D(2018, 4, 1)), reason="Không còn phù hợp")
    own = DirectiveFactory(number_symbol="2000/UBND-KTTH", issued_on=D(2018, 4, 1))
    make_task(directive=own, lead_unit=department, assigning_unit=province, assigned_on=D(2018, 4, 2))


def printed_rows(report):
    """The report as seed 000 appendix 01 prints it: no., number/symbol, task, status, due date."""
    return [
        (task.number, group.reference, task.content, task.status, task.due_on)
        for group in report.directives
        for task in group.tasks
    ]


def test_appendix_01_is_rebuilt_from_history_in_the_seeds_order_seed_000(tree, seed_history):
    _government, province, _department = tree
    with translation.override("vi"):
        report = appendix01(scope=province, date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED)
    expected = []
    number = 0
    type_names = {
        DirectiveType.OFFICIAL_LETTER: "Văn bản",
        DirectiveType.NOTICE: "Thông báo",
        DirectiveType.DECISION: "Quyết định",
        DirectiveType.RESOLUTION: "Nghị quyết",
    }
    for doc_type, number_symbol, issued, _assigned, tasks in SEED_000_APPENDIX_01:
        for content, status, due in tasks:
            number += 1
            reference = f"{type_names[doc_type]} số {number_symbol} ngày {issued:%d/%m/%Y}"
            expected.append((number, reference, content, status, due))
    assert printed_rows(report) == expected
    assert report.scope == "UBND tỉnh Kon Tum" and report.assigned_by == ["Chính phủ"]


def test_the_periods_tasks_come_before_those_carried_over_seed_000_ii_2(tree, seed_history):
    """Seed 000 II.2: "09 nhiệm vụ giao trong năm 2018 … 02 nhiệm vụ giao trong năm 2017"."""
    _government, province, _department = tree
    report = appendix01(scope=province, date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED)
    assert [(group.reference.split(" ngày")[0], group.carried_over) for group in report.directives][-1] == (
        "Quyết định số 559/QĐ-TTg",
        True,
    )
    assert sum(len(group.tasks) for group in report.directives if not group.carried_over) == 9
    classes = [
        task.timeliness for group in report.directives if not group.carried_over for task in group.tasks
    ]
    # "còn 07 nhiệm vụ có quy định thời gian hoàn thành sau ngày 01/01/2019; 01 nhiệm vụ không
    # quy định thời gian thực hiện; 01 nhiệm vụ đã trễ hạn nhưng chưa hoàn thành"
    assert (
        classes.count("open_not_due"),
        classes.count("open_no_deadline"),
        classes.count("open_overdue"),
    ) == (
        7,
        1,
        1,
    )
    without = appendix01(
        scope=province, date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED, carried_over=False
    )
    assert len(without.tasks()) == 9


def test_as_of_a_past_moment_the_report_shows_what_the_system_knew_then(tree):
    government, province, department = tree
    directive = DirectiveFactory(
        doc_type=DirectiveType.DECISION, number_symbol="985/QĐ-TTg", issued_on=D(2018, 8, 8)
    )
    completed_later = government_task(
        tree, directive, "Hoàn thành sau thời điểm", D(2018, 8, 10), D(2019, 6, 30)
    )
    updated_later = government_task(tree, directive, "Cập nhật sau thời điểm", D(2018, 8, 10), D(2018, 12, 1))
    services.update_progress(updated_later, by=None, at=moment(D(2018, 12, 1)), note="Đang lấy ý kiến")
    services.request_extension(
        updated_later, by=None, at=moment(D(2018, 12, 28)), proposed=D(2019, 3, 31), reason="Chờ hướng dẫn"
    )
    services.decide_extension(updated_later, by=None, at=moment(D(2018, 12, 29)), approve=True)
    services.update_progress(updated_later, by=None, at=moment(D(2019, 1, 5)), note="Đã ban hành dự thảo")
    services.complete(
        completed_later,
        by=None,
        at=moment(D(2019, 1, 10)),
        completed_on=D(2018, 12, 26),
        result_document="BC 2",
    )
    reassigned_later = government_task(tree, directive, "Giao lại sau thời điểm", D(2018, 8, 10), None)
    services.reassign(
        reassigned_later, by=None, at=moment(D(2019, 1, 7)), to_unit=department, note="Đúng chức năng"
    )
    assigned_later = government_task(tree, directive, "Giao sau thời điểm", D(2018, 12, 20), None)
    services.update_progress(assigned_later, by=None, at=moment(D(2018, 12, 20)), note="x")
    assigned_later_recorded = make_task(
        directive=directive,
        lead_unit=province,
        assigning_unit=government,
        assigned_on=D(2018, 12, 20),
        at=moment(D(2018, 12, 28)),
        content="Giao trong kỳ nhưng nhập sau thời điểm",
    )

    then = appendix01(scope=province, date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED)
    rows = {
        task.content: (task.status, task.due_on, task.timeliness, task.lead_unit) for task in then.tasks()
    }
    assert rows == {
        "Hoàn thành sau thời điểm": ("", D(2019, 6, 30), "open_not_due", "UBND tỉnh Kon Tum"),
        "Cập nhật sau thời điểm": ("Đang lấy ý kiến", D(2018, 12, 1), "open_overdue", "UBND tỉnh Kon Tum"),
        "Giao lại sau thời điểm": ("", None, "open_no_deadline", "UBND tỉnh Kon Tum"),
        "Giao sau thời điểm": ("x", None, "open_no_deadline", "UBND tỉnh Kon Tum"),
    }
    assert assigned_later_recorded.pk not in {task.task_id for task in then.tasks()}

    now = appendix01(scope=province, date_from=YEAR_FROM, date_to=YEAR_TO, as_of=moment(D(2019, 2, 1)))
    rows = {task.content: (task.status, task.due_on, task.lead_unit) for task in now.tasks()}
    assert "Hoàn thành sau thời điểm" not in rows
    assert rows["Cập nhật sau thời điểm"] == ("Đã ban hành dự thảo", D(2019, 3, 31), "UBND tỉnh Kon Tum")
    # Reassigned to a unit below the province: still the province's to answer for.
    assert rows["Giao lại sau thời điểm"] == ("", None, "Sở Nông nghiệp và Phát triển nông thôn")
    assert "Giao trong kỳ nhưng nhập sau thời điểm" in rows


def test_any_assigning_unit_and_scope_may_be_chosen(tree):
    _government, province, department = tree
    own = DirectiveFactory(number_symbol="2000/UBND-KTTH", issued_on=D(2018, 4, 1))
    make_task(
        directive=own,
        lead_unit=department,
        assigning_unit=province,
        assigned_on=D(2018, 4, 2),
        content="Của tỉnh",
    )
    other = DirectiveFactory(
        doc_type=DirectiveType.DECISION, number_symbol="985/QĐ-TTg", issued_on=D(2018, 8, 8)
    )
    government_task(tree, other, "Của Chính phủ", D(2018, 8, 10), None, lead_unit=department)

    def contents(**kwargs):
        report = appendix01(date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED, **kwargs)
        return [task.content for task in report.tasks()]

    # By default, what the units above the scope assigned: the province and the Government for a department.
    assert contents(scope=department) == ["Của tỉnh", "Của Chính phủ"]
    assert contents(scope=department, assigned_by=[province]) == ["Của tỉnh"]
    assert contents(scope=province) == ["Của Chính phủ"]  # the province's own tasks are not above it


def test_the_document_has_the_seeds_title_a_group_row_per_directive_and_is_landscape(tree, seed_history):
    _government, province, _department = tree
    with translation.override("vi"):
        report = appendix01(scope=province, date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED)
        signature = Signature(authority="KT. TỔ TRƯỞNG", title="TỔ PHÓ", name="Nguyễn Đình Cầu")
        letterhead = Letterhead(
            "UBND TỈNH KON TUM", "TỔ KIỂM TRA", "Số: 28/BC-TKTra", "Kon Tum", D(2019, 1, 1), "BÁO CÁO", "…"
        )
        document = as_document(report, letterhead=letterhead, signature=signature, recipients=["Lưu: VT"])
    assert document.heading == [
        "PHỤ LỤC 01",
        "NHIỆM VỤ DO CHÍNH PHỦ GIAO",
        "CÒN TỒN ĐỌNG PHẢI XỬ LÝ HOẶC ĐANG TRONG THỜI HẠN THỰC HIỆN",
    ]
    assert document.landscape and document.signature == signature and document.letterhead == letterhead
    assert document.recipients == ["Lưu: VT"]
    assert document.extraction.startswith("Dữ liệu trích xuất lúc 15h30 ngày 27/12/2018")
    (table,) = document.tables()
    assert [column.title for column in table.columns] == [
        "STT",
        "Trích yếu hoặc nhiệm vụ theo dõi",
        "Diễn giải trạng thái",
        "Hạn xử lý",
    ]
    groups = [row.cells for row in table.rows if row.role == "group"]
    assert groups[2] == ["Quyết định số 985/QĐ-TTg ngày 08/08/2018: Trích yếu 985/QĐ-TTg"]
    assert len(groups) == 8
    data = [row.cells for row in table.rows if row.role == "data"]
    assert [cells[0] for cells in data] == list(range(1, 12))
    assert data[6] == [
        7,
        "Quyết định Phê duyệt Đề án quản lý rừng bền vững và chứng chỉ rừng",
        "Đợi hướng dẫn của Bộ Nông nghiệp và PTNT",
        None,
    ]
    assert document.blocks[-1].text == "Kể cả 2 nhiệm vụ giao trước ngày 01/01/2018 còn tồn đọng."


def test_as_data_is_plain_json(tree, seed_history):
    _government, province, _department = tree
    data = appendix01(scope=province, date_from=YEAR_FROM, date_to=YEAR_TO, as_of=EXTRACTED).as_data()
    assert data["as_of"] == "2018-12-27T15:30+07:00" and data["from"] == "2018-01-01"
    first = data["directives"][0]
    assert first["reference"] == "Văn bản số 1665/VPCP-KSTT ngày 13/02/2018" and not first["carried_over"]
    assert first["tasks"][0]["due_on"] == "2018-08-31" and first["tasks"][0]["number"] == 1
    assert data["directives"][4]["tasks"][0]["due_on"] is None
