from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("nhiemvu.directives.urls")),
    path("", include("nhiemvu.units.urls")),
    path("", include("nhiemvu.administration.urls")),
    path("", include("nhiemvu.tracking.urls")),
    path("", include("nhiemvu.dashboard.urls")),
    path("", include("nhiemvu.reports.urls")),
    path("", include("nhiemvu.urging.urls")),
    path("", include("nhiemvu.compliance.urls")),
    path("", include("nhiemvu.reminders.urls")),
    path("", include("nhiemvu.web.urls")),
]
