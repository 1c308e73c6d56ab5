"""The shared cast of units and people that tests use (style practice 13, issue 11 design).

The province of the seeds, with its office, three departments and a district, and one
user for each persona of "Who uses it" (docs/domain.md):

    UBND tỉnh Kon Tum                               KT        province
    ├── Văn phòng UBND tỉnh Kon Tum                 KT.VP     office
    ├── Sở Nông nghiệp và Phát triển nông thôn      KT.SNN    department (seed 003)
    │   └── Chi cục Kiểm lâm                        KT.SNN.CCKL  its sub-unit
    ├── Sở Tư pháp                                  KT.STP    department ("another unit")
    ├── Sở Tài chính                                KT.STC    department
    └── UBND huyện Đắk Hà                           KT.DH     district
        └── Phòng Nông nghiệp và PTNT huyện Đắk Hà  KT.DH.NN  its sub-unit

    fields: agriculture (NN), justice (NC)

    persona          username          role            unit
    desk             vp_tonghop        office_desk     province, every field
    leader           pho_chu_tich      leader          province, agriculture only
    unit_leader      giamdoc_snn       unit_leader     Sở NN
    focal_officer    daumoi_snn        focal_officer   Sở NN (and its FocalOfficer record)
    specialist       chuyenvien_snn    specialist      Sở NN
    other_officer    daumoi_stp        focal_officer   Sở Tư pháp
    inspection       to_kiem_tra       inspection      province
    viewer           so_noi_vu         viewer          province (Sở Nội vụ reads the figures)
    admin            quantri           admin           (no unit)

No task is created: each test assigns the tasks its rule needs (tests.factories.make_task
or tracking.services). Codes and usernames are fixed, so a test that builds more units or
users picks other ones.

Two ways to use it:
- pytest: the `cast` fixture of the root conftest.py. The cast is built once per test
  module, inside a transaction that is rolled back after the module; each test gets its
  own copy of the objects and runs in a savepoint, as Django's setUpTestData does. Once
  a test of a module has asked for it, the module's later database tests see the cast
  too, whether they ask for it or not. Not for `transactional_db` or `live_server` tests,
  which commit: call `build_cast()` there.
- Django TestCase: `cls.cast = build_cast()` in setUpTestData.

Tests that need the demo province's accounts and history (browser journeys, the demo's
own checks of what it may touch) load the small demo (`load_small_demo`): every state of
the showcase with only a few random directives, loaded in a second or two rather than the
full demo's ten.
"""

from dataclasses import dataclass

from django.db import transaction

from nhiemvu.accounts.choices import Role
from nhiemvu.accounts.models import User
from nhiemvu.units.choices import UnitKind
from nhiemvu.units.models import Field, Unit
from tests.factories import FieldFactory, FocalOfficerFactory, UnitFactory, person


@dataclass
class Cast:
    # Units
    province: Unit
    office: Unit
    agriculture_department: Unit
    forestry: Unit  # the Sở NN's sub-unit
    justice_department: Unit
    finance_department: Unit
    district: Unit
    district_agriculture: Unit  # the district's sub-unit
    # Fields
    agriculture: Field
    justice: Field
    # People
    desk: User
    leader: User
    unit_leader: User
    focal_officer: User
    specialist: User
    other_officer: User
    inspection: User
    viewer: User
    admin: User


# The people of the cast by attribute name, in the table's order: for tests that run a rule
# for every persona (pytest.mark.parametrize("persona", PERSONAS)).
PERSONAS = [
    "desk",
    "leader",
    "unit_leader",
    "focal_officer",
    "specialist",
    "other_officer",
    "inspection",
    "viewer",
    "admin",
]


def build_cast() -> Cast:
    """Create the cast's units, fields and users (about twenty rows)."""
    province = UnitFactory(
        name="UBND tỉnh Kon Tum", short_name="UBND tỉnh", kind=UnitKind.PROVINCE, code="KT"
    )
    office = UnitFactory(
        name="Văn phòng UBND tỉnh Kon Tum", kind=UnitKind.OFFICE, parent=province, code="KT.VP", sort_order=30
    )
    agriculture_department = UnitFactory(
        name="Sở Nông nghiệp và Phát triển nông thôn", parent=province, code="KT.SNN", sort_order=11
    )
    forestry = UnitFactory(
        name="Chi cục Kiểm lâm", kind=UnitKind.SUB_UNIT, parent=agriculture_department, code="KT.SNN.CCKL"
    )
    justice_department = UnitFactory(name="Sở Tư pháp", parent=province, code="KT.STP", sort_order=15)
    finance_department = UnitFactory(name="Sở Tài chính", parent=province, code="KT.STC", sort_order=12)
    district = UnitFactory(
        name="UBND huyện Đắk Hà", kind=UnitKind.DISTRICT, parent=province, code="KT.DH", sort_order=21
    )
    district_agriculture = UnitFactory(
        name="Phòng Nông nghiệp và PTNT huyện Đắk Hà",
        kind=UnitKind.SUB_UNIT,
        parent=district,
        code="KT.DH.NN",
    )
    agriculture = FieldFactory(code="NN", name="Nông nghiệp")
    justice = FieldFactory(code="NC", name="Nội chính")

    focal_officer = person(Role.FOCAL_OFFICER, agriculture_department, username="daumoi_snn")
    FocalOfficerFactory(
        unit=agriculture_department, full_name="Nguyễn Văn A", title="Chánh Văn phòng Sở", user=focal_officer
    )
    return Cast(
        province=province,
        office=office,
        agriculture_department=agriculture_department,
        forestry=forestry,
        justice_department=justice_department,
        finance_department=finance_department,
        district=district,
        district_agriculture=district_agriculture,
        agriculture=agriculture,
        justice=justice,
        desk=person(Role.OFFICE_DESK, province, username="vp_tonghop"),
        leader=person(Role.LEADER, province, fields=[agriculture], username="pho_chu_tich"),
        unit_leader=person(Role.UNIT_LEADER, agriculture_department, username="giamdoc_snn"),
        focal_officer=focal_officer,
        specialist=person(Role.SPECIALIST, agriculture_department, username="chuyenvien_snn"),
        other_officer=person(Role.FOCAL_OFFICER, justice_department, username="daumoi_stp"),
        inspection=person(Role.INSPECTION, province, username="to_kiem_tra"),
        viewer=person(Role.VIEWER, province, username="so_noi_vu"),
        admin=person(Role.ADMIN, None, username="quantri"),
    )


SMALL_DEMO = 3  # random directives, besides the showcase and the Government's tasks


def load_small_demo(**options):
    """The demo province (nhiemvu.demo.services.load_demo) with SMALL_DEMO random directives."""
    from nhiemvu.demo.services import load_demo

    return load_demo(directives=SMALL_DEMO, **options)


def built_for_the_module(build, django_db_blocker):
    """The body of a module-scoped fixture (`yield from` it): `build()` runs once, inside a
    transaction rolled back after the module, so that each test's savepoint starts from it
    (what setUpTestData does for a Django TestCase). Tests take copies (copy.deepcopy)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
