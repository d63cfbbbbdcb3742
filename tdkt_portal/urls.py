from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.urls import auth_patterns
from awards.views.decisions import verify as certificate_verify
from core.views import audit_list

admin.site.site_header = _("Quản trị Cổng thi đua, khen thưởng")
admin.site.site_title = _("Quản trị Cổng TĐKT")
admin.site.index_title = _("Dữ liệu hệ thống")


urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/", include(auth_patterns)),
    path("tai-khoan/", include("accounts.urls")),
    path("nhat-ky/", audit_list, name="audit_list"),
    path("don-vi/", include("units.urls")),
    path("don-vi/", include("clusters.urls")),  # don-vi/cum-khoi/…
    path("thong-bao/", include("notifications.urls")),
    path("ho-so/", include("dossiers.urls")),
    path("", include("campaigns.urls")),  # phong-trao/, ke-hoach/, yeu-cau-nop/, lich-han/, nhac-viec/, guong-dien-hinh/
    path("hoi-dong/", include("awards.urls")),
    path("xac-minh/<str:token>/", certificate_verify, name="certificate_verify"),  # public: the QR code
    path("api/", include("api.urls")),
    path("", include("reports.urls")),
]
