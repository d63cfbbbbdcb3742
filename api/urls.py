"""/api/v1/…: the versioned API. A later version gets its own list beside this one."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from . import views

app_name = "api"

v1 = [
    path("dossiers/", views.DossierSubmitView.as_view(), name="dossier-submit"),
    path("dossiers/status/<str:receipt_number>/", views.DossierStatusView.as_view(), name="dossier-status"),
    path("dossiers/reference/<str:external_reference>/", views.DossierByReferenceView.as_view(), name="dossier-reference"),
    path("rounds/", views.RoundListView.as_view(), name="rounds"),
    path("award-types/", views.AwardTypeListView.as_view(), name="award-types"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("decisions/<str:pk>/", views.DecisionDetailView.as_view(), name="decision"),  # not <int:>: a JSON 404, not HTML
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
