"""Attached files: checked on upload, stored privately under the data dir, and handed only
to users who may see the directive (issue 12, finding 13)."""

import stat
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nhiemvu.accounts.choices import Role
from nhiemvu.directives.attachments import attach_file
from nhiemvu.directives.models import DirectiveAttachment
from tests.factories import DirectiveFactory, UnitFactory, make_task, person

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def clerk(cast):
    return cast.desk


@pytest.fixture
def directive(clerk, province, department):
    directive = DirectiveFactory(created_by=clerk)
    make_task(
        lead_unit=department, assigning_unit=province, assigned_on=date(2018, 5, 15), directive=directive
    )
    return directive


def upload(name="Kế hoạch 99.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_an_upload_records_who_its_type_and_size_and_is_stored_privately(directive, clerk, settings):
    attachment = attach_file(directive=directive, by=clerk, uploaded=upload(content_type="text/html"))
    assert (attachment.uploaded_by, attachment.content_type, attachment.size) == (
        clerk,
        "application/pdf",
        len(PDF),
    )
    path = Path(attachment.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT)) and path.read_bytes() == PDF
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("trang.html", b"<script>alert(1)</script>", "Chỉ nhận tệp"),
        ("anh.svg", b"<svg onload=alert(1)>", "Chỉ nhận tệp"),
        ("goi.zip", b"PK\x03\x04", "Chỉ nhận tệp"),
        ("chuong-trinh.exe", b"MZ", "Chỉ nhận tệp"),
        ("gia-mao.pdf", b"<html>not a pdf</html>", "không đúng định dạng pdf"),
        ("gia-mao.docx", b"%PDF-", "không đúng định dạng docx"),
        ("rong.png", b"", "không đúng định dạng png"),
    ],
)
def test_a_file_of_another_type_is_refused_in_vietnamese(directive, clerk, name, content, message):
    with pytest.raises(ValidationError, match=message):
        attach_file(directive=directive, by=clerk, uploaded=upload(name, content))
    assert not DirectiveAttachment.objects.exists()


def test_a_file_over_the_size_cap_is_refused(directive, clerk, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="lớn hơn giới hạn"):
        attach_file(directive=directive, by=clerk, uploaded=upload(content=PDF + b"0" * 1024))
    assert not DirectiveAttachment.objects.exists()


def test_only_who_entered_the_directive_or_an_administrator_attaches(directive, department):
    with pytest.raises(PermissionDenied):
        attach_file(directive=directive, by=person(Role.UNIT_LEADER, department), uploaded=upload())
    assert attach_file(directive=directive, by=person(Role.ADMIN, None), uploaded=upload())


@pytest.fixture
def attachment(directive, clerk):
    return attach_file(directive=directive, by=clerk, uploaded=upload())


def test_the_files_link_leads_to_the_checked_download(attachment):
    assert attachment.file.url == reverse("attachment_download", args=[attachment.file.name])


@pytest.mark.parametrize("who", ["clerk", "lead_unit_leader", "admin"])
def test_users_who_see_the_directive_download_its_file(client, attachment, department, clerk, who):
    user = {"clerk": clerk, "lead_unit_leader": person(Role.UNIT_LEADER, department)}.get(who) or person(
        Role.ADMIN, None
    )
    client.force_login(user)
    response = client.get(attachment.file.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"


def test_a_user_who_does_not_see_the_directive_gets_a_404(client, attachment, province):
    client.force_login(person(Role.UNIT_LEADER, UnitFactory(parent=province)))
    assert client.get(attachment.file.url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, attachment):
    response = client.get(attachment.file.url)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("name", ["../secret_key", "directives/../../secret_key", "nhiemvu.sqlite3"])
def test_a_path_outside_the_attachments_is_a_404(client, attachment, clerk, name):
    client.force_login(clerk)
    assert client.get(reverse("attachment_download", args=[name])).status_code == 404


@pytest.mark.parametrize(
    "sending, header, expected",
    [("x-accel", "X-Accel-Redirect", "/protected-media/{name}"), ("x-sendfile", "X-Sendfile", "{path}")],
)
def test_in_production_the_proxy_sends_the_file(
    client, settings, attachment, clerk, sending, header, expected
):
    settings.FILE_SENDING = sending
    client.force_login(clerk)
    response = client.get(attachment.file.url)
    assert response[header] == expected.format(name=attachment.file.name, path=attachment.file.path)
    assert response.content == b"" and response["Content-Type"] == "application/pdf"


def test_the_admin_inline_checks_uploads_too(client, directive):
    admin = person(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:directives_directive_change", args=[directive.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {
        "doc_type": directive.doc_type,
        "issued_on": "2018-05-15",
        "channel": directive.channel,
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-name": "trang.html",
        "attachments-0-file": upload("trang.html", b"<script>", "text/html"),
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Chỉ nhận tệp" in response.content.decode()
    data["attachments-0-file"] = upload()
    data["attachments-0-name"] = "Kế hoạch.pdf"
    assert client.post(url, data).status_code == 302
    assert DirectiveAttachment.objects.get().uploaded_by == admin
    assert DirectiveAttachment.objects.get().content_type == "application/pdf"
