from django.urls import path

from .views import cards, election, groups, pacts, sheets

app_name = "clusters"
urlpatterns = [
    # Groups
    path("cum-khoi/", groups.group_list, name="group_list"),
    path("cum-khoi/sao-chep-nam/", groups.groups_copy, name="groups_copy"),
    path("cum-khoi/them/", groups.group_edit, name="group_add"),
    path("cum-khoi/<int:pk>/sua/", groups.group_edit, name="group_edit"),
    path("cum-khoi/<int:pk>/", groups.group_detail, name="group_detail"),
    path("cum-khoi/<int:pk>/truong-cum/", groups.group_leader, name="group_leader"),
    # Sheets, the scoring and the ranking
    path("cum-khoi/<int:pk>/sao-chep-tieu-chi/", sheets.group_copy_template, name="group_copy_template"),
    path("cum-khoi/<int:pk>/mo-cham-diem/", sheets.group_open_scoring, name="group_open_scoring"),
    path("cum-khoi/<int:pk>/chot-diem/", sheets.group_finalise, name="group_finalise"),
    path("cum-khoi/<int:pk>/xep-hang/", sheets.ranking, name="ranking"),
    path("cum-khoi/tieu-chi/<int:pk>/", sheets.sheet_detail, name="sheet_detail"),
    path("cum-khoi/tieu-chi/<int:pk>/them/", sheets.criterion_add, name="criterion_add"),
    path("cum-khoi/tieu-chi/<int:pk>/muc/<int:criterion_pk>/sua/", sheets.criterion_edit, name="criterion_edit"),
    path("cum-khoi/tieu-chi/<int:pk>/muc/<int:criterion_pk>/xoa/", sheets.criterion_delete, name="criterion_delete"),
    # Score cards
    path("cum-khoi/phieu/<int:pk>/", cards.card_detail, name="card_detail"),
    path("cum-khoi/phieu/<int:pk>/luu/", cards.card_save, name="card_save"),
    path("cum-khoi/phieu/<int:pk>/gui/", cards.card_submit, name="card_submit"),
    path("cum-khoi/phieu/<int:pk>/tham-dinh/", cards.card_review, name="card_review"),
    path("cum-khoi/phieu/<int:pk>/tra-lai/", cards.card_return, name="card_return"),
    path("cum-khoi/phieu/<int:pk>/minh-chung/", cards.evidence_upload, name="evidence_upload"),
    path("cum-khoi/minh-chung/<int:pk>/", cards.evidence_download, name="evidence_download"),
    # The pact
    path("cum-khoi/<int:pk>/lap-giao-uoc/", pacts.group_pact_create, name="group_pact_create"),
    path("cum-khoi/<int:pk>/giao-uoc/", pacts.pact, name="pact"),
    path("cum-khoi/<int:pk>/giao-uoc/<int:signature_pk>/dang-ky/", pacts.pact_commit, name="pact_commit"),
    path("cum-khoi/<int:pk>/giao-uoc/<int:signature_pk>/xac-nhan/", pacts.pact_sign, name="pact_sign"),
    path("cum-khoi/<int:pk>/giao-uoc.pdf", pacts.pact_pdf, name="pact_pdf"),
    # The leader election
    path("cum-khoi/<int:pk>/mo-suy-ton/", election.group_open_election, name="group_open_election"),
    path("cum-khoi/<int:pk>/suy-ton/", election.election, name="election"),
    path("cum-khoi/<int:pk>/suy-ton/bo-phieu/", election.election_vote, name="election_vote"),
    path("cum-khoi/<int:pk>/suy-ton/kiem-phieu/", election.election_close, name="election_close"),
]
