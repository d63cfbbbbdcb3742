from django.urls import path

from .views import ballots, council, decisions, meetings, prints, upward

app_name = "awards"
urlpatterns = [
    # A year's council and its members.
    path("", council.council_detail, name="council"),
    path("nam/<int:year>/", council.council_detail, name="council_year"),
    path("nam/<int:year>/lap/", council.council_create, name="council_create"),
    path("nam/<int:year>/thanh-vien/them/", council.council_member_add, name="council_member_add"),
    path("thanh-vien/<int:member_pk>/bo/", council.council_member_remove, name="council_member_remove"),
    path("nam/<int:year>/phien-hop/tao/", council.meeting_create, name="meeting_create"),
    # A meeting and each of its actions.
    path("phien-hop/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("phien-hop/<int:pk>/noi-dung-bien-ban/", meetings.meeting_texts, name="meeting_texts"),
    path("phien-hop/<int:pk>/cap-nhat-chuong-trinh/", meetings.agenda_fill, name="agenda_fill"),
    path("phien-hop/<int:pk>/mo-bieu-quyet/", meetings.voting_open, name="voting_open"),
    path("phien-hop/<int:pk>/ket-thuc-bieu-quyet/", meetings.ballot_close, name="ballot_close"),
    path("phien-hop/<int:pk>/mo-lai-bieu-quyet/", meetings.ballot_reopen, name="ballot_reopen"),
    path(
        "phien-hop/<int:pk>/diem-danh/<int:member_pk>/co-mat/",
        meetings.attendance_set,
        {"present": True},
        name="attendance_present",
    ),
    path(
        "phien-hop/<int:pk>/diem-danh/<int:member_pk>/vang/",
        meetings.attendance_set,
        {"present": False},
        name="attendance_absent",
    ),
    path("phien-hop/<int:pk>/bien-ban.pdf", meetings.minutes_pdf, name="minutes"),
    # The secret ballot.
    path("phien-hop/<int:pk>/bo-phieu/", ballots.ballot, name="ballot"),
    path("phien-hop/<int:pk>/y-kien/<int:member_pk>/", ballots.written_opinion_form, name="written_opinion_form"),
    path("phien-hop/<int:pk>/y-kien/<int:member_pk>/ghi/", ballots.written_opinion, name="written_opinion"),
    # Decisions, proposals and their documents.
    path("quyet-dinh/", decisions.decision_list, name="decisions"),
    path("quyet-dinh/du-thao/<int:round_pk>/", decisions.decisions_draft, name="decisions_draft"),
    path("quyet-dinh/<int:pk>/", decisions.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/xac-nhan-ban-hanh/", decisions.decision_confirm, name="decision_confirm"),
    path("quyet-dinh/<int:pk>/du-thao.pdf", decisions.decision_draft_pdf, name="decision_draft_pdf"),
    path("quyet-dinh/<int:pk>/van-ban.pdf", decisions.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/thu-hoi/", decisions.decision_revoke, name="decision_revoke"),
    path("quyet-dinh/<int:pk>/chi-thuong.pdf", decisions.payout_pdf, name="payout_pdf"),
    # A Tờ trình sent up in the portal, and its answer to a request for a supplement.
    path("quyet-dinh/<int:pk>/gui-cap-tren/", upward.proposal_send, name="proposal_send"),
    path("quyet-dinh/<int:pk>/gui-bo-sung/", upward.proposal_supplement, name="proposal_supplement"),
    # Batch printing of certificates.
    path("quyet-dinh/<int:pk>/in-giay-khen/", prints.print_start, name="print_start"),
    path("in-giay-khen/<int:pk>/", prints.print_job, name="print_job"),
    path("in-giay-khen/<int:pk>/thu-lai/", prints.print_job_retry, name="print_job_retry"),
    path("in-giay-khen/<int:pk>/tai-ve/", prints.print_job_download, name="print_job_download"),
]
