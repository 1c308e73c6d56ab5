"""Password rules: 12 characters, Django's checks, no Vietnamese commonplaces, all in Vietnamese."""

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError

from nhiemvu.accounts.passwords import COMMON_VIETNAMESE_PARTS, CommonPasswordValidator
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSPHRASE = "hoa sen nở giữa đầm lầy"


@pytest.fixture
def officer():
    return UserFactory(username="vanphong", first_name="An", last_name="Nguyễn Văn", email="an@ubnd.gov.vn")


def refusals(password: str, user) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_matkhau_at_1_is_refused_in_vietnamese(officer):
    messages = refusals("Matkhau@1", officer)
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in messages
    assert "Mật khẩu không được chứa cụm dễ đoán “matkhau”." in messages


def test_a_good_passphrase_is_accepted(officer):
    assert refusals(GOOD_PASSPHRASE, officer) == []


def test_11_characters_are_too_short_and_12_are_enough(officer):
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in refusals("sen-no-gi-d", officer)
    assert refusals("sen-no-gi-da", officer) == []


@pytest.mark.parametrize("password", ["Mật-khẩu@2026!", "anh yeu em mai mai", "toi-la-123456-day"])
def test_vietnamese_commonplaces_are_refused_even_when_long(officer, password):
    assert any("cụm dễ đoán" in message for message in refusals(password, officer))


def test_the_username_inside_the_password_is_refused(officer):
    assert "Mật khẩu không được chứa tên đăng nhập." in refusals("toi-la-VanPhong-2026", officer)


def test_a_password_like_the_users_email_is_refused_in_vietnamese(officer):
    assert any(message.startswith("Mật khẩu quá giống") for message in refusals("an@ubnd.gov.vn1", officer))


def test_an_entirely_numeric_password_is_refused_in_vietnamese(officer):
    assert "Mật khẩu không được chỉ gồm chữ số." in refusals("908172635445", officer)


def test_a_password_from_djangos_common_list_is_refused_in_vietnamese(officer):
    common = next(
        password
        for password in sorted(CommonPasswordValidator().passwords)
        if len(password) >= 12
        and not any(part in password for part in COMMON_VIETNAMESE_PARTS)
        and not password.isdigit()
    )
    assert refusals(common, officer) == ["Mật khẩu này quá phổ biến."]


def test_the_admins_set_password_form_refuses_matkhau_at_1_in_vietnamese(officer):
    form = SetPasswordForm(officer, {"new_password1": "Matkhau@1", "new_password2": "Matkhau@1"})
    assert not form.is_valid()
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in form.errors["new_password2"]


def test_every_help_text_is_vietnamese():
    texts = password_validators_help_texts()
    assert len(texts) == 5
    assert all(text.startswith("Mật khẩu") for text in texts), texts
