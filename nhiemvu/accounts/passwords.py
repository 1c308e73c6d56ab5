"""Password rules (AUTH_PASSWORD_VALIDATORS): Django's checks with Vietnamese messages, and
one more check for the passwords Vietnamese users pick first.

Django's own messages come out in English under `vi` (its catalogue lacks some of them), so each
validator restates its message as a Vietnamese msgid.
"""

import re
import unicodedata

from django.contrib.auth import password_validation as django_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIN_LENGTH = 12

# Words and sequences that make a password guessable here, written without diacritics
# (passwords are compared after stripping them): "mật khẩu", "anh yêu em", place names, the
# application's own name, keyboard and digit runs.
COMMON_VIETNAMESE_PARTS = (
    "matkhau",
    "password",
    "passw0rd",
    "anhyeuem",
    "emyeuanh",
    "yeuem",
    "iloveyou",
    "vietnam",
    "hanoi",
    "saigon",
    "hochiminh",
    "kontum",
    "quantri",
    "admin",
    "nhiemvu",
    "ubnd",
    "mothaiba",
    "qwerty",
    "asdfgh",
    "abc123",
    "123456",
    "654321",
    "111111",
    "000000",
    "123123",
)


def _bare(text: str) -> str:
    """Lower case, no diacritics (đ → d), letters and digits only: "Mật-khẩu@1" → "matkhau1"."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


class MinimumLengthValidator(django_validation.MinimumLengthValidator):
    def __init__(self, min_length: int = MIN_LENGTH):
        super().__init__(min_length)

    def get_error_message(self):
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("Mật khẩu phải có ít nhất %(min_length)d ký tự; một câu ngắn dễ nhớ là tốt nhất.") % {
            "min_length": self.min_length
        }


class UserAttributeSimilarityValidator(django_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Mật khẩu quá giống %(verbose_name)s.")

    def get_help_text(self):
        return _("Mật khẩu không được giống các thông tin cá nhân khác của bạn.")


class CommonPasswordValidator(django_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu này quá phổ biến.")

    def get_help_text(self):
        return _("Mật khẩu không được là mật khẩu thường dùng.")


class NumericPasswordValidator(django_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self):
        return _("Mật khẩu không được chỉ gồm chữ số.")


class VietnameseCommonPasswordValidator:
    """Refuses passwords built on what Django's English list misses: "matkhau", "anhyeuem",
    digit runs, place names, and the user's own username, with or without diacritics."""

    def validate(self, password: str, user=None) -> None:
        bare = _bare(password)
        username = _bare(getattr(user, "username", "") or "")
        if len(username) >= 3 and username in bare:
            raise ValidationError(_("Mật khẩu không được chứa tên đăng nhập."), code="password_has_username")
        for part in COMMON_VIETNAMESE_PARTS:
            if part in bare:
                raise ValidationError(
                    _("Mật khẩu không được chứa cụm dễ đoán “%(part)s”."),
                    code="password_too_common",
                    params={"part": part},
                )

    def get_help_text(self):
        return _("Mật khẩu không được chứa tên đăng nhập hay cụm dễ đoán như “matkhau”, “123456”.")
