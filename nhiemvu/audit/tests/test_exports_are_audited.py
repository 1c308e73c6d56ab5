"""An export of personal data is a security event an administrator can read (TCVN 11930:2017
level 3, issue 12 #14): the users file, and the units file with its focal officers' phones."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nhiemvu.accounts.choices import Role
from nhiemvu.audit.choices import EventKind
from nhiemvu.audit.models import SecurityEvent
from tests.factories import FocalOfficerFactory, person


@pytest.mark.django_db
@pytest.mark.parametrize(("command", "counted"), [("export-users", "users"), ("export-units", "units")])
def test_each_export_of_personal_data_is_recorded_once(tmp_path, command, counted):
    person(Role.FOCAL_OFFICER, FocalOfficerFactory().unit)
    call_command(command, str(tmp_path / "xuat.xlsx"), stdout=io.StringIO())
    (event,) = SecurityEvent.objects.filter(kind=EventKind.PERSONAL_DATA_EXPORTED)
    assert event.subject == "xuat.xlsx" and event.details == {counted: 1}


@pytest.mark.django_db
def test_an_export_refused_for_its_path_records_nothing(tmp_path):
    with pytest.raises(CommandError):
        call_command("export-users", str(tmp_path / "khong-co" / "xuat.xlsx"), stdout=io.StringIO())
    assert not SecurityEvent.objects.filter(kind=EventKind.PERSONAL_DATA_EXPORTED).exists()
