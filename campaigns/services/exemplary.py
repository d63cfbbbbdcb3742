"""Writes on exemplary models (gương điển hình tiên tiến): a unit introduces one, the office reviews it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import ConcurrentEditError, audit_record, save_with_version
from core.services import require_perm as _require
from core.text import normalize_text
from core.uploads import check_upload
from units.models import Unit

from ..enums import ExemplaryStatus, PeriodKind
from ..models import ExemplaryModel


@transaction.atomic
def exemplary_submit(
    *,
    by,
    unit: Unit,
    kind: str,
    period_kind: str,
    year: int,
    period: int,
    title: str,
    subject_name: str,
    summary: str,
    upload=None,
) -> ExemplaryModel:
    """A unit introduces an exemplary person, collective or new model for a month or a quarter."""
    _require(by, "campaigns.submit_exemplary", unit)
    limit = 12 if period_kind == PeriodKind.MONTH else 4
    if not 1 <= (period or 0) <= limit:
        raise ValidationError({"period": _("Tháng từ 1 đến 12, quý từ 1 đến 4.")})
    item = ExemplaryModel(
        unit=unit,
        kind=kind,
        period_kind=period_kind,
        year=year,
        period=period,
        title=title,
        subject_name=subject_name,
        summary=summary.strip(),
        submitted_by=by,
    )
    if upload is not None:
        checked = check_upload(upload)
        item.original_name, item.content_type = checked.name, checked.content_type
        item.file.save(checked.name, upload, save=False)
    item.full_clean(exclude=["file", "submitted_by"])
    item.save()
    audit_record(actor=by, action="exemplary_submit", obj=item, changes={"title": [None, item.title]})
    return item


@transaction.atomic
def exemplary_review(*, by, item: ExemplaryModel, publish: bool, note: str = "", expected_version: int | None) -> ExemplaryModel:
    """The standing office publishes a chosen model for publicity, or notes it as not chosen; a
    colleague's decision made after the page was opened is not silently replaced."""
    _require(by, "campaigns.review_exemplary", item)
    if expected_version is None:
        raise ConcurrentEditError()
    old = ExemplaryModel.objects.values_list("status", flat=True).get(pk=item.pk)
    item.status = ExemplaryStatus.PUBLISHED if publish else ExemplaryStatus.NOT_CHOSEN
    item.reviewed_by, item.reviewed_at, item.publish_note = by, timezone.now(), normalize_text(note)
    save_with_version(item, expected_version=expected_version, fields=["status", "reviewed_by", "reviewed_at", "publish_note"])
    audit_record(actor=by, action="exemplary_review", obj=item, changes={"status": [old, item.status]}, note=item.publish_note)
    return item
