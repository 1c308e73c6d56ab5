"""The documents of a progress update or completion (seed 000 III.1): checked on upload like
directives' files, with who uploaded them, their type and size, and downloaded only by users
who may see the task (issue 12 #13)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from nhiemvu.accounts.choices import Role
from nhiemvu.tracking import services
from nhiemvu.tracking.attachments import attach_to_event
from tests.factories import UnitFactory, make_task, moment, person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def focal(department):
    return person(Role.FOCAL_OFFICER, department)


@pytest.fixture
def event(province, department, focal):
    task = make_task(lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 15))
    return services.update_progress(task, by=focal, at=moment(date(2018, 5, 20)), note="Đã ban hành kế hoạch")


def pdf(name="Kế hoạch 99.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_unit_attaches_its_document_with_the_upload_record(event, focal):
    attachment = attach_to_event(event=event, by=focal, uploaded=pdf())
    assert (attachment.name, attachment.content_type, attachment.size) == (
        "Kế hoạch 99.pdf",
        "application/pdf",
        len(PDF),
    )
    assert attachment.uploaded_by == focal and attachment.file.name.startswith("tasks/")
    assert "Kế hoạch" not in attachment.file.name  # the user's name never becomes a path


def test_a_file_that_is_not_what_its_name_says_is_refused(event, focal):
    with pytest.raises(ValidationError):
        attach_to_event(event=event, by=focal, uploaded=pdf("gia.pdf", b"<html><script>"))


def test_a_user_who_may_not_update_the_task_attaches_nothing(event, province):
    with pytest.raises(PermissionDenied):
        attach_to_event(
            event=event, by=person(Role.FOCAL_OFFICER, UnitFactory(parent=province)), uploaded=pdf()
        )


def test_who_sees_the_task_downloads_the_file_others_get_a_404(client, event, focal, province):
    attachment = attach_to_event(event=event, by=focal, uploaded=pdf())
    client.force_login(focal)
    response = client.get(attachment.file.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(person(Role.UNIT_LEADER, UnitFactory(parent=province)))
    assert client.get(attachment.file.url).status_code == 404
