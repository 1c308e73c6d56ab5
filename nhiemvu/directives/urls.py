from django.urls import path

from nhiemvu.directives import views

urlpatterns = [
    path("so-mat/", views.secret_entry_list, name="secret_entry_list"),
    path("so-mat/them/", views.secret_entry_form, name="secret_entry_add"),
    path("so-mat/<int:pk>/", views.secret_entry_form, name="secret_entry_edit"),
    path("tep-dinh-kem/<path:name>", views.attachment_download, name="attachment_download"),
]
