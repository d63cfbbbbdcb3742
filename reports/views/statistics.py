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
from ..selectors import honoured_listed
from ..statistics import Period, honoured_rows, statistics
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
        table = list_table(request, HonouredTable, honoured_listed(rows), per_page=LIST_PAGE_SIZE)
        context |= {"table": table, "labels": labels, "period": form.period, "base": form.query()}
    return render(request, "reports/honoured_list.html", context)
