from django.urls import path, re_path

from nhiemvu.tracking import views
from nhiemvu.tracking.forms import ACTION_FORMS

app_name = "tracking"

# Only the actions there are: any other address below a task is a 404.
_ACTIONS = "|".join(ACTION_FORMS)

urlpatterns = [
    path("nhiem-vu/", views.task_list, name="task_list"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    re_path(rf"^nhiem-vu/(?P<pk>[0-9]+)/(?P<action>{_ACTIONS})/$", views.task_action, name="task_action"),
]
