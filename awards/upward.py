"""A Tờ trình sent up in the portal (#13), from the proposing authority's side.

An issued Tờ trình (a Decision of kind PROPOSAL) is sent once: dossiers.services.upward makes it a received
dossier in the parent authority's queue. The Tờ trình's page then follows it: received with a number and a
promised date, returned for a supplement (the office answers it from here), decided — each nominee with the
parent's result and decision."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.rules import require_here
from accounts.selectors import role_assignments, role_holders
from core.services import audit_record
from core.services import require_perm as _require
from dossiers.enums import Channel, DossierStatus
from dossiers.models import Dossier, Nominee
from dossiers.services import dossier_transitioned
from dossiers.services.upward import upward_dossier_receive, upward_dossier_resubmit, upward_target
from notifications.services import Message, notify, notify_many

from .models import Decision, DecisionLine


def may_send(decision: Decision) -> bool:
    """An issued Tờ trình not sent yet (whether the authority has a parent to send it to: send_problem)."""
    return decision.kind == Decision.Kind.PROPOSAL and decision.is_issued and decision.sent_as_id is None


def send_problem(decision: Decision) -> str:
    """Why the Tờ trình cannot go up now ("" when it can), to show next to the button."""
    try:
        upward_target(decision.authority, year=decision.round.year, commendation_kind=decision.round.commendation_kind)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


@transaction.atomic
def proposal_send(*, by, decision: Decision) -> Dossier:
    """Send the issued Tờ trình with its nominees and their files; a second click returns the same dossier."""
    _require(by, "awards.manage_decisions", decision)
    require_here(by, decision.authority_id)
    decision = Decision.objects.select_for_update().select_related("round", "authority").get(pk=decision.pk)
    if decision.sent_as_id is not None:
        return decision.sent_as
    if not may_send(decision):
        raise ValidationError(_("Chỉ gửi lên được tờ trình đã ban hành."))
    nominees = [line.nominee for line in DecisionLine.objects.filter(decision=decision).select_related("nominee").order_by("pk")]
    with decision.pdf.open("rb") as pdf:
        content = ContentFile(pdf.read(), name=f"to-trinh-{decision.sequence or decision.pk}.pdf")
    dossier = upward_dossier_receive(
        by=by,
        authority=decision.authority,
        year=decision.round.year,
        commendation_kind=decision.round.commendation_kind,
        title=f"Tờ trình số {decision.number} của {decision.authority.short_name}: {decision.title}",
        nominees=nominees,
        proposal_pdf=content,
    )
    decision.sent_as, decision.sent_at = dossier, timezone.now()
    decision.save(update_fields=["sent_as", "sent_at"])
    audit_record(
        actor=by,
        action="proposal_sent",
        obj=decision,
        changes={"sent_as": [None, dossier.receipt_number]},
        note=_("Gửi %(parent)s qua Cổng.") % {"parent": decision.authority.parent.short_name},
    )
    return dossier


@transaction.atomic
def proposal_resubmit(*, by, decision: Decision, note: str, uploads: list) -> Dossier:
    """Answer the parent's request for a supplement of a Tờ trình sent up."""
    _require(by, "awards.manage_decisions", decision)
    require_here(by, decision.authority_id)
    if decision.sent_as_id is None:
        raise ValidationError(_("Tờ trình này chưa được gửi lên."))
    dossier = upward_dossier_resubmit(by=by, dossier=decision.sent_as, note=note, uploads=uploads)
    audit_record(actor=by, action="proposal_resubmitted", obj=decision, changes={"files": [None, len(uploads)]}, note=note)
    return dossier


def proposal_progress(decision: Decision) -> dict | None:
    """Where the sent Tờ trình stands at the parent, and each nominee's result and issued decision there, or
    the decision the parent revoked (two queries)."""
    if decision.sent_as_id is None:
        return None
    dossier = Dossier.objects.select_related("authority", "round").get(pk=decision.sent_as_id)
    nominees = (
        Nominee.objects.filter(dossier=dossier).select_related("award", "decision_line__decision").order_by("sort_order", "pk")
    )
    rows = []
    for nominee in nominees:
        line = getattr(nominee, "decision_line", None)  # a missing reverse one-to-one is an AttributeError too
        parent_decision = line.decision if line is not None else None
        rows.append(
            {
                "nominee": nominee,
                "decision": parent_decision if parent_decision is not None and parent_decision.is_issued else None,
                # Revoked by the parent (awards.decisions.decision_revoke): the award left the ledger, the
                # nominee's "approved" no longer holds; the page says so with the decision's number, date and reason.
                "revoked": parent_decision if parent_decision is not None and parent_decision.is_revoked else None,
            }
        )
    return {"dossier": dossier, "parent": dossier.authority, "rows": rows}


# What the sender's office hears of its Tờ trình (the parent's own office is told by dossiers' workflow).
_TOLD = {DossierStatus.RETURNED, DossierStatus.DECIDED}


@receiver(dossier_transitioned, dispatch_uid="awards.upward.tell_the_sender")
def tell_the_sender(sender, dossier, from_status, to_status, **kwargs):
    """The parent returned the Tờ trình for a supplement or recorded its results: the sending authority's
    office is told, with a link to the Tờ trình's page where it answers and reads the results."""
    if dossier.channel != Channel.UPWARD or to_status not in _TOLD:
        return
    decision = Decision.objects.filter(sent_as=dossier).only("pk", "authority_id").first()
    if decision is None:
        return
    status = DossierStatus(to_status).label
    for user in role_holders(Role.OFFICE_STAFF, authority_id=decision.authority_id):
        notify(
            recipient=user,
            title=_("Tờ trình gửi cấp trên: %(status)s") % {"status": status},
            template="dossier_status",
            context={"dossier": dossier, "status": status, "note": dossier.return_reason if dossier.is_returned else ""},
            url=reverse("awards:decision", args=[decision.pk]),
            authority_id=decision.authority_id,  # its office may be acting in another of its authorities
        )


def tell_revoked(decision: Decision) -> int:
    """The parent revoked `decision` (awards.decisions.decision_revoke): the office of every authority whose Tờ
    trình it decided is told, with the way to that Tờ trình (opening in that authority), the decision's number,
    date and the reason. Returns the number of people told."""
    proposals = list(
        Decision.objects.filter(kind=Decision.Kind.PROPOSAL, sent_as__nominees__decision_line__decision=decision)
        .select_related("sent_as__unit")
        .distinct()
    )
    status = _("Quyết định khen thưởng đã bị thu hồi, hủy bỏ")
    note = _("Quyết định số %(number)s ngày %(date)s đã bị thu hồi, hủy bỏ. Lý do: %(reason)s") % {
        "number": decision.number,
        "date": f"{decision.date:%d/%m/%Y}" if decision.date else "",
        "reason": decision.revoked_reason,
    }
    offices: dict[int, list] = {}  # every sending authority's office staff, in one query
    for assignment in role_assignments(Role.OFFICE_STAFF).filter(authority_id__in={p.authority_id for p in proposals}):
        people = offices.setdefault(assignment.authority_id, [])
        if assignment.user not in people:
            people.append(assignment.user)
    messages = [
        Message(
            recipient=user,
            title=_("Tờ trình gửi cấp trên: %(status)s") % {"status": status},
            template="dossier_status",
            context={"dossier": proposal.sent_as, "status": status, "note": note},
            url=reverse("awards:decision", args=[proposal.pk]),
            authority_id=proposal.authority_id,
        )
        for proposal in proposals
        for user in offices.get(proposal.authority_id, [])
    ]
    notify_many(messages)
    return len(messages)
