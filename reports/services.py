"""Writes of the reports app: the review reports the standing office drafts."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_record, diff_fields, require_perm, save_with_version, snapshot

from .models import ReviewReport

REPORT_TEXT_FIELDS = ["date_from", "cutoff", "report_date", "leadership", "movements", "strengths", "weaknesses", "next_tasks"]


def default_period(kind: str, year: int) -> tuple[datetime.date, datetime.date]:
    """Sơ kết: 01/01 – 30/6 (the Tây Sơn seed counts "tính đến ngày 30 tháng 6"); tổng kết: the whole year."""
    end = datetime.date(year, 6, 30) if kind == ReviewReport.Kind.INTERIM else datetime.date(year, 12, 31)
    return datetime.date(year, 1, 1), end


@transaction.atomic
def review_report_open(*, by, kind: str, year: int) -> tuple[ReviewReport, bool]:
    """The report of that kind and year of the authority `by` acts in, made with the default period if there
    is none yet (a second click opens the same report; another authority's report of that year is its own)."""
    require_perm(by, "reports.draft_review_report")
    if kind not in ReviewReport.Kind.values:
        raise ValidationError({"kind": _("Hãy chọn loại báo cáo.")})
    date_from, cutoff = default_period(kind, year)
    report, created = ReviewReport.objects.get_or_create(
        authority_id=by.acting_authority_id,
        kind=kind,
        year=year,
        defaults={"date_from": date_from, "cutoff": cutoff, "created_by": by},
    )
    if created:
        audit_record(actor=by, action="review_report_create", obj=report, changes={"period": [None, f"{date_from} – {cutoff}"]})
    return report, created


@transaction.atomic
def review_report_update(*, by, report: ReviewReport, expected_version: int, **data) -> ReviewReport:
    require_perm(by, "reports.draft_review_report")
    if report.authority_id != by.acting_authority_id:  # another authority's report is not theirs to write
        raise PermissionDenied
    if any(day and not 2000 <= day.year <= 2100 for day in (data["date_from"], data["cutoff"], data.get("report_date"))):
        raise ValidationError({"cutoff": _("Hãy nhập ngày trong khoảng năm 2000 – 2100.")})
    if data["date_from"] > data["cutoff"]:
        raise ValidationError({"cutoff": _("Ngày tính đến phải sau ngày bắt đầu lấy số liệu.")})
    old = snapshot(report, REPORT_TEXT_FIELDS)
    for name in REPORT_TEXT_FIELDS:
        setattr(report, name, data[name])
    save_with_version(report, expected_version=expected_version, fields=REPORT_TEXT_FIELDS)
    changes = diff_fields(report, old, REPORT_TEXT_FIELDS)
    if changes:
        audit_record(actor=by, action="review_report_update", obj=report, changes=changes)
    return report
