"""Excel exports of the portal's lists (owned by the export work; see reports/exports.py)."""

urlpatterns = []
