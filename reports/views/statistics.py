"""The statistics page (figures for a period, compared with the same period a year before, drawn as
charts whose bars open their lists) and the list behind each figure."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.lists import list_table
from core.services import require_perm

from ..forms import PeriodForm
from ..selectors import DRILL_AUTHORITY, honoured_listed, statistics_authority
from ..statistics import Period, honoured_rows, rollup, statistics
from ..tables import HonouredTable

LIST_PAGE_SIZE = 50


def _presets(today) -> list[tuple[str, Period]]:
    year = today.year
    return [
        (_("6 tháng đầu năm %(y)s") % {"y": year}, Period.first_half(year)),
        (_("Năm %(y)s") % {"y": year}, Period.whole_year(year)),
        (_("6 tháng đầu năm %(y)s") % {"y": year - 1}, Period.first_half(year - 1)),
        (_("Năm %(y)s") % {"y": year - 1}, Period.whole_year(year - 1)),
    ]


def _charts(stats: dict, base: str, drill: str = "") -> list[dict]:
    """What the vendored Chart.js draws (static/js/statistics.js); every bar and slice links to its list
    (`drill`: the commune's query parameter when the page drills down to one, kept on every link)."""
    url = reverse("reports:honoured") + "?" + base
    previous = stats["previous_period"]
    before = reverse("reports:honoured") + f"?tu_ngay={previous.date_from:%d/%m/%Y}&den_ngay={previous.cutoff:%d/%m/%Y}" + drill
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
                + drill
                for row in stats["trend"]
            ],
        },
    ]


def _drill(child) -> str:
    return f"&{DRILL_AUTHORITY}={child.pk}" if child is not None else ""


@login_required
def statistics_page(request):
    """The figures of the authority the viewer acts in; a province's page also shows its communes' decided
    figures beside its own (statistics.rollup), each opening that commune's figures (?xa=<id>)."""
    require_perm(request.user, "reports.view_statistics")
    acting, child = statistics_authority(viewer=request.user, params=request.GET)
    shown = child or acting
    form = PeriodForm.from_query(request.GET)
    context = {
        "form": form,
        "presets": _presets(PeriodForm.default_period().cutoff),
        "acting": acting,
        "drill": child,
        "drill_param": DRILL_AUTHORITY,
    }
    if form.is_valid():
        stats = statistics(form.period, authority_id=shown.pk)
        base = form.query() + _drill(child)
        context |= {"stats": stats, "base": base, "charts": _charts(stats, base, _drill(child))}
        if child is None:
            figures = rollup(form.period, authority=acting)
            if len(figures["rows"]) > 1:  # an authority with communes under it
                context["rollup"] = figures
                context["period_query"] = form.query()
    return render(request, "reports/statistics.html", context)


@login_required
def honoured_list(request):
    """The list behind a figure: the same rows the figure counted, in the same authority."""
    require_perm(request.user, "reports.view_statistics")
    acting, child = statistics_authority(viewer=request.user, params=request.GET)
    form = PeriodForm.from_query(request.GET)
    context = {"form": form, "drill": child}
    if form.is_valid():
        rows, labels = honoured_rows(form.period, request.GET, authority_id=(child or acting).pk)
        if child is not None:
            labels = [str(child), *labels]
        table = list_table(request, HonouredTable, honoured_listed(rows), per_page=LIST_PAGE_SIZE)
        context |= {"table": table, "labels": labels, "period": form.period, "base": form.query() + _drill(child)}
    return render(request, "reports/honoured_list.html", context)
