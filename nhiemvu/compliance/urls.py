from django.urls import path

from nhiemvu.compliance import views

app_name = "compliance"

urlpatterns = [
    path("quan-tri/tuan-thu/", views.register, name="register"),
    path("quan-tri/tuan-thu/<int:year>/<int:pk>/", views.unit_line, name="unit_line"),
    path("quan-tri/tuan-thu/<int:year>/<int:pk>/bao-cao/", views.sent_report, name="sent_report"),
]
