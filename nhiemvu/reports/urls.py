from django.urls import path

from nhiemvu.reports import views

app_name = "reports"
urlpatterns = [
    path("bao-cao/", views.report_index, name="index"),
    path("bao-cao/<slug:slug>/", views.report_page, name="report"),
]
