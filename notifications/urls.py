from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("doc-tat-ca/", views.notification_read, name="read_all"),
    path("<int:pk>/doc/", views.notification_read, name="read"),
    path("thu-dien-tu/", views.preferences, name="preferences"),
    path("thu-chua-gui/", views.outbox_list, name="outbox"),
    path("thu-chua-gui/<int:pk>/gui-lai/", views.outbox_resend_view, name="outbox_resend"),
]
