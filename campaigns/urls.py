from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    # Campaigns
    path("phong-trao/", views.campaign_list, name="campaign_list"),
    path("phong-trao/them/", views.campaign_edit, name="campaign_create"),
    path("phong-trao/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("phong-trao/<int:pk>/sua/", views.campaign_edit, name="campaign_edit"),
    path("phong-trao/<int:pk>/dang-ky/", views.campaign_register, name="campaign_register"),
    path("phong-trao/<int:pk>/tham-gia/", views.campaign_join, name="campaign_join"),
    path("phong-trao/<int:pk>/moc/them/", views.milestone_edit, name="milestone_add"),
    path("phong-trao/<int:pk>/moc/<int:milestone_pk>/", views.milestone_edit, name="milestone_edit"),
    # The annual plan
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/them/", views.plan_edit, name="plan_create"),
    path("ke-hoach/<int:year>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:year>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:year>/nhiem-vu/them/", views.plan_task_edit, name="plan_task_add"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:task_pk>/", views.plan_task_edit, name="plan_task_edit"),
    path("ke-hoach/<int:year>/nhiem-vu/<int:task_pk>/hoan-thanh/", views.plan_task_mark, name="plan_task_mark"),
    # Submission requests and their tracking boards
    path("yeu-cau-nop/", views.request_list, name="request_list"),
    path("yeu-cau-nop/them/", views.request_create, name="request_create"),
    path("yeu-cau-nop/bao-cao-cum-khoi/", views.report_chain_create, name="report_chain_create"),
    path("yeu-cau-nop/cum-khoi/<int:pk>/", views.group_reports, name="group_reports"),
    path("yeu-cau-nop/<int:pk>/", views.request_detail, name="request_detail"),
    path("yeu-cau-nop/<int:pk>/cong-van.pdf", views.request_letter, name="request_letter"),
    path("yeu-cau-nop/<int:pk>/cong-van/cap-so/", views.request_letter_number, name="request_letter_number"),
    path("yeu-cau-nop/<int:pk>/nop/<int:recipient_pk>/", views.submission_upload, name="submission_upload"),
    path("yeu-cau-nop/<int:pk>/xem-xet/<int:recipient_pk>/", views.submission_review, name="submission_review"),
    path("yeu-cau-nop/<int:pk>/nhac/", views.request_remind, name="request_remind"),
    path("yeu-cau-nop/<int:pk>/ket-thuc/", views.request_close, name="request_close"),
    path("yeu-cau-nop/<int:pk>/tep/<int:submission_pk>/", views.submission_download, name="submission_download"),
    # Deadlines
    path("lich-han/", views.calendar, name="calendar"),
    path("lich-han/tao-duong-dan/", views.calendar_feed_renew, name="calendar_feed_renew"),
    path("lich-han/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    # Reminders
    path("nhac-viec/", views.reminder_settings, name="reminder_settings"),
    path("nhac-viec/mau/<slug:key>/", views.message_template_edit, name="message_template_edit"),
    # Exemplary models
    path("guong-dien-hinh/", views.exemplary_list, name="exemplary_list"),
    path("guong-dien-hinh/gioi-thieu/", views.exemplary_create, name="exemplary_create"),
    path("guong-dien-hinh/<int:pk>/xem-xet/", views.exemplary_review, name="exemplary_review"),
    path("guong-dien-hinh/<int:pk>/tep/", views.exemplary_download, name="exemplary_download"),
]
