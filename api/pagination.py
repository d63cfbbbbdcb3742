from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """page=1,2,… and page_size up to 200 (50 by default)."""

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = _("Số dòng mỗi trang (tối đa 200, mặc định 50).")
    page_query_description = _("Số trang, bắt đầu từ 1.")
    max_page_size = 200
    invalid_page_message = _("Trang không tồn tại.")
