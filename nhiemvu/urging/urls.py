from django.urls import path

from nhiemvu.urging import views

app_name = "urging"

urlpatterns = [
    path("don-doc/", views.urging_list, name="urging_list"),
    path("don-doc/<int:pk>/cong-van.docx", views.letter, name="urging_letter"),
    path("nhiem-vu/<int:pk>/don-doc/", views.urge, name="urge"),
    path("nhiem-vu/<int:pk>/yeu-cau-giai-trinh/", views.request_explanation, name="request_explanation"),
    path("giai-trinh/", views.explanation_list, name="explanation_list"),
    path("giai-trinh/<int:pk>/tra-loi/", views.answer, name="answer"),
]
