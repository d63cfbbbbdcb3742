from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.urls import auth_patterns
from core.views import audit_list

admin.site.site_header = _("Quản trị Cổng thi đua, khen thưởng")
admin.site.site_title = _("Quản trị Cổng TĐKT")
admin.site.index_title = _("Dữ liệu hệ thống")


urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/", include(auth_patterns)),
    path("tai-khoan/", include("accounts.urls")),
    path("nhat-ky/", audit_list, name="audit_list"),
    path("don-vi/", include("clusters.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("ho-so/", include("dossiers.urls")),
    path("", include("reports.urls")),
]
