from django.urls import path

from nhiemvu.administration import calendar_views, focal_views, user_views, views

app_name = "administration"

urlpatterns = [
    path("quan-tri/don-vi/", views.unit_tree, name="unit_tree"),
    path("quan-tri/don-vi/them/", views.unit_create, name="unit_create"),
    path("quan-tri/don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("quan-tri/don-vi/<int:pk>/<str:change>/", views.unit_change, name="unit_change"),
    path("quan-tri/cho-giao-lai/", views.awaiting_successor, name="awaiting_successor"),
    path("quan-tri/nguoi-dung/", user_views.user_list, name="user_list"),
    path("quan-tri/nguoi-dung/them/", user_views.user_create, name="user_create"),
    path("quan-tri/nguoi-dung/<int:pk>/", user_views.user_detail, name="user_detail"),
    path("quan-tri/nguoi-dung/<int:pk>/vai-tro/", user_views.role_add, name="role_add"),
    path(
        "quan-tri/nguoi-dung/<int:pk>/vai-tro/<int:role_pk>/bo/", user_views.role_remove, name="role_remove"
    ),
    path("quan-tri/nguoi-dung/<int:pk>/mat-khau/", user_views.password, name="user_password"),
    path("quan-tri/lich-lam-viec/", calendar_views.calendar, name="calendar"),
    path("quan-tri/dau-moi/", focal_views.focal_officers, name="focal_officers"),
    path("quan-tri/dau-moi/<int:pk>/", focal_views.focal_officer_unit, name="focal_officer_unit"),
    path("quan-tri/dau-moi/bo/<int:pk>/", focal_views.focal_officer_remove, name="focal_officer_remove"),
    path("quan-tri/lich-lam-viec/<int:pk>/bo/", calendar_views.correction_remove, name="correction_remove"),
]
