from django.urls import path

from . import views

app_name = "clusters"
urlpatterns = [
    path("cum-khoi/", views.group_list, name="group_list"),
    path("cum-khoi/sao-chep-nam/", views.groups_copy, name="groups_copy"),
    path("cum-khoi/them/", views.group_edit, name="group_add"),
    path("cum-khoi/<int:pk>/sua/", views.group_edit, name="group_edit"),
    path("cum-khoi/<int:pk>/", views.group_detail, name="group_detail"),
    path("cum-khoi/<int:pk>/truong-cum/", views.group_leader, name="group_leader"),
    path("cum-khoi/<int:pk>/lap-giao-uoc/", views.group_pact_create, name="group_pact_create"),
    path("cum-khoi/<int:pk>/sao-chep-tieu-chi/", views.group_copy_template, name="group_copy_template"),
    path("cum-khoi/<int:pk>/mo-cham-diem/", views.group_open_scoring, name="group_open_scoring"),
    path("cum-khoi/<int:pk>/chot-diem/", views.group_finalise, name="group_finalise"),
    path("cum-khoi/<int:pk>/mo-suy-ton/", views.group_open_election, name="group_open_election"),
    path("cum-khoi/<int:pk>/xep-hang/", views.ranking, name="ranking"),
    path("cum-khoi/<int:pk>/giao-uoc/", views.pact, name="pact"),
    path("cum-khoi/<int:pk>/giao-uoc.pdf", views.pact_pdf, name="pact_pdf"),
    path("cum-khoi/<int:pk>/suy-ton/", views.election, name="election"),
    path("cum-khoi/tieu-chi/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("cum-khoi/phieu/<int:pk>/", views.card_detail, name="card_detail"),
    path("cum-khoi/minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
]
