"""Excel import routes, included by dossiers/urls.py inside the "dossiers" namespace (prefix "ho-so/")."""

from django.urls import path

from . import views_import

urlpatterns = [
    path("<int:pk>/nhap-excel/", views_import.nominee_import, name="nominee_import"),
    path("nhap-excel/mau-danh-sach-de-nghi.xlsx", views_import.nominee_template, name="nominee_template"),
    path("so-khen-thuong/nhap-excel/", views_import.ledger_import, name="ledger_import"),
    path("so-khen-thuong/mau-nhap-excel.xlsx", views_import.ledger_template, name="ledger_template"),
]
