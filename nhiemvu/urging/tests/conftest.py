from datetime import date

import pytest

from nhiemvu.tracking import services as tracking
from tests.factories import make_task, moment

ASSIGNED_ON = date(2026, 3, 2)
DUE_ON = date(2026, 4, 30)
# A day when the tasks below are overdue.
LATE_DAY = date(2026, 5, 12)


@pytest.fixture
def tasks(cast):
    """The province's tasks: two led by the Sở Nông nghiệp (one overdue on LATE_DAY, one due
    later), one by the Sở Tư pháp, one completed; and the Sở's part delegated to its Chi cục."""
    province, agri = cast.province, cast.agriculture_department
    overdue = make_task(
        lead_unit=agri,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        due_on=DUE_ON,
        field=cast.agriculture,
        content="Triển khai kế hoạch phòng, chống dịch tả lợn châu Phi",
    )
    later = make_task(
        lead_unit=agri,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        due_on=date(2026, 12, 31),
        field=cast.agriculture,
        content="Rà soát quy hoạch ba loại rừng",
    )
    justice = make_task(
        lead_unit=cast.justice_department,
        assigning_unit=province,
        assigned_on=ASSIGNED_ON,
        due_on=DUE_ON,
        field=cast.justice,
        content="Rà soát văn bản quy phạm pháp luật",
    )
    done = make_task(lead_unit=agri, assigning_unit=province, assigned_on=ASSIGNED_ON, due_on=DUE_ON)
    tracking.complete(
        done,
        by=None,
        at=moment(date(2026, 4, 20)),
        completed_on=date(2026, 4, 20),
        result_document="1/BC-SNN",
    )
    child = tracking.delegate(
        overdue,
        by=cast.unit_leader,
        at=moment(date(2026, 3, 3)),
        to_unit=cast.forestry,
        content="Kiểm soát vận chuyển lợn qua địa bàn",
        due_on=date(2026, 4, 15),
    )
    return {"overdue": overdue, "later": later, "justice": justice, "done": done, "child": child}
