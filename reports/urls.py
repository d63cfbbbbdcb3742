from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("thong-ke/", include(("reports.urls_stats", "reports"))),
    path("xuat-excel/", include("reports.urls_export")),
]
