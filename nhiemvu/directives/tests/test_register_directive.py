"""Recording a directive (seed 003 art. 5.1.a; Decree 30/2020 numbers)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.choices import DirectiveType, SourceChannel
from nhiemvu.directives.models import Directive
from nhiemvu.directives.services import register_directive
from tests.factories import UnitFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db


def register(province, by=None, **overrides):
    fields = {
        "number_symbol": "Số: 270/QĐ-UBND",
        "issuer": "UBND  tỉnh Kon Tum",
        "issued_on": date(2018, 3, 19),
        "summary": "Ban hành Quy chế theo dõi, đôn đốc, kiểm tra",
        "channel": SourceChannel.EOFFICE,
    }
    return register_directive(by=by, on_behalf_of=province, **{**fields, **overrides})


def test_office_desk_records_a_directive_with_its_type_read_from_the_symbol(province):
    clerk = with_role(UserFactory(), Role.OFFICE_DESK, province)
    directive = register(province, by=clerk)
    assert directive.number_symbol == "270/QĐ-UBND" and directive.doc_type == DirectiveType.DECISION
    assert directive.issuer == "UBND tỉnh Kon Tum" and directive.created_by == clerk


def test_another_units_officer_may_not_record_for_the_province(province):
    officer = with_role(UserFactory(), Role.FOCAL_OFFICER, UnitFactory(parent=province))
    with pytest.raises(PermissionDenied):
        register(province, by=officer)
    assert not Directive.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"number_symbol": "270 QĐ UBND"},
        {"received_on": date(2018, 3, 18)},
        {"summary": "  "},
    ],
)
def test_invalid_directive_is_refused_and_nothing_saved(province, overrides):
    with pytest.raises(ValidationError):
        register(province, **overrides)
    assert not Directive.objects.exists()


def test_same_number_and_date_twice_is_refused(province):
    register(province)
    with pytest.raises(ValidationError):
        register(province)
    assert Directive.objects.count() == 1
