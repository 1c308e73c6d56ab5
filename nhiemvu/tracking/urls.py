from django.urls import path

from nhiemvu.tracking import views

app_name = "tracking"

urlpatterns = [
    path("nhiem-vu/", views.task_list, name="task_list"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/<slug:action>/", views.task_action, name="task_action"),
]
