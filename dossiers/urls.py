from django.urls import path

from .views import attachments, dossiers, elections, holidays, imports, ledger, nominees, rounds

app_name = "dossiers"
urlpatterns = [
    # Dossiers and their workflow
    path("", dossiers.dossier_list, name="list"),
    path("tao-moi/", dossiers.dossier_create, name="create"),
    path("<int:pk>/", dossiers.dossier_detail, name="detail"),
    path("<int:pk>/chuyen-trang-thai/", dossiers.dossier_transition, name="transition"),
    path("<int:pk>/phieu-nop-ho-so.pdf", dossiers.dossier_acknowledgement, name="acknowledgement"),
    # Nominees
    path("<int:pk>/nguoi-duoc-de-nghi/them/", nominees.nominee_edit, name="nominee_add"),
    path("<int:pk>/nguoi-duoc-de-nghi/<int:nominee_pk>/", nominees.nominee_edit, name="nominee_edit"),
    path("<int:pk>/nguoi-duoc-de-nghi/<int:nominee_pk>/xoa/", nominees.nominee_delete, name="nominee_delete"),
    path("<int:pk>/tham-dinh/", nominees.appraisal_save, name="appraisal_save"),
    path("<int:pk>/nguoi-duoc-de-nghi/<int:nominee_pk>/tham-dinh/", nominees.nominee_appraise, name="nominee_appraise"),
    path("<int:pk>/nguoi-duoc-de-nghi/<int:nominee_pk>/ghi-de-ket-qua/", nominees.nominee_override, name="nominee_override"),
    # Files
    path("<int:pk>/tep/", attachments.attachment_upload, name="attachment_upload"),
    path("<int:pk>/tep/<int:attachment_pk>/", attachments.attachment_download, name="attachment_download"),
    path("<int:pk>/tep/<int:attachment_pk>/xoa/", attachments.attachment_delete, name="attachment_delete"),
    # Excel imports: the upload shows a preview, the confirmation (its own address) saves
    path("<int:pk>/nhap-excel/", imports.nominee_import, name="nominee_import"),
    path("<int:pk>/nhap-excel/luu/", imports.nominee_import_confirm, name="nominee_import_confirm"),
    path("nhap-excel/mau-danh-sach-de-nghi.xlsx", imports.nominee_template_download, name="nominee_template"),
    path("so-khen-thuong/nhap-excel/", imports.ledger_import, name="ledger_import"),
    path("so-khen-thuong/nhap-excel/luu/", imports.ledger_import_confirm, name="ledger_import_confirm"),
    path("so-khen-thuong/mau-nhap-excel.xlsx", imports.ledger_template_download, name="ledger_template"),
    # Rounds
    path("dot-xet/", rounds.round_list, name="rounds"),
    path("dot-xet/them/", rounds.round_edit, name="round_add"),
    path("dot-xet/<int:round_pk>/", rounds.round_edit, name="round_edit"),
    # The ledger
    path("ca-nhan/<int:person_pk>/", ledger.person_detail, name="person"),
    path("don-vi/<int:unit_pk>/so-khen-thuong/", ledger.unit_ledger, name="unit_ledger"),
    path("trung-lap/", ledger.duplicates, name="duplicates"),
    path("trung-lap/gop/", ledger.person_merge, name="person_merge"),
    # The installation's days off of a year (#14): generated, completed and confirmed by staff
    path("ngay-nghi/", holidays.holiday_year, name="holidays"),
    path("ngay-nghi/<int:year>/", holidays.holiday_year, name="holiday_year"),
    path("ngay-nghi/<int:year>/xac-nhan/", holidays.holiday_confirm, name="holiday_confirm"),
    path("ngay-nghi/<int:year>/tao-mac-dinh/", holidays.holiday_generate, name="holiday_generate"),
    path("ngay-nghi/<int:year>/xoa/", holidays.holiday_delete, name="holiday_delete"),  # the day: POST "ngay"
    # Cluster elections (the page lives in clusters, which never imports dossiers)
    path("cum-khoi/<int:pk>/de-nghi-suy-ton/", elections.leader_proposal, name="leader_proposal"),
]
