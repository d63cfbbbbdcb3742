from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("goi-y/", views.unit_autocomplete, name="autocomplete"),
    path("them/", views.unit_create, name="unit_create"),
    path("nhap-excel/", views.unit_import, name="unit_import"),
    path("nhap-excel/mau/", views.unit_import_template, name="unit_import_template"),
    path("nhap-excel/luu/", views.unit_import_confirm, name="unit_import_confirm"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("co-quan-ban-hanh/", views.authority_edit, name="authority_edit"),
    path("cac-co-quan/", views.authority_list, name="authority_list"),
    path("cac-co-quan/them/", views.authority_create, name="authority_create"),
    path("cac-co-quan/<int:pk>/sua/", views.authority_change, name="authority_change"),
]
