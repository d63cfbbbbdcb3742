"""Every read of dossiers a page needs, scoped to the viewer and with a fixed number of queries."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.enums import Role

from .enums import CommendationKind, ComponentType
from .models import Attachment, AwardRecord, AwardRound, ComponentRequirement, Dossier, Nominee, Person
from .rules import COUNCIL_VISIBLE


def dossiers_visible_to(*, viewer) -> QuerySet[Dossier]:
    if viewer.has_perm("dossiers.view_all_dossiers"):
        return Dossier.objects.all()
    visible = Q(unit_id__in=viewer.unit_ids(Role.UNIT_CLERK, Role.UNIT_HEAD))
    if viewer.has_role(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR):
        visible |= Q(status__in=list(COUNCIL_VISIBLE))
    return Dossier.objects.filter(visible)


def dossiers_for_list(*, viewer) -> QuerySet[Dossier]:
    """Rows of the dossier list: unit and round joined, nominee count as a per-row subquery (so the
    page costs the same whether the round holds 50 or 50,000 nominees)."""
    nominee_count = (
        Nominee.objects.filter(dossier=OuterRef("pk")).order_by().values("dossier").annotate(n=Count("id")).values("n")
    )
    return (
        dossiers_visible_to(viewer=viewer)
        .select_related("unit", "round")
        .annotate(nominee_count=Coalesce(Subquery(nominee_count, output_field=IntegerField()), 0))
    )


def status_counts(queryset) -> dict[str, int]:
    """{status: number of dossiers} of `queryset` (the dossier list's tabs)."""
    return dict(queryset.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))


def rounds_for_list() -> QuerySet[AwardRound]:
    """Award rounds with their number of dossiers, newest year first, open ones first (every signed-in
    user sees the rounds)."""
    return AwardRound.objects.annotate(dossier_count=Count("dossiers")).order_by("-year", "-is_open", "name")


def nominees_of(dossier) -> QuerySet[Nominee]:
    return dossier.nominees.select_related("award", "person").order_by("sort_order", "id")


def attachments_of(dossier) -> QuerySet[Attachment]:
    return dossier.attachments.select_related("nominee", "uploaded_by").order_by("component", "id")


def dossier_contents(dossier) -> tuple[list[Nominee], list[Attachment], list[str]]:
    """What the dossier's page lists: its nominees, each with its own files (`files`) and the documents it
    still lacks (`missing`); the files of the whole dossier; the documents the whole dossier still lacks."""
    nominees = list(nominees_of(dossier))
    attachments = list(attachments_of(dossier))
    missing = missing_components(dossier, nominees=nominees, attachments=attachments)
    for nominee in nominees:
        nominee.missing = missing.get(nominee.pk, [])
        nominee.files = [a for a in attachments if a.nominee_id == nominee.pk]
    return nominees, [a for a in attachments if a.nominee_id is None], missing.get(None, [])


def requirements_for(dossier, award_ids) -> list[ComponentRequirement]:
    """The documents this dossier must carry, in the order a dossier is assembled (tờ trình first)."""
    order = list(ComponentType.values)
    requirements = ComponentRequirement.objects.filter(commendation_kind=dossier.commendation_kind).filter(
        Q(award__isnull=True) | Q(award_id__in=award_ids)
    )
    return sorted(requirements, key=lambda r: order.index(r.component))


def missing_components(dossier, nominees=None, attachments=None) -> dict:
    """{None: [labels missing for the dossier], nominee_id: [labels missing for that nominee]}."""
    nominees = list(nominees if nominees is not None else dossier.nominees.all())
    attachments = list(attachments if attachments is not None else dossier.attachments.all())
    present_dossier = {a.component for a in attachments}
    present_nominee = {(a.nominee_id, a.component) for a in attachments if a.nominee_id}
    missing: dict = {None: []}
    for requirement in requirements_for(dossier, {n.award_id for n in nominees}):
        label = str(ComponentType(requirement.component).label)
        if not requirement.per_nominee:
            if requirement.component not in present_dossier and label not in missing[None]:
                missing[None].append(label)
            continue
        for nominee in nominees:
            if requirement.award_id and requirement.award_id != nominee.award_id:
                continue
            if (nominee.pk, requirement.component) not in present_nominee:
                missing.setdefault(nominee.pk, [])
                if label not in missing[nominee.pk]:
                    missing[nominee.pk].append(label)
    return missing


def ledger_of_person(person) -> QuerySet[AwardRecord]:
    return AwardRecord.objects.filter(person=person).select_related("award").order_by("-year", "award__sort_order")


def ledger_of_unit(unit) -> QuerySet[AwardRecord]:
    return (
        AwardRecord.objects.filter(Q(collective_unit=unit) | Q(person__unit=unit))
        .select_related("award", "person")
        .order_by("-year", "award__sort_order")
    )


def likely_duplicate_people() -> list[list[Person]]:
    """Groups of people with the same name and birth date that have not been merged."""
    keys = (
        Person.objects.filter(merged_into__isnull=True, date_of_birth__isnull=False)
        .values("full_name", "date_of_birth")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    groups = []
    for key in keys:
        groups.append(
            list(
                Person.objects.filter(merged_into__isnull=True, **{k: key[k] for k in ("full_name", "date_of_birth")})
                .select_related("unit")
                .annotate(award_count=Count("awards"))
                .order_by("id")
            )
        )
    return groups


def proposal_rounds(*, group):
    """The rounds a cluster's leader proposal (suy tôn) may go into: open, regular, of the group's year."""
    return AwardRound.objects.filter(is_open=True, year=group.year, commendation_kind=CommendationKind.REGULAR)
