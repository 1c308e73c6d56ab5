from django.urls import path

from nhiemvu.administration import views

app_name = "administration"

urlpatterns = [
    path("quan-tri/don-vi/", views.unit_tree, name="unit_tree"),
    path("quan-tri/don-vi/them/", views.unit_create, name="unit_create"),
    path("quan-tri/don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("quan-tri/don-vi/<int:pk>/<str:change>/", views.unit_change, name="unit_change"),
    path("quan-tri/cho-giao-lai/", views.awaiting_successor, name="awaiting_successor"),
]
