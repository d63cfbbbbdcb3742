from django.urls import path

from . import views

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("danh-sach/", views.honoured_list, name="honoured"),
    path("bao-cao/", views.review_list, name="review_list"),
    path("bao-cao/<int:pk>/", views.review_edit, name="review_edit"),
    path("bao-cao/<int:pk>/bao-cao.pdf", views.review_pdf, name="review_pdf"),
    path("bao-cao/<int:pk>/bao-cao.docx", views.review_docx, name="review_docx"),
]
