from django.urls import path

from nhiemvu.directives import entry_views, views

urlpatterns = [
    path("van-ban/", views.directive_list, name="directive_list"),
    path("van-ban/them/", entry_views.directive_add, name="directive_add"),
    path("van-ban/them/dong-nhiem-vu/", entry_views.task_row, name="directive_task_row"),
    path("van-ban/them/han-xu-ly/", entry_views.due_date, name="directive_due_date"),
    path("van-ban/<int:pk>/", views.directive_detail, name="directive_detail"),
    path("van-ban/<int:pk>/giao-nhiem-vu/", entry_views.directive_assign, name="directive_assign"),
    path("so-mat/", views.secret_entry_list, name="secret_entry_list"),
    path("so-mat/them/", views.secret_entry_form, name="secret_entry_add"),
    path("so-mat/<int:pk>/", views.secret_entry_form, name="secret_entry_edit"),
    path("tep-dinh-kem/<path:name>", views.attachment_download, name="attachment_download"),
]
