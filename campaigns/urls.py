from django.urls import path

from .views import board, calendar, campaigns, exemplary, from_above, plan, reminders, requests

app_name = "campaigns"
urlpatterns = [
    # Campaigns
    path("phong-trao/", campaigns.campaign_list, name="campaign_list"),
    path("phong-trao/them/", campaigns.campaign_edit, name="campaign_create"),
    path("phong-trao/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("phong-trao/<int:pk>/sua/", campaigns.campaign_edit, name="campaign_edit"),
    path("phong-trao/<int:pk>/dang-ky/", campaigns.campaign_register, name="campaign_register"),
    path("phong-trao/<int:pk>/tham-gia/", campaigns.campaign_join, name="campaign_join"),
    path("phong-trao/<int:pk>/moc/them/", campaigns.milestone_edit, name="milestone_add"),
    path("phong-trao/<int:pk>/moc/<int:milestone_pk>/", campaigns.milestone_edit, name="milestone_edit"),
    # The annual plan
    path("ke-hoach/", plan.plan_list, name="plan_list"),
    path("ke-hoach/them/", plan.plan_edit, name="plan_create"),
    path("ke-hoach/<int:year>/", plan.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:year>/sua/", plan.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:year>/nhiem-vu/them/", plan.plan_task_edit, name="plan_task_add"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:task_pk>/", plan.plan_task_edit, name="plan_task_edit"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:task_pk>/hoan-thanh/", plan.plan_task_mark, name="plan_task_mark"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:task_pk>/cap-duoi/", plan.plan_task_lower, name="plan_task_lower"),
    # Submission requests
    path("yeu-cau-nop/", requests.request_list, name="request_list"),
    path("yeu-cau-nop/cua-cap-tren/", from_above.from_above, name="requests_from_above"),
    path("yeu-cau-nop/cua-cap-tren/<int:recipient_pk>/nop/", from_above.from_above_upload, name="from_above_upload"),
    path("yeu-cau-nop/cua-cap-tren/nhiem-vu/<int:task_pk>/", from_above.from_above_task_report, name="from_above_task_report"),
    path("yeu-cau-nop/them/", requests.request_create, name="request_create"),
    path("yeu-cau-nop/bao-cao-cum-khoi/", requests.report_chain_create, name="report_chain_create"),
    path("yeu-cau-nop/cum-khoi/<int:pk>/", requests.group_reports, name="group_reports"),
    path("yeu-cau-nop/<int:pk>/cong-van.pdf", requests.request_letter, name="request_letter"),
    path("yeu-cau-nop/<int:pk>/cong-van/cap-so/", requests.request_letter_number, name="request_letter_number"),
    path("yeu-cau-nop/<int:pk>/nhac/", requests.request_remind, name="request_remind"),
    path("yeu-cau-nop/<int:pk>/ket-thuc/", requests.request_close, name="request_close"),
    # … and their tracking boards
    path("yeu-cau-nop/<int:pk>/", board.request_detail, name="request_detail"),
    path("yeu-cau-nop/<int:pk>/nop/<int:recipient_pk>/", board.submission_upload, name="submission_upload"),
    path("yeu-cau-nop/<int:pk>/chap-nhan/<int:recipient_pk>/", board.submission_accept, name="submission_accept"),
    path("yeu-cau-nop/<int:pk>/tra-lai/<int:recipient_pk>/", board.submission_return, name="submission_return"),
    path("yeu-cau-nop/<int:pk>/tep/<int:submission_pk>/", board.submission_download, name="submission_download"),
    # Deadlines
    path("lich-han/", calendar.calendar, name="calendar"),
    path("lich-han/tao-duong-dan/", calendar.calendar_feed_renew, name="calendar_feed_renew"),
    path("lich-han/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    # Reminders
    path("nhac-viec/", reminders.reminder_settings, name="reminder_settings"),
    path("nhac-viec/mau/<slug:key>/", reminders.message_template_edit, name="message_template_edit"),
    path("nhac-viec/mau/<slug:key>/khoi-phuc/", reminders.message_template_restore, name="message_template_restore"),
    # Exemplary models
    path("guong-dien-hinh/", exemplary.exemplary_list, name="exemplary_list"),
    path("guong-dien-hinh/gioi-thieu/", exemplary.exemplary_create, name="exemplary_create"),
    path("guong-dien-hinh/<int:pk>/xem-xet/", exemplary.exemplary_review, name="exemplary_review"),
    path("guong-dien-hinh/<int:pk>/tep/", exemplary.exemplary_download, name="exemplary_download"),
]
