"""The review reports (báo cáo sơ kết, tổng kết) the standing office drafts: the list, one report's page
(its texts and a live preview), and the report as PDF and DOCX."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.actions import allowed_or_403, form_action, scope_or_404, visible_or_404
from core.files import named
from core.lists import list_table
from core.services import require_perm

from .. import services
from ..docx import review_docx as review_docx_bytes
from ..forms import ReviewOpenForm, ReviewReportForm
from ..models import ReviewReport
from ..review import review_dict
from ..selectors import review_reports
from ..tables import ReviewReportTable


@login_required
def review_list(request):
    require_perm(request.user, "reports.view_statistics")
    can_draft = request.user.has_perm("reports.draft_review_report")
    form = ReviewOpenForm(request.POST or None, initial={"kind": ReviewReport.Kind.INTERIM, "year": timezone.localdate().year})
    if request.method == "POST":
        allowed_or_403(request, "reports.draft_review_report")
    return form_action(
        request,
        form,
        lambda data: services.review_report_open(by=request.user, **data)[0],
        redirect_to=lambda report: reverse("reports:review_edit", args=[report.pk]),
        render=lambda: render(
            request,
            "reports/review_list.html",
            {
                "form": form,
                "table": list_table(request, ReviewReportTable, review_reports(authority_id=request.user.acting_authority_id)),
                "can_draft": can_draft,
            },
        ),
    )


@login_required
def review_edit(request, pk):
    report = _report(request, pk)
    can_draft = request.user.has_perm("reports.draft_review_report")
    form = ReviewReportForm(request.POST or None, instance=report, initial={"version": report.version})
    if request.method == "POST":
        allowed_or_403(request, "reports.draft_review_report")
    return form_action(
        request,
        form,
        lambda data: services.review_report_update(
            by=request.user,
            report=_mine(request).get(pk=pk),
            expected_version=data["version"],
            **{name: data[name] for name in services.REPORT_TEXT_FIELDS},
        ),
        success=_("Đã lưu báo cáo. Số liệu được tính lại mỗi lần xem, tải PDF hoặc DOCX."),
        redirect_to=reverse("reports:review_edit", args=[pk]),
        render=lambda: render(
            request,
            "reports/review_edit.html",
            {"report": report, "form": form, "preview": review_dict(_mine(request).get(pk=pk)), "can_draft": can_draft},
        ),
    )


def _mine(request):
    """The review reports of the authority the viewer acts in (#13)."""
    return review_reports(authority_id=request.user.acting_authority_id)


def _report(request, pk) -> ReviewReport:
    """Review reports are the office's: outside the viewer's scope (no statistics), or another authority's,
    they are not found."""
    scope_or_404(request, "reports.view_statistics")
    return visible_or_404(request, _mine(request), pk=pk)


def _download_name(report: ReviewReport, suffix: str) -> str:
    """ "Báo cáo sơ kết năm 2026.pdf", "Báo cáo tổng kết năm 2026.docx"."""
    return f"Báo cáo {'sơ kết' if report.kind == ReviewReport.Kind.INTERIM else 'tổng kết'} năm {report.year}.{suffix}"


@login_required
def review_pdf(request, pk):
    from documents.render import render_pdf

    report = _report(request, pk)
    response = HttpResponse(render_pdf("documents/review_report.html", review_dict(report)), content_type="application/pdf")
    return named(response, _download_name(report, "pdf"), inline=True)


@login_required
def review_docx(request, pk):
    report = _report(request, pk)
    response = HttpResponse(
        review_docx_bytes(review_dict(report)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    return named(response, _download_name(report, "docx"))
