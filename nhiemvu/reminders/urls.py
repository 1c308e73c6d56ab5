from django.urls import path

from nhiemvu.reminders import views

app_name = "reminders"

urlpatterns = [
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/<int:pk>/mo/", views.notification_open, name="notification_open"),
    path("thong-bao/doc-het/", views.mark_all_read, name="mark_all_read"),
    path("thong-bao/cai-dat/", views.preferences, name="preferences"),
    path("thong-bao/da-gui/", views.outbox_list, name="outbox_list"),
    path("thong-bao/da-gui/<int:pk>/gui-lai/", views.resend, name="resend"),
]
