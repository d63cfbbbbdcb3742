"""Excel exports of the portal's lists (see reports/exports.py), under /xuat-excel/."""

from django.urls import path

from . import views_export

app_name = "exports"

urlpatterns = [
    path("chi-thuong/<int:pk>.xlsx", views_export.payout_download, name="payout"),
    path("tep/<int:pk>/", views_export.job_detail, name="job"),
    path("tep/<int:pk>/thu-lai/", views_export.job_retry, name="job_retry"),
    path("tep/<int:pk>/tai-ve/", views_export.job_download, name="job_download"),
    path("<slug:name>/", views_export.export_start, name="start"),
    path("<slug:name>/<int:pk>/", views_export.export_start, name="start_object"),
]
