from django.urls import include, path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("tao-moi/", views.dossier_create, name="create"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("<int:pk>/nguoi-duoc-de-nghi/them/", views.nominee_edit, name="nominee_add"),
    path("<int:pk>/nguoi-duoc-de-nghi/<int:nominee_pk>/", views.nominee_edit, name="nominee_edit"),
    path("<int:pk>/nguoi-duoc-de-nghi/<int:nominee_pk>/xoa/", views.nominee_delete, name="nominee_delete"),
    path("<int:pk>/nguoi-duoc-de-nghi/<int:nominee_pk>/tham-dinh/", views.nominee_appraise, name="nominee_appraise"),
    path("<int:pk>/nguoi-duoc-de-nghi/<int:nominee_pk>/ghi-de-ket-qua/", views.nominee_override, name="nominee_override"),
    path("<int:pk>/tep/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/tep/<int:attachment_pk>/xoa/", views.attachment_delete, name="attachment_delete"),
    path("<int:pk>/chuyen-trang-thai/", views.dossier_transition, name="transition"),
    path("dot-xet/", views.round_list, name="rounds"),
    path("dot-xet/them/", views.round_edit, name="round_add"),
    path("dot-xet/<int:round_pk>/", views.round_edit, name="round_edit"),
    path("ca-nhan/<int:person_pk>/", views.person_detail, name="person"),
    path("don-vi/<int:unit_pk>/so-khen-thuong/", views.unit_ledger, name="unit_ledger"),
    path("trung-lap/", views.duplicates, name="duplicates"),
    path("", include("dossiers.urls_import")),
    path("", include("dossiers.views_clusters")),
]
