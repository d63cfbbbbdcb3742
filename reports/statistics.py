"""Statistics of those honoured, for a period and a cut-off date ("tính đến ngày 30/6/2023").

Who counts as honoured: every row of the award ledger (dossiers.AwardRecord) whose decision date lies in
the period. That covers awards decided by a Quyết định issued on the portal (the row gets its number and
date at issue and leaves the ledger if the decision is revoked) and past years imported from Excel with
their decision date. Rows still without a decision date (approved by the council, decision not yet
issued) are not counted: nobody is honoured before the decision is signed.

Where each attribute comes from: a nominee of a portal dossier carries the person's gender, ethnicity,
worker category, initiative and the proposing unit; an imported row has only the person (gender, unit)
or the collective unit, so its other attributes count as "chưa rõ" rather than being guessed.

Every figure is a count over one queryset (`honoured`) narrowed by `narrow`, and the drill-down list
behind each figure uses the same two functions, so a figure and its list always agree.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, ExtractYear, NullIf
from django.utils.translation import gettext_lazy as _

from dossiers.enums import CommendationKind, Gender, Subject
from dossiers.models import AwardRecord, AwardType, Nominee
from units.enums import UnitKind
from units.models import Authority, Unit

UNKNOWN = "chua_ro"
UNKNOWN_LABEL = _("Chưa rõ (nhập từ năm trước)")
TREND_YEARS = 5


@dataclass(frozen=True)
class Period:
    date_from: datetime.date
    cutoff: datetime.date

    @classmethod
    def first_half(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 6, 30))

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def year_before(self) -> Period:
        return Period(_year_before(self.date_from), _year_before(self.cutoff))

    def __str__(self):
        return f"{self.date_from:%d/%m/%Y} – {self.cutoff:%d/%m/%Y}"


def _year_before(day: datetime.date) -> datetime.date:
    """The same day a year before; the end of February maps to the end of February (28/02/2025 →
    29/02/2024, 29/02/2024 → 28/02/2023), so a period up to the month's end compares whole months."""
    if day.month == 2 and day.day >= 28:
        return datetime.date(day.year - 1, 2, calendar.monthrange(day.year - 1, 2)[1])
    return day.replace(year=day.year - 1)


# The groups a figure can be narrowed to (the `nhom` parameter of the drill-down list).
HOUSEHOLDS = Q(nominee__subject__in=[Subject.HOUSEHOLD, Subject.VILLAGE])
GROUPS: dict[str, tuple[str, Q]] = {
    "ca_nhan": (_("Cá nhân"), Q(is_individual=True)),
    "tap_the": (_("Tập thể"), Q(is_individual=False) & ~HOUSEHOLDS),
    "ho_thon": (_("Hộ gia đình, thôn, tổ dân phố"), Q(is_individual=False) & HOUSEHOLDS),
    "truc_tiep": (_("Người lao động trực tiếp"), Q(is_individual=True, worker=Nominee.WorkerCategory.DIRECT)),
    "lanh_dao": (_("Lãnh đạo, quản lý"), Q(is_individual=True, worker=Nominee.WorkerCategory.LEADER)),
    "ccvc_khac": (_("Cán bộ, công chức, viên chức khác"), Q(is_individual=True, worker=Nominee.WorkerCategory.OTHER)),
    "nhom_chua_ro": (_("Cá nhân chưa rõ nhóm đối tượng"), Q(is_individual=True, worker__isnull=True)),
    "nu": (_("Nữ"), Q(is_individual=True, gender_of=Gender.FEMALE)),
    "gioi_tinh_ro": (_("Cá nhân có thông tin giới tính"), Q(is_individual=True, gender_of__isnull=False)),
    "dan_toc": (_("Người dân tộc thiểu số"), Q(is_individual=True, nominee__ethnic_minority=True)),
    # Ethnicity is recorded on a nominee: a person imported from past years' Excel has none.
    "dan_toc_ro": (_("Cá nhân có thông tin dân tộc"), Q(is_individual=True, nominee__isnull=False)),
    "vung_kho_khan": (_("Thuộc đơn vị vùng sâu, vùng xa, biên giới, vùng dân tộc thiểu số"), Q(disadvantaged=True)),
    "sang_kien": (_("Có sáng kiến được công nhận"), Q(initiative=True)),
}


