from django.contrib.auth import views as auth_views
from django.urls import path

from nhiemvu.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # The link that `import-users` e-mails to new users (accounts.services.set_password_link).
    path(
        "dat-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("da-dat-mat-khau/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
