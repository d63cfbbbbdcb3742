from django.urls import path

from . import views_council, views_decisions

app_name = "awards"
urlpatterns = [
    path("", views_council.council_detail, name="council"),
    path("nam/<int:year>/", views_council.council_detail, name="council_year"),
    path("nam/<int:year>/phien-hop/tao/", views_council.meeting_create, name="meeting_create"),
    path("thanh-vien/<int:member_pk>/bo/", views_council.council_member_remove, name="council_member_remove"),
    path("phien-hop/<int:pk>/", views_council.meeting_detail, name="meeting"),
    path("phien-hop/<int:pk>/bo-phieu/", views_council.ballot, name="ballot"),
    path("phien-hop/<int:pk>/thao-tac/", views_council.meeting_action, name="meeting_action"),
    path("phien-hop/<int:pk>/y-kien/<int:member_pk>/", views_council.written_opinion_form, name="written_opinion_form"),
    path("phien-hop/<int:pk>/y-kien/<int:member_pk>/ghi/", views_council.written_opinion, name="written_opinion"),
    path("phien-hop/<int:pk>/bien-ban.pdf", views_council.minutes_pdf, name="minutes"),
    path("quyet-dinh/", views_decisions.decision_list, name="decisions"),
    path("quyet-dinh/du-thao/<int:round_pk>/", views_decisions.decisions_draft, name="decisions_draft"),
    path("quyet-dinh/<int:pk>/", views_decisions.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/van-ban.pdf", views_decisions.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/thu-hoi/", views_decisions.decision_revoke, name="decision_revoke"),
    path("quyet-dinh/<int:pk>/chi-thuong.pdf", views_decisions.payout_pdf, name="payout_pdf"),
    path("quyet-dinh/<int:pk>/in-giay-khen/", views_decisions.print_start, name="print_start"),
    path("in-giay-khen/<int:pk>/", views_decisions.print_job, name="print_job"),
    path("in-giay-khen/<int:pk>/thu-lai/", views_decisions.print_job_retry, name="print_job_retry"),
    path("in-giay-khen/<int:pk>/tai-ve/", views_decisions.print_job_download, name="print_job_download"),
]
