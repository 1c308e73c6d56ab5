from django.urls import path

from nhiemvu.units import views

urlpatterns = [
    path("don-vi/tim/", views.unit_search, name="unit_search"),
]
