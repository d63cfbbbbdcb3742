"""/api/v1/…: the versioned API. A later version gets its own list beside this one."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from . import views
from .serializers import RECEIPT_PATTERN, REFERENCE_PATTERN

app_name = "api"

# Path values are held to what they can be (a receipt number, a client's reference, a number):
# anything else is the JSON 404 below, never a query (PostgreSQL refuses a NUL in a string: a 500).
RECEIPT = rf"(?P<receipt_number>{RECEIPT_PATTERN.strip('^$')})"
REFERENCE = rf"(?P<external_reference>{REFERENCE_PATTERN.strip('^$')})"

v1 = [
    path("dossiers/", views.DossierSubmitView.as_view(), name="dossier-submit"),
    re_path(rf"^dossiers/status/{RECEIPT}/$", views.DossierStatusView.as_view(), name="dossier-status"),
    re_path(rf"^dossiers/reference/{REFERENCE}/$", views.DossierByReferenceView.as_view(), name="dossier-reference"),
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("award-types/", views.AwardTypeListView.as_view(), name="award-types"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    re_path(r"^decisions/(?P<pk>[0-9]{1,18})/$", views.DecisionDetailView.as_view(), name="decision"),
    path("awards/", views.AwardRecordListView.as_view(), name="awards"),
    # The OpenAPI document itself is public (it holds no data); no UI, since those load from a CDN.
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny], throttle_classes=[]),
        name="schema",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    re_path(r"^", views.not_found),  # any other address under /api/ answers in JSON too
]
