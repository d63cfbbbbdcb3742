"""Every read of the API, scoped to the service account with the portal's own selectors and rules,
and with a fixed number of queries however many rows a page holds.

A client acts as its service account, and the account acts in one authority (#13): the first it holds a
role in (DRF authenticates in the view, after the session middleware, so no session choice applies).
Every read is narrowed to that authority (`viewer.acting_authority_id`): another authority's dossier,
round or decision is not found (404), and its ledger rows are never listed."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from awards.models import Decision
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier, Nominee
from dossiers.selectors import dossiers_visible_to


def _require(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(_("Tài khoản dịch vụ của hệ thống này không có quyền xem dữ liệu này."))


def dossiers_for_status(*, viewer) -> QuerySet[Dossier]:
    """Dossiers the service account may see, with what a status answer shows (2 queries)."""
    nominees = Nominee.objects.select_related("award", "decision_line__decision").order_by("sort_order", "id")
    return (
        dossiers_visible_to(viewer=viewer)
        .filter(authority_id=viewer.acting_authority_id)
        .select_related("unit", "round", "api_submission")
        .prefetch_related(Prefetch("nominees", queryset=nominees))
    )


def dossier_by_receipt(*, viewer, receipt_number: str) -> Dossier:
    return dossiers_for_status(viewer=viewer).get(receipt_number=receipt_number)


def dossier_by_reference(*, viewer, client, external_reference: str) -> Dossier:
    """A dossier this very client sent, by its own reference."""
    return dossiers_for_status(viewer=viewer).get(
        api_submission__client=client, api_submission__external_reference=external_reference
    )


def open_rounds(*, viewer) -> QuerySet[AwardRound]:
    """The rounds open for dossiers in the authority the client acts in."""
    return AwardRound.objects.filter(authority_id=viewer.acting_authority_id, is_open=True).order_by("-year", "name", "id")


def active_award_types() -> QuerySet[AwardType]:
    return AwardType.objects.filter(is_active=True).prefetch_related("deciders").order_by("sort_order", "name", "id")


def issued_decisions(*, viewer, year=None, issued_from=None, issued_to=None, kind=None) -> QuerySet[Decision]:
    """Issued (and later revoked) decisions and proposals; drafts never leave the portal. What a
    decision says is read from its frozen snapshot, so a page is one query."""
    _require(viewer, "api.read_issued_decisions")
    queryset = (
        Decision.objects.filter(authority_id=viewer.acting_authority_id)
        .exclude(status=Decision.Status.DRAFT)
        .select_related("award", "round")
    )
    if year:
        queryset = queryset.filter(date__year=year)
    if issued_from:
        queryset = queryset.filter(date__gte=issued_from)
    if issued_to:
        queryset = queryset.filter(date__lte=issued_to)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("-date", "-sequence", "-id")


def award_ledger(*, viewer, year=None, award=None, has_decision=None) -> QuerySet[AwardRecord]:
    """Rows of the award ledger (each person's or collective's award of a year)."""
    _require(viewer, "api.read_award_ledger")
    queryset = AwardRecord.objects.filter(authority_id=viewer.acting_authority_id).select_related(
        "award", "person__unit", "collective_unit", "nominee__dossier__unit"
    )
    if year:
        queryset = queryset.filter(year=year)
    if award:
        queryset = queryset.filter(award__code=award)
    if has_decision is not None:
        queryset = queryset.exclude(decision_number="") if has_decision else queryset.filter(decision_number="")
    return queryset.order_by("-year", "award__sort_order", "id")
