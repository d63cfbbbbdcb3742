"""Every read an awards page needs: querysets carrying what their rows show (one query each, however
many rows), and the agenda as the ballot asks it.

Councils, meetings, rounds and decisions are an authority's own (#13): the selectors that find them take the
viewer (or the authority) and answer only for the authority the viewer acts in (User.acting_authority_id);
another authority's council, meeting or decision does not exist for them (404)."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from dossiers.enums import DossierStatus, Outcome
from dossiers.models import AwardRound, Nominee

from .models import Attendance, BallotReceipt, Council, CouncilMember, Decision, DecisionLine, Meeting, PrintJob

# --- The council and its meetings --------------------------------------------------------------------


def councils_of(*, authority_id: int) -> QuerySet[Council]:
    """One authority's councils, a year each, newest first."""
    return Council.objects.filter(authority_id=authority_id)


def council_of_year(*, authority_id: int, year: int) -> Council | None:
    return councils_of(authority_id=authority_id).filter(year=year).first()


def council_years(*, authority_id: int) -> QuerySet:
    """The years this authority has a council for (the council page's year buttons)."""
    return councils_of(authority_id=authority_id).values_list("year", flat=True)


def council_members_visible_to(*, viewer) -> QuerySet[CouncilMember]:
    """Seats on the councils of the authority the viewer acts in."""
    return CouncilMember.objects.filter(council__authority_id=viewer.acting_authority_id).select_related("user", "council")


def council_members(council: Council) -> QuerySet[CouncilMember]:
    """The council's members in their order, with the person."""
    return council.members.select_related("user")


def council_meetings(council: Council) -> QuerySet[Meeting]:
    return council.meetings.order_by("-starts_at", "-id")


def meetings_visible(*, viewer) -> QuerySet[Meeting]:
    """Meetings of the councils of the authority the viewer acts in, with their council; who among them
    may see one is the council's rule (awards.view_meeting)."""
    return Meeting.objects.filter(council__authority_id=viewer.acting_authority_id).select_related("council")


def meeting_members(meeting: Meeting) -> QuerySet[CouncilMember]:
    """The members of the meeting's council, each with their attendance and whether they have voted
    (never how): `absent`, `written_opinion` (absent, opinion recorded), `voted`, `voted_in_person`."""
    attendance = Attendance.objects.filter(meeting=meeting, member=OuterRef("pk"), present=False)
    receipts = BallotReceipt.objects.filter(meeting=meeting, member=OuterRef("pk"))
    return (
        CouncilMember.objects.filter(council_id=meeting.council_id)
        .select_related("user")
        .annotate(
            absent=Exists(attendance),
            written_opinion=Exists(attendance.filter(written_opinion=True)),
            voted=Exists(receipts),
            voted_in_person=Exists(receipts.filter(written=False)),
        )
    )


def ballot_progress(meeting: Meeting) -> dict[str, int]:
    """How many members have voted (in person or in writing) out of those who vote, in one query."""
    receipts = BallotReceipt.objects.filter(meeting=meeting, member=OuterRef("pk"))
    return CouncilMember.objects.filter(council_id=meeting.council_id).aggregate(
        voted=Count("pk", filter=Exists(receipts)), voters=Count("pk", filter=Q(votes=True))
    )


def meeting_questions(meeting: Meeting) -> list[dict]:
    """The ballot's questions in agenda order: a whole list (one choice for all its nominees) or one
    nominee. Each carries its field name on the ballot paper and the object its result is kept on."""
    items = meeting.items.select_related("nominee__dossier__unit", "award", "agenda_list")
    questions: list[dict] = []
    by_list: dict[int, dict] = {}
    for item in items:
        if item.agenda_list_id is None:
            questions.append({"field": f"item-{item.pk}", "award": item.award, "item": item, "result": item})
            continue
        question = by_list.get(item.agenda_list_id)
        if question is None:
            question = {
                "field": f"list-{item.agenda_list_id}",
                "award": item.award,
                "list": item.agenda_list,
                "nominees": [],
                "result": item.agenda_list,
            }
            by_list[item.agenda_list_id] = question
            questions.append(question)
        question["nominees"].append(item.nominee)
    return questions


# --- Decisions ------------------------------------------------------------------------------------------


def approved_without_decision(award_round) -> QuerySet[Nominee]:
    """Nominees the council approved, whose dossier has its result, not yet in any decision."""
    return (
        Nominee.objects.filter(dossier__round=award_round, outcome=Outcome.APPROVED, dossier__status=DossierStatus.DECIDED)
        .filter(decision_line__isnull=True)
        .select_related("award", "dossier__unit")
        .order_by("award__sort_order", "dossier__unit__sort_order", "sort_order")
    )


def rounds_of(*, viewer) -> QuerySet[AwardRound]:
    """The rounds of the authority the viewer acts in: the only ones its office drafts decisions for."""
    return AwardRound.objects.filter(authority_id=viewer.acting_authority_id)


def rounds_awaiting_decision(*, viewer) -> QuerySet[AwardRound]:
    """The viewer's authority's rounds with nominees the council approved that no decision holds yet,
    with how many (`pending`)."""
    waiting = Q(
        dossiers__status=DossierStatus.DECIDED,
        dossiers__nominees__outcome=Outcome.APPROVED,
        dossiers__nominees__decision_line__isnull=True,
    )
    return (
        rounds_of(viewer=viewer)
        .annotate(pending=Count("dossiers__nominees", filter=waiting))
        .filter(pending__gt=0)
        .order_by("-year", "name")
    )


def decisions_visible_to(*, viewer) -> QuerySet[Decision]:
    """Decisions and proposals of the authority the viewer acts in (whose role may see decisions at all is
    the rule awards.view_decisions)."""
    return Decision.objects.filter(authority_id=viewer.acting_authority_id)


def decisions_for_list(*, viewer) -> QuerySet[Decision]:
    """The viewer's authority's decisions and proposals, newest first, with their round, award, number of
    lines and total money."""
    return (
        decisions_visible_to(viewer=viewer)
        .select_related("award", "round")
        .annotate(line_count=Count("lines"), total=Sum("lines__amount"))
        .order_by("-created_at", "-id")
    )


def decision_lines(decision: Decision) -> QuerySet[DecisionLine]:
    """A decision's lines in the annex's order (subject, unit, nominee), with who and where."""
    return decision.lines.select_related("nominee__dossier__unit", "nominee__award")


def decision_total(decision: Decision) -> int:
    return decision.lines.aggregate(total=Sum("amount"))["total"] or 0


def print_jobs_of(decision: Decision) -> QuerySet[PrintJob]:
    return decision.print_jobs.order_by("-created_at", "-id")


def issued_decisions(*, viewer) -> QuerySet[Decision]:
    """The viewer's authority's decisions past their draft (issued or revoked): the ones with a document."""
    return decisions_visible_to(viewer=viewer).exclude(status=Decision.Status.DRAFT)


def print_jobs(*, viewer) -> QuerySet[PrintJob]:
    """Print jobs of the decisions of the authority the viewer acts in."""
    return PrintJob.objects.filter(decision__authority_id=viewer.acting_authority_id).select_related("decision")


def finished_print_jobs(*, viewer) -> QuerySet[PrintJob]:
    """Print jobs whose file is made: the only ones to download."""
    return print_jobs(viewer=viewer).filter(status=PrintJob.Status.DONE)
