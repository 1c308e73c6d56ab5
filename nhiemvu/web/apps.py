from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "nhiemvu.web"
    verbose_name = _("Giao diện")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from nhiemvu.web.middleware import seen_at_sign_in

        user_logged_in.connect(seen_at_sign_in, dispatch_uid="nhiemvu.web.seen_at_sign_in")
