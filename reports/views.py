import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.actions import allowed_or_403, form_action, scope_or_404, visible_or_404
from core.services import require_perm

from . import services
from .dashboard import dashboard_for
from .docx import review_docx as review_docx_bytes
from .forms import PeriodForm, ReviewOpenForm, ReviewReportForm
from .models import ReviewReport
from .review import review_dict
from .statistics import Period, honoured_rows, statistics

LIST_PAGE_SIZE = 50


@login_required
def dashboard(request):
    return render(request, "reports/dashboard.html", dashboard_for(request.user))


def _presets(today) -> list[tuple[str, Period]]:
    year = today.year
    return [
        (_("6 tháng đầu năm %(y)s") % {"y": year}, Period.first_half(year)),
        (_("Năm %(y)s") % {"y": year}, Period.whole_year(year)),
        (_("6 tháng đầu năm %(y)s") % {"y": year - 1}, Period.first_half(year - 1)),
        (_("Năm %(y)s") % {"y": year - 1}, Period.whole_year(year - 1)),
    ]


def _charts(stats: dict, base: str) -> list[dict]:
    """What the vendored Chart.js draws (static/js/statistics.js); every bar and slice links to its list."""
    url = reverse("reports:honoured") + "?" + base
    previous = stats["previous_period"]
    before = reverse("reports:honoured") + f"?tu_ngay={previous.date_from:%d/%m/%Y}&den_ngay={previous.cutoff:%d/%m/%Y}"
    cutoff = stats["period"].cutoff
    workers = [key for key in ("truc_tiep", "lanh_dao", "ccvc_khac", "nhom_chua_ro") if stats["totals"][key]]
    return [
        {
            "id": "chart-awards",
            "type": "bar",
            "labels": [row["short"] for row in stats["by_award"]],
            "datasets": [
                {
                    "label": str(stats["period"]),
                    "data": [row["count"] for row in stats["by_award"]],
                    "links": [f"{url}&award={row['key']}" for row in stats["by_award"]],
                },
                {
                    "label": str(stats["previous_period"]),
                    "data": [row["previous"] for row in stats["by_award"]],
                    "links": [f"{before}&award={row['key']}" for row in stats["by_award"]],
                },
            ],
        },
        {
            "id": "chart-workers",
            "type": "doughnut",
            "labels": [stats["groups"][key] for key in workers],
            "datasets": [{"data": [stats["totals"][key] for key in workers]}],
            "links": [f"{url}&nhom={key}" for key in workers],
        },
        {
            "id": "chart-unit-kinds",
            "type": "bar",
            "horizontal": True,
            "legend": False,
            "labels": [row["label"] for row in stats["by_unit_kind"]],
            "datasets": [{"label": "", "data": [row["count"] for row in stats["by_unit_kind"]]}],
            "links": [f"{url}&unit_kind={row['key']}" for row in stats["by_unit_kind"]],
        },
        {
            "id": "chart-trend",
            "type": "line",
            "legend": False,
            "labels": [str(row["year"]) for row in stats["trend"]],
            "datasets": [{"label": "", "data": [row["count"] for row in stats["trend"]]}],
            "links": [
                reverse("reports:honoured")
                + f"?tu_ngay=01/01/{row['year']}&den_ngay={min(datetime.date(row['year'], 12, 31), cutoff):%d/%m/%Y}"
                for row in stats["trend"]
            ],
        },
    ]


@login_required
def statistics_page(request):
    require_perm(request.user, "reports.view_statistics")
    form = PeriodForm.from_query(request.GET)
    context = {"form": form, "presets": _presets(PeriodForm.default_period().cutoff)}
    if form.is_valid():
        stats = statistics(form.period)
        base = form.query()
        context |= {"stats": stats, "base": base, "charts": _charts(stats, base)}
    return render(request, "reports/statistics.html", context)


@login_required
def honoured_list(request):
    """The list behind a figure: the same rows the figure counted."""
    require_perm(request.user, "reports.view_statistics")
    form = PeriodForm.from_query(request.GET)
    context = {"form": form}
    if form.is_valid():
        rows, labels = honoured_rows(form.period, request.GET)
        rows = rows.select_related("award", "person__unit", "collective_unit", "nominee__dossier__unit")
        page = Paginator(rows.order_by("-decision_date", "award__sort_order", "id"), LIST_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        context |= {"page": page, "labels": labels, "period": form.period, "base": form.query(), "query": query.urlencode()}
    return render(request, "reports/honoured_list.html", context)


# --- The review report (báo cáo sơ kết, tổng kết) --------------------------------------------------


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
            {"form": form, "reports": ReviewReport.objects.order_by("-year", "-kind"), "can_draft": can_draft},
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
            report=ReviewReport.objects.get(pk=pk),
            expected_version=data["version"],
            **{name: data[name] for name in services.REPORT_TEXT_FIELDS},
        ),
        success=_("Đã lưu báo cáo. Số liệu được tính lại mỗi lần xem, tải PDF hoặc DOCX."),
        redirect_to=reverse("reports:review_edit", args=[pk]),
        render=lambda: render(
            request,
            "reports/review_edit.html",
            {"report": report, "form": form, "preview": review_dict(ReviewReport.objects.get(pk=pk)), "can_draft": can_draft},
        ),
    )


def _report(request, pk) -> ReviewReport:
    """Review reports are the office's: outside the viewer's scope (no statistics) they are not found."""
    scope_or_404(request, "reports.view_statistics")
    return visible_or_404(request, ReviewReport, pk=pk)


def _download_name(report: ReviewReport, suffix: str) -> str:
    return f"bao-cao-{'so-ket' if report.kind == ReviewReport.Kind.INTERIM else 'tong-ket'}-{report.year}.{suffix}"


@login_required
def review_pdf(request, pk):
    from documents.render import render_pdf

    report = _report(request, pk)
    response = HttpResponse(render_pdf("documents/review_report.html", review_dict(report)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_download_name(report, "pdf")}"'
    return response


@login_required
def review_docx(request, pk):
    report = _report(request, pk)
    response = HttpResponse(
        review_docx_bytes(review_dict(report)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(report, "docx")}"'
    return response
