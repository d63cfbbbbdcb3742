"""Moved to core.uploads (a generic check that clusters and campaigns use too); kept for old imports."""

from core.uploads import ALLOWED_LABEL, CheckedFile, check_upload, safe_name  # noqa: F401
