"""Forms of the web pages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Username and password, and whether the session outlives the browser window."""

    remember_me = forms.BooleanField(label=_("Ghi nhớ đăng nhập"), required=False)
