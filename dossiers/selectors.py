"""Every read of dossiers a page needs, scoped to the viewer and with a fixed number of queries.

Rounds, dossiers and the ledger belong to one authority (#13); every read here answers for the authority
the viewer acts in (accounts.models.User.acting_authority_id) and never shows another's: a commune's
drafts are in the commune's rounds, so the province's office does not see them.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.enums import Role

from .enums import CommendationKind, ComponentType
from .models import Attachment, AwardRecord, AwardRound, ComponentRequirement, Dossier, Nominee, Person
from .rules import COUNCIL_VISIBLE


def acting_authority_id(viewer) -> int | None:
    """The authority the viewer acts in; None for someone signed out (who sees nothing)."""
    return viewer.acting_authority_id if getattr(viewer, "is_authenticated", False) else None


def dossiers_visible_to(*, viewer) -> QuerySet[Dossier]:
    """The dossiers of the viewer's acting authority that their roles there show them."""
    authority_id = acting_authority_id(viewer)
    if authority_id is None:
        return Dossier.objects.none()
    mine = Dossier.objects.filter(authority_id=authority_id)
    if viewer.has_perm("dossiers.view_all_dossiers"):
        return mine
    visible = Q(unit_id__in=viewer.unit_ids(Role.UNIT_CLERK, Role.UNIT_HEAD))
    if viewer.has_role(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR):
        visible |= Q(status__in=list(COUNCIL_VISIBLE))
    return mine.filter(visible)


def rounds_visible_to(*, viewer) -> QuerySet[AwardRound]:
    """The award rounds of the viewer's acting authority (every signed-in user of it sees them)."""
    authority_id = acting_authority_id(viewer)
    if authority_id is None:
        return AwardRound.objects.none()
    return AwardRound.objects.filter(authority_id=authority_id)


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


def rounds_for_list(*, viewer) -> QuerySet[AwardRound]:
    """The acting authority's award rounds with their number of dossiers, newest year first, open ones first."""
    return rounds_visible_to(viewer=viewer).annotate(dossier_count=Count("dossiers")).order_by("-year", "-is_open", "name")


def nominees_of(dossier) -> QuerySet[Nominee]:
    return dossier.nominees.select_related("award", "person").order_by("sort_order", "id")


def attachments_of(dossier) -> QuerySet[Attachment]:
    return dossier.attachments.select_related("nominee", "uploaded_by").order_by("component", "id")


def dossier_contents(dossier) -> tuple[list[Nominee], list[Attachment], list[str]]:
    """What the dossier's page lists: its nominees, each with its own files (`files`) and the documents it
    still lacks (`missing`); the files of the whole dossier; the documents the whole dossier still lacks (none for a
    settled dossier: a decided or closed one of past years is not asked for anything)."""
    nominees = list(nominees_of(dossier))
    attachments = list(attachments_of(dossier))
    if dossier.is_settled:
        missing: dict = {None: []}
    else:
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


def ledger_records(*, authority_id: int) -> QuerySet[AwardRecord]:
    """The rows of one authority's award ledger: those it decided, and those it proposed upward in the portal
    and its parent decided (#13: the row is the decider's; the proposer keeps seeing it)."""
    return AwardRecord.objects.filter(
        Q(authority_id=authority_id)
        | Q(authority__successor_id=authority_id)  # a dissolved district's, kept by the portal before 2025
        | Q(nominee__proposed_from__dossier__authority_id=authority_id)
    )


def people_of(*, authority_id: int) -> QuerySet[Person]:
    """The people an authority's ledger knows: those of its units, those its ledger holds an award of and
    those nominated in its dossiers (a person has no authority of their own; one commended by a commune and
    later by the province is known to both)."""
    return Person.objects.filter(
        Q(unit__authority_id=authority_id)
        | Q(pk__in=AwardRecord.objects.filter(authority_id=authority_id, person__isnull=False).values("person_id"))
        | Q(pk__in=Nominee.objects.filter(dossier__authority_id=authority_id, person__isnull=False).values("person_id"))
    )


def people_visible_to(*, viewer) -> QuerySet[Person]:
    authority_id = acting_authority_id(viewer)
    return Person.objects.none() if authority_id is None else people_of(authority_id=authority_id)


def ledger_of_person(person, *, authority_id: int) -> QuerySet[AwardRecord]:
    return (
        ledger_records(authority_id=authority_id)
        .filter(person=person)
        .select_related("award")
        .order_by("-year", "award__sort_order")
    )


def nominations_of_person(person, *, authority_id: int) -> QuerySet[Nominee]:
    """The person's nominations in the authority's dossiers."""
    return (
        person.nominations.filter(dossier__authority_id=authority_id)
        .select_related("dossier", "dossier__round", "award")
        .order_by("-dossier__round__year")
    )


def ledger_of_unit(unit, *, authority_id: int) -> QuerySet[AwardRecord]:
    return (
        ledger_records(authority_id=authority_id)
        .filter(Q(collective_unit=unit) | Q(person__unit=unit))
        .select_related("award", "person")
        .order_by("-year", "award__sort_order")
    )


def likely_duplicate_people(*, authority_id: int) -> list[list[Person]]:
    """Groups of the authority's people with the same name and birth date that have not been merged."""
    keys = (
        people_of(authority_id=authority_id)
        .filter(merged_into__isnull=True, date_of_birth__isnull=False)
        .values("full_name", "date_of_birth")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    groups = []
    for key in keys:
        groups.append(
            list(
                people_of(authority_id=authority_id)
                .filter(merged_into__isnull=True, **{k: key[k] for k in ("full_name", "date_of_birth")})
                .select_related("unit")
                .annotate(award_count=Count("awards", filter=Q(awards__authority_id=authority_id)))
                .order_by("id")
            )
        )
    return groups


def proposal_rounds(*, group):
    """The rounds a cluster's leader proposal (suy tôn) may go into: open, regular, of the group's year, of
    the authority of the head unit that drafts it (the group's own authority while it has no head)."""
    authority_id = group.head.authority_id if group.head_id else group.authority_id
    return AwardRound.objects.filter(
        authority_id=authority_id, is_open=True, year=group.year, commendation_kind=CommendationKind.REGULAR
    )
