"""The reports app's addresses, in one file: the dashboard (/), the statistics and review reports
(/thong-ke/, names "reports:…") and the Excel exports (/xuat-excel/, names "exports:…")."""

from django.urls import include, path

from .views import dashboard, exports, review, statistics

statistics_patterns = [
    path("", statistics.statistics_page, name="statistics"),
    path("danh-sach/", statistics.honoured_list, name="honoured"),
    path("bao-cao/", review.review_list, name="review_list"),
    path("bao-cao/<int:pk>/", review.review_edit, name="review_edit"),
    path("bao-cao/<int:pk>/bao-cao.pdf", review.review_pdf, name="review_pdf"),
    path("bao-cao/<int:pk>/bao-cao.docx", review.review_docx, name="review_docx"),
]

export_patterns = [
    path("chi-thuong/<int:pk>.xlsx", exports.payout_download, name="payout"),
    path("tep/<int:pk>/", exports.job_detail, name="job"),
    path("tep/<int:pk>/thu-lai/", exports.job_retry, name="job_retry"),
    path("tep/<int:pk>/tai-ve/", exports.job_download, name="job_download"),
    path("<slug:name>/", exports.export_start, name="start"),
    path("<slug:name>/<int:pk>/", exports.export_start, name="start_object"),
]

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("thong-ke/", include((statistics_patterns, "reports"))),
    path("xuat-excel/", include((export_patterns, "exports"))),
]
