"""The demo's showcase and its reorganisation.

A few recent tasks in every state, whatever day the demo is loaded (due soon, overdue,
awaiting an extension, returned…), written as explicit steps: (step, working days from
today, …), each step a function below that plans the matching tracking.services call.
And the 2025 reorganisation: a district merged into a new commune, which takes its open tasks.
"""

from datetime import date, datetime, time

from django.utils import timezone

from nhiemvu.demo import data
from nhiemvu.demo.history import new_directive
from nhiemvu.demo.plan import Plan
from nhiemvu.demo.scenarios import REASSIGN_NOTE, REJECTION_NOTE
from nhiemvu.tracking import services
from nhiemvu.tracking.permissions import Action


def accept(plan: Plan, when: int) -> None:
    plan.accept(plan.b.rel(when))


def progress(plan: Plan, when: int) -> None:
    plan.progress(plan.b.rel(when))


def complete(plan: Plan, when: int, recorded: int) -> None:
    plan.complete(plan.b.rel(when), plan.b.rel(recorded))


def request(plan: Plan, when: int, proposed: int) -> None:
    plan.step(
        plan.b.rel(when),
        services.request_extension,
        Action.REQUEST_EXTENSION,
        proposed=plan.b.rel(proposed),
        reason=data.EXTENSION_REASONS[0],
    )


def approve(plan: Plan, when: int) -> None:
    day = plan.b.rel(when)
    plan.step(day, services.decide_extension, Action.DECIDE_EXTENSION, approve=True, decided_on=day)


def reject(plan: Plan, when: int) -> None:
    day = plan.b.rel(when)
    plan.step(
        day,
        services.decide_extension,
        Action.DECIDE_EXTENSION,
        approve=False,
        decided_on=day,
        note=REJECTION_NOTE,
    )


def send_back(plan: Plan, when: int) -> None:
    plan.step(plan.b.rel(when), services.return_task, Action.RETURN, reason=data.RETURN_REASONS[0])


def reassign(plan: Plan, when: int, unit_code: str) -> None:
    plan.step(
        plan.b.rel(when),
        services.reassign,
        Action.REASSIGN,
        to_unit=plan.b.units[unit_code],
        note=REASSIGN_NOTE,
    )


def cancel(plan: Plan, when: int) -> None:
    plan.step(plan.b.rel(when), services.cancel, Action.CANCEL, reason=data.CANCEL_REASONS[0])


def reopen(plan: Plan, when: int) -> None:
    plan.step(plan.b.rel(when), services.reopen, Action.REOPEN, reason=data.REOPEN_REASONS[0])


def contribute(plan: Plan, when: int, unit_code: str) -> None:
    """A coordinating unit reports its part (seed 003 art. 10.2.b)."""
    plan.step(
        plan.b.rel(when),
        services.contribute,
        Action.CONTRIBUTE,
        unit=plan.b.units[unit_code],
        note="Sở đã rà soát, tổng hợp nhu cầu kinh phí phòng, chống dịch bệnh động vật gửi Sở Tài chính",
    )


def delegate(plan: Plan, when: int, sub: str, due: int, child_steps) -> Plan:
    rel = plan.b.rel
    child = plan.delegate(
        rel(when),
        to_unit=plan.b.units[f"{data.AGRICULTURE_CODE}.{sub}"],
        due_on=rel(due),
        content=f"Tham mưu Sở thực hiện: {plan.content[0].lower()}{plan.content[1:]}",
    )
    run(child, child_steps)
    return child


def run(plan: Plan, steps) -> None:
    """Play `steps` in order; a step after delegations waits for the sub-units' steps."""
    children_end = None
    for step, *args in steps:
        if step is delegate:
            child = step(plan, *args)
            children_end = max(children_end or child.cursor, child.cursor)
            continue
        if children_end is not None:
            plan.cursor, children_end = max(plan.cursor, children_end), None
        step(plan, *args)
    if children_end is not None:
        plan.cursor = max(plan.cursor, children_end)


