from django.urls import path

from nhiemvu.dashboard import views

urlpatterns = [
    path("tong-quan/", views.dashboard, name="dashboard"),
]
