from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from nhiemvu.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # Every signed-in user; the session stays signed in (update_session_auth_hash).
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="web/password_change.html", success_url=reverse_lazy("password_change_done")
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="web/password_change_done.html"),
        name="password_change_done",
    ),
    # The link that `import-users` e-mails to new users (accounts.services.set_password_link).
    path(
        "dat-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("da-dat-mat-khau/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