def _attributes() -> dict:
    """The attributes every figure groups or counts by, each from the nominee, else the ledger row."""
    return {
        # A Case, not a bare Q: a row imported for a collective (no person, no nominee) is False, never NULL,
        # so it counts among the collectives (tap_the) and the shares add up to the total.
        "is_individual": Case(
            When(Q(person__isnull=False) | Q(nominee__subject=Subject.INDIVIDUAL), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "unit_of": Coalesce("nominee__dossier__unit", "collective_unit", "person__unit"),
        "unit_kind": Coalesce("nominee__dossier__unit__kind", "collective_unit__kind", "person__unit__kind"),
        "disadvantaged": Coalesce(
            "nominee__dossier__unit__is_disadvantaged_area",
            "collective_unit__is_disadvantaged_area",
            "person__unit__is_disadvantaged_area",
            Value(False),
            output_field=BooleanField(),
        ),
        "gender_of": Coalesce(NullIf("nominee__gender", Value("")), NullIf("person__gender", Value(""))),
        "worker": F("nominee__worker_category"),
        "commendation": F("nominee__dossier__commendation_kind"),
        "initiative": Q(nominee__initiative_ref__gt=""),
    }


# What the share counts (GROUPS) read: each grouping query joins only the tables its attribute needs.
COUNTED = ("is_individual", "disadvantaged", "gender_of", "worker", "initiative")


ALL = tuple(_attributes())


def _authority_id(authority_id: int | None) -> int:
    """The authority whose figures these are (#13): the one named, else the installation's root (what a
    caller that names none always counted, and right for a one-authority installation)."""
    return authority_id if authority_id is not None else Authority.root().pk


def decided_in(authority_ids) -> QuerySet[AwardRecord]:
    """The ledger rows these authorities decided: only rows with a decision date (an issued decision, or a
    past year's imported with its date), never a draft or a result still waiting for its decision."""
    return AwardRecord.objects.filter(authority_id__in=list(authority_ids), decision_date__isnull=False)


def honoured(period: Period, *attributes: str, authority_id: int | None = None) -> QuerySet[AwardRecord]:
    """The ledger rows one authority honoured in the period (its own ledger only: a province's figures hold
    none of its communes' rows, see rollup), annotated with the named attributes (a list of rows: ALL)."""
    expressions = _attributes()
    return (
        decided_in([_authority_id(authority_id)])
        .filter(decision_date__gte=period.date_from, decision_date__lte=period.cutoff)
        .annotate(**{name: expressions[name] for name in attributes})
    )


def narrow(queryset: QuerySet[AwardRecord], *, award=None, unit=None, unit_kind=None, kind=None, group=None, year=None):
    """Narrow the honoured rows to one figure's rows; values are the drill-down list's parameters."""
    if award:
        queryset = queryset.filter(award_id=award)
    if unit:
        queryset = queryset.filter(unit_of__isnull=True) if unit == UNKNOWN else queryset.filter(unit_of=unit)
    if unit_kind:
        queryset = queryset.filter(unit_kind__isnull=True) if unit_kind == UNKNOWN else queryset.filter(unit_kind=unit_kind)
    if kind:
        queryset = queryset.filter(commendation__isnull=True) if kind == UNKNOWN else queryset.filter(commendation=kind)
    if group in GROUPS:
        queryset = queryset.filter(GROUPS[group][1])
    if year:
        queryset = queryset.filter(decision_date__year=year)
    return queryset


DRILL_PARAMS = ("award", "unit", "unit_kind", "kind", "nhom", "year")


def _int_or_none(value, *, low=1, high=10**9):
    """A whole number from a query parameter, or None for anything else ("²", "1e3", overflow)."""
    return int(value) if value and re.fullmatch(r"[0-9]{1,10}", str(value)) and low <= int(value) <= high else None


def honoured_rows(period: Period, params, *, authority_id: int | None = None) -> tuple[QuerySet[AwardRecord], list[str]]:
    """The rows behind one figure of one authority, from the list's parameters (unknown values are ignored),
    and that figure in words ("Lao động tiên tiến · Nữ") for the page and the Excel title."""
    authority_id = _authority_id(authority_id)
    unit_kind, kind, group = params.get("unit_kind", ""), params.get("kind", ""), params.get("nhom", "")
    unit_kind = unit_kind if unit_kind in {*UnitKind.values, UNKNOWN} else None
    kind = kind if kind in {*CommendationKind.values, UNKNOWN} else None
    award = _int_or_none(params.get("award"))
    unit = UNKNOWN if params.get("unit") == UNKNOWN else _int_or_none(params.get("unit"))
    year = _int_or_none(params.get("year"), low=1900, high=2100)
    labels = []
    if award:
        labels.append(AwardType.objects.filter(pk=award).values_list("name", flat=True).first())
    if unit:
        labels.append(
            UNKNOWN_LABEL
            if unit == UNKNOWN
            else Unit.objects.filter(pk=unit, authority_id=authority_id).values_list("name", flat=True).first()
        )
    if unit_kind:
        labels.append(UNKNOWN_LABEL if unit_kind == UNKNOWN else UnitKind(unit_kind).label)
    if kind:
        labels.append(UNKNOWN_LABEL if kind == UNKNOWN else CommendationKind(kind).label)
    if group in GROUPS:
        labels.append(GROUPS[group][0])
    if year:
        labels.append(_("Năm %(y)s") % {"y": year})
    rows = narrow(
        honoured(period, *ALL, authority_id=authority_id),
        award=award,
        unit=unit,
        unit_kind=unit_kind,
        kind=kind,
        group=group,
        year=year,
    )
    return rows, [str(label) for label in labels if label]


_honoured = honoured


def _count_of(condition: Q) -> Count:
    return Count("id", filter=condition)


def _totals(queryset) -> dict[str, int]:
    figures = queryset.aggregate(total=Count("id"), **{key: _count_of(q) for key, (_label, q) in GROUPS.items()})
    return figures


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _by(queryset, field: str) -> dict:
    return dict(queryset.order_by().values_list(field).annotate(n=Count("id")).values_list(field, "n"))


def _rows(counts: dict, previous: dict, choices) -> list[dict]:
    """Rows in the order of the choices (then unknown), with last year's figure; empty rows dropped."""
    rows = []
    for key, label in [*choices.choices, (None, UNKNOWN_LABEL)]:
        count, before = counts.get(key, 0), previous.get(key, 0)
        if count or before:
            rows.append({"key": key if key is not None else UNKNOWN, "label": str(label), "count": count, "previous": before})
    return rows


def _award_rows(now: dict, before: dict) -> list[dict]:
    """Counts by award in the catalogue's order, with last year's figure; awards with neither left out."""
    awards = AwardType.objects.filter(pk__in={*now, *before}).order_by("sort_order", "pk")
    return [
        {
            "key": award.pk,
            "label": award.name,
            "short": award.short_name or award.name,
            "count": now.get(award.pk, 0),
            "previous": before.get(award.pk, 0),
            "delta": now.get(award.pk, 0) - before.get(award.pk, 0),
        }
        for award in awards
    ]


def summary(period: Period, *, authority_id: int | None = None) -> dict:
    """What the dashboard shows of a period in one authority: the totals, the direct workers' share and the
    count by award (3 queries; the statistics page has the rest)."""
    authority_id = _authority_id(authority_id)
    totals = _totals(honoured(period, *COUNTED, authority_id=authority_id))
    return {
        "totals": totals,
        "shares": {"truc_tiep": _share(totals["truc_tiep"], totals["ca_nhan"])},
        "by_award": _award_rows(_by(honoured(period, authority_id=authority_id), "award_id"), {}),
    }


def statistics(period: Period, *, authority_id: int | None = None) -> dict:
    """Every figure of one authority's statistics page and review report, in a fixed number of queries."""
    authority_id = _authority_id(authority_id)

    def honoured(period, *attributes):
        return _honoured(period, *attributes, authority_id=authority_id)

    before_period = period.year_before()
    totals, previous = _totals(honoured(period, *COUNTED)), _totals(honoured(before_period, *COUNTED))
    award_rows = _award_rows(_by(honoured(period), "award_id"), _by(honoured(before_period), "award_id"))
    by_unit = _by(honoured(period, "unit_of"), "unit_of")
    units = Unit.objects.filter(pk__in=[pk for pk in by_unit if pk]).only("name", "kind").in_bulk()
    unit_rows = sorted(
        ({"key": pk, "label": units[pk].name, "count": n} for pk, n in by_unit.items() if pk in units),
        key=lambda row: (-row["count"], row["label"]),
    )
    if by_unit.get(None):  # so that the table adds up to the total
        unit_rows.append({"key": UNKNOWN, "label": str(UNKNOWN_LABEL), "count": by_unit[None]})
    trend_from = datetime.date(period.cutoff.year - TREND_YEARS + 1, 1, 1)
    trend = dict(
        decided_in([authority_id])
        .filter(decision_date__gte=trend_from, decision_date__lte=period.cutoff)
        .annotate(y=ExtractYear("decision_date"))
        .order_by()
        .values_list("y")
        .annotate(n=Count("id"))
        .values_list("y", "n")
    )
    individuals = totals["ca_nhan"]
    return {
        "period": period,
        "previous_period": before_period,
        "totals": totals,
        "previous": previous,
        # Shares of individuals by worker category add up to 100% with "chưa rõ"; women and ethnic
        # minorities are shares of the individuals whose gender or ethnicity is known.
        "shares": {key: _share(totals[key], individuals) for key in ("truc_tiep", "lanh_dao", "ccvc_khac", "nhom_chua_ro")}
        | {
            "nu": _share(totals["nu"], totals["gioi_tinh_ro"]),
            "dan_toc": _share(totals["dan_toc"], totals["dan_toc_ro"]),
            "vung_kho_khan": _share(totals["vung_kho_khan"], totals["total"]),
            "ca_nhan": _share(individuals, totals["total"]),
            "tap_the": _share(totals["tap_the"], totals["total"]),
            "ho_thon": _share(totals["ho_thon"], totals["total"]),
        },
        "by_award": award_rows,
        "by_unit_kind": _rows(*(_by(honoured(p, "unit_kind"), "unit_kind") for p in (period, before_period)), UnitKind),
        "by_kind": _rows(*(_by(honoured(p, "commendation"), "commendation") for p in (period, before_period)), CommendationKind),
        "by_unit": unit_rows,
        "trend": [{"year": y, "count": trend.get(y, 0)} for y in range(trend_from.year, period.cutoff.year + 1)],
        "groups": {key: str(label) for key, (label, _q) in GROUPS.items()},
        "decided_above": decided_above(period, authority_id=authority_id),
    }


def decided_above(period: Period, *, authority_id: int) -> int:
    """Awards the parent decided in the period on this authority's Tờ trình sent up in the portal (#13): the
    ledger row is the decider's (counted in its figures); the proposer's page names them beside its own."""
    return AwardRecord.objects.filter(
        nominee__proposed_from__dossier__authority_id=authority_id,
        decision_date__gte=period.date_from,
        decision_date__lte=period.cutoff,
    ).count()


# --- A province's roll-up: its communes' decided figures beside its own (#13) ----------------------

# What the roll-up counts for each authority (the keys of GROUPS it shows, besides the total).
ROLLUP_GROUPS = ("ca_nhan", "tap_the", "ho_thon", "nu")


def rollup(period: Period, *, authority: Authority) -> dict:
    """The authority's own figures for the period and each child authority's (its communes) side by side,
    in 2 queries however many children it has. Only what each decided counts (decided_in): a commune's
    drafts, and results still waiting for their decision, are never counted; a row is counted once, in the
    authority whose ledger holds it."""
    children = list(Authority.objects.filter(parent_id=authority.pk).order_by("name", "pk"))
    ids = [authority.pk, *(child.pk for child in children)]
    expressions = _attributes()
    counted = {key: _count_of(GROUPS[key][1]) for key in ROLLUP_GROUPS}
    figures = {
        row.pop("authority_id"): row
        for row in decided_in(ids)
        .filter(decision_date__gte=period.date_from, decision_date__lte=period.cutoff)
        .annotate(**{name: expressions[name] for name in ("is_individual", "gender_of")})
        .order_by()
        .values("authority_id")
        .annotate(total=Count("id"), **counted)
    }
    empty = dict.fromkeys(("total", *ROLLUP_GROUPS), 0)

    def row(owner: Authority, *, own: bool) -> dict:
        return {"authority": owner, "own": own, **empty, **figures.get(owner.pk, {})}

    rows = [row(authority, own=True), *(row(child, own=False) for child in children)]
    return {
        "rows": rows,
        "sum": {key: sum(r[key] for r in rows) for key in empty},
        "groups": {key: str(GROUPS[key][0]) for key in ROLLUP_GROUPS},
    }
