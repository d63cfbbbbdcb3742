from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"

# Django's own names (login, password_reset_confirm…), included without a namespace by the root urls.
auth_patterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/xac-thuc/", views.login_two_factor, name="login_two_factor"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_reset_confirm.html", success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("cua-toi/", views.profile, name="profile"),
    path("cua-toi/xac-thuc-hai-buoc/", views.two_factor_setup, name="two_factor_setup"),
    path("cua-toi/xac-thuc-hai-buoc/ma-du-phong/", views.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("cua-toi/xac-thuc-hai-buoc/tao-lai-ma/", views.two_factor_regenerate, name="two_factor_regenerate"),
    path("cua-toi/xac-thuc-hai-buoc/tat/", views.two_factor_disable, name="two_factor_disable"),
    path("co-quan-lam-viec/", views.act_in, name="act_in"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_create, name="user_create"),
    path("nguoi-dung/nhap-excel/", views.user_import, name="user_import"),
    path("nguoi-dung/nhap-excel/mau/", views.user_import_template, name="user_import_template"),
    path("nguoi-dung/nhap-excel/luu/", views.user_import_confirm, name="user_import_confirm"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="user_detail"),
    path("nguoi-dung/<int:pk>/sua/", views.user_edit, name="user_edit"),
    path("nguoi-dung/<int:pk>/vai-tro/<int:assignment_pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("nguoi-dung/<int:pk>/dat-lai-mat-khau/", views.user_reset_password, name="user_reset_password"),
    path("nguoi-dung/<int:pk>/trang-thai/", views.user_set_active, name="user_set_active"),
    path("nguoi-dung/<int:pk>/xac-thuc-hai-buoc/dat-lai/", views.user_two_factor_reset, name="user_two_factor_reset"),
]
