from django.urls import path

from . import group_views, views

app_name = "clusters"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("them/", views.unit_create, name="unit_create"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("co-quan-ban-hanh/", views.authority_edit, name="authority_edit"),
    # Clusters and blocs (cụm, khối thi đua)
    path("cum-khoi/", group_views.group_list, name="group_list"),
    path("cum-khoi/sao-chep-nam/", group_views.groups_copy, name="groups_copy"),
    path("cum-khoi/them/", group_views.group_edit, name="group_add"),
    path("cum-khoi/<int:pk>/sua/", group_views.group_edit, name="group_edit"),
    path("cum-khoi/<int:pk>/", group_views.group_detail, name="group_detail"),
    path("cum-khoi/<int:pk>/truong-cum/", group_views.group_leader, name="group_leader"),
    path("cum-khoi/<int:pk>/lap-giao-uoc/", group_views.group_pact_create, name="group_pact_create"),
    path("cum-khoi/<int:pk>/sao-chep-tieu-chi/", group_views.group_copy_template, name="group_copy_template"),
    path("cum-khoi/<int:pk>/mo-cham-diem/", group_views.group_open_scoring, name="group_open_scoring"),
    path("cum-khoi/<int:pk>/chot-diem/", group_views.group_finalise, name="group_finalise"),
    path("cum-khoi/<int:pk>/mo-suy-ton/", group_views.group_open_election, name="group_open_election"),
    path("cum-khoi/<int:pk>/xep-hang/", group_views.ranking, name="ranking"),
    path("cum-khoi/<int:pk>/giao-uoc/", group_views.pact, name="pact"),
    path("cum-khoi/<int:pk>/giao-uoc.pdf", group_views.pact_pdf, name="pact_pdf"),
    path("cum-khoi/<int:pk>/suy-ton/", group_views.election, name="election"),
    path("cum-khoi/tieu-chi/<int:pk>/", group_views.sheet_detail, name="sheet_detail"),
    path("cum-khoi/phieu/<int:pk>/", group_views.card_detail, name="card_detail"),
    path("cum-khoi/minh-chung/<int:pk>/", group_views.evidence_download, name="evidence_download"),
]