def plan_showcase(b) -> None:
    """A few recent tasks of the Department of Agriculture (and others) in every state,
    whatever day the demo is loaded: due soon, overdue, awaiting an extension, returned…"""
    rel, snn, units = b.rel, data.AGRICULTURE_CODE, b.units
    cases = [
        # (lead, content, assigned, due, steps)
        (snn, "Báo cáo tình hình sâu bệnh hại cây cà phê, đề xuất biện pháp phòng trừ", -2, 3, []),
        (
            snn,
            "Xây dựng kế hoạch trồng rừng thay thế năm {next_year}",
            -10,
            5,
            [(accept, -9), (progress, -3)],
        ),
        (
            snn,
            "Tổng hợp kết quả thực hiện tiêu chí nông thôn mới; báo cáo Ban Chỉ đạo tỉnh",
            -30,
            -8,
            [(accept, -28), (progress, -10)],
        ),
        (
            snn,
            "Rà soát quy hoạch ba loại rừng, đề xuất điều chỉnh",
            -25,
            -1,
            [(accept, -24), (request, -2, 15)],
        ),
        (snn, "Thẩm định hồ sơ thành lập hợp tác xã dịch vụ thương mại", -6, 10, [(send_back, -4)]),
        (
            snn,
            "Kiểm tra công tác tiêm phòng vắc xin lở mồm long móng đợt 2",
            -20,
            -5,
            [(accept, -19), (complete, -7, -7)],
        ),
        (
            snn,
            "Báo cáo thiệt hại do hạn hán vụ Đông Xuân",
            -30,
            -15,
            [(accept, -29), (complete, -10, -9)],
        ),
        (
            snn,
            "Đánh giá hiệu quả mô hình trồng sâm Ngọc Linh dưới tán rừng",
            -40,
            -20,
            [(accept, -39), (complete, -21, -12)],
        ),
        (snn, "Tổ chức hội thảo phát triển cây dược liệu", -15, 20, [(cancel, -5)]),
        (
            snn,
            "Hoàn thiện đề án phát triển chăn nuôi bò thịt chất lượng cao",
            -30,
            10,
            [(accept, -29), (complete, -12, -12), (reopen, -8), (progress, -2)],
        ),
        (
            snn,
            "Kiểm tra, xử lý vi phạm lâm luật tại Khu bảo tồn thiên nhiên Ngọc Linh",
            -20,
            8,
            [
                (accept, -19),
                (delegate, -18, "CCKL", 4, [(accept, -17), (complete, -3, -3)]),
                (delegate, -18, "CCTL", 6, [(accept, -16), (progress, -2)]),
            ],
        ),
        (snn, "Theo dõi diễn biến giá nông sản, báo cáo định kỳ", -12, None, [(accept, -11)]),
        (
            snn,
            "Xây dựng phương án phòng, chống thiên tai năm {year}",
            -30,
            -10,
            [(accept, -29), (request, -12, 10), (approve, -9)],
        ),
        (
            snn,
            "Báo cáo tiến độ giải ngân vốn Chương trình mục tiêu quốc gia giảm nghèo bền vững",
            -30,
            -5,
            [(accept, -29), (request, -7, 15), (reject, -4)],
        ),
        (
            snn,
            "Xử lý kiến nghị của doanh nghiệp về thuê đất trồng rừng",
            -20,
            15,
            [(send_back, -14), (reassign, -12, "KONTUM.STNMT"), (accept, -10)],
        ),
        ("KONTUM.SKHDT", "Tổng hợp báo cáo kinh tế - xã hội tháng", -8, 2, [(accept, -7)]),
        (
            "KONTUM.STC",
            "Thẩm định dự toán bổ sung kinh phí phòng, chống dịch",
            -4,
            1,
            [(contribute, -1, snn)],
        ),
        (
            "KONTUM.TPKT",
            "Giải quyết kiến nghị cử tri về chỉnh trang đô thị",
            -9,
            4,
            [(accept, -8), (progress, -1)],
        ),
    ]
    # The Department of Agriculture coordinates the Department of Finance's task.
    coordinating = {"Thẩm định dự toán bổ sung kinh phí phòng, chống dịch": [snn]}
    summary = "V/v triển khai nhiệm vụ trọng tâm trong lĩnh vực {field}"
    for lead, content, assigned, due, steps in cases:
        day = rel(assigned)
        field_code = b.unit_field[lead]
        context = {"year": day.year, "next_year": day.year + 1}
        directive = new_directive(
            b,
            day=day,
            doc="CV",
            field_code=field_code,
            summary=summary.format(field=b.fields[field_code].name.lower()),
        )
        plan = Plan(b, day)
        plan.assign(
            directive=directive,
            content=content.format(**context),
            lead_unit=units[lead],
            assigning_unit=units[data.PROVINCE_CODE],
            assigned_on=day,
            due_on=None if due is None else rel(due),
            coordinating_units=[units[code] for code in coordinating.get(content, ())],
            field=b.fields[field_code],
            tracking_desk=b.desk_by_field[field_code],
        )
        run(plan, steps)


def plan_reorganisation(b) -> datetime | None:
    """The district ends on 1/7/2025: two of its tasks are still open then and go to the
    new commune, which completes one of them. Returns when the merge is recorded."""
    merged_on = date(*data.MERGED_ON)
    if b.today <= merged_on:
        return None
    day = b.working(date(2025, 6, 5))
    directive = new_directive(
        b,
        day=day,
        doc="CV",
        field_code="NC",
        summary="V/v chuẩn bị sắp xếp đơn vị hành chính cấp xã, kết thúc hoạt động của chính quyền cấp huyện",
    )
    common = {
        "directive": directive,
        "lead_unit": b.units[data.MERGED_CODE],
        "assigned_on": day,
        "assigning_unit": b.units[data.PROVINCE_CODE],
        "field": b.fields["NC"],
        "tracking_desk": b.desk_by_field["NC"],
    }
    handover = Plan(b, day)
    handover.assign(
        content="Rà soát, bàn giao hồ sơ, tài liệu đang giải quyết cho chính quyền cấp xã mới",
        due_on=date(2025, 7, 31),
        **common,
    )
    handover.accept(b.plus(day, 1))
    handover.progress(b.plus(day, 10))
    handover.cursor = timezone.make_aware(datetime.combine(merged_on, time(8)))
    completed_on = date(2025, 7, 25)
    handover.complete(completed_on, completed_on, document="Báo cáo số 12/BC-UBND")
    voters = Plan(b, day)
    voters.assign(
        content="Tổng hợp kiến nghị của cử tri chưa giải quyết, chuyển cấp xã tiếp tục theo dõi",
        due_on=None,
        **common,
    )
    return timezone.make_aware(datetime.combine(merged_on, time(7, 30)))
