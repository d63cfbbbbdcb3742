"""The acknowledgement of a dossier (#14), one printable document in two states, as plain data for
templates/documents/acknowledgement.html (documents.render):

- once sent, "Phiếu nộp hồ sơ": the dossier, its unit and round, who sent it and when, the nominees
  counted by award, the files by document type — what the clerk keeps as proof of sending;
- once the office received it, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (the one-stop receipt of
  NĐ 61/2018, kept by NĐ 118/2025 which replaced it): the same, with the receipt number, the day and
  time of receipt, who received it, the processing time and the promised date.

Who sent and who received are read from the audit (the latest sending, the receipt that took the
receipt number): the dossier keeps the moments, the audit the people."""

from collections import Counter

from django.db.models import Count
from django.utils import timezone

from core.models import AuditEntry
from units.models import Authority

from .enums import Channel, ComponentType, DossierStatus, Subject
from .models import Dossier
from .workdays import working_days_between

# The audit's actions of sending and receiving (services.workflow.dossier_transition: "dossier_<new status>").
SENT, RECEIVED = f"dossier_{DossierStatus.SUBMITTED}", f"dossier_{DossierStatus.RECEIVED}"


def _local(moment) -> str | None:
    return timezone.localtime(moment).replace(tzinfo=None).isoformat(timespec="minutes") if moment else None


def _person(entry: AuditEntry | None) -> dict:
    user = entry.actor if entry is not None else None
    return {"name": user.full_name or user.username, "position": user.position} if user else {"name": "", "position": ""}


def _entries(dossier: Dossier) -> tuple[AuditEntry | None, AuditEntry | None]:
    """(the latest sending, the receipt that numbered the dossier) from the dossier's audit: a dossier returned
    and sent back is received again without a new number."""
    entries = AuditEntry.objects.filter(
        content_type__app_label="dossiers",
        content_type__model="dossier",
        object_id=str(dossier.pk),
        action__in=[SENT, RECEIVED],
    ).select_related("actor")
    sent = received = None
    for entry in entries.order_by("created_at", "pk"):
        if entry.action == SENT or entry.changes.get("status", [None])[0] == DossierStatus.RETURNED:
            sent = entry  # sent, or sent back once supplemented (as submitted_at then says)
        elif "receipt_number" in entry.changes and received is None:
            received = entry
    return sent, received


def _awards(dossier: Dossier) -> list[dict]:
    """The nominees counted by award (the catalogue's order), individuals apart from collectives and households."""
    rows = (
        dossier.nominees.order_by()
        .values("award__name", "award__sort_order", "subject")
        .annotate(n=Count("id"))
        .order_by("award__sort_order", "award__name")
    )
    by_award: dict[str, Counter] = {}
    for row in rows:
        counts = by_award.setdefault(row["award__name"], Counter())
        counts["individuals" if row["subject"] == Subject.INDIVIDUAL else "collectives"] += row["n"]
    return [
        {"award": name, "individuals": c["individuals"], "collectives": c["collectives"], "total": c.total()}
        for name, c in by_award.items()
    ]


def _files(dossier: Dossier) -> list[dict]:
    """The attached files counted by document type, in the order a dossier is assembled (tờ trình first)."""
    counts = dict(dossier.attachments.order_by().values_list("component").annotate(n=Count("id")))
    return [{"component": str(label), "files": counts[value]} for value, label in ComponentType.choices if counts.get(value)]


def acknowledgement_dict(dossier: Dossier) -> dict:
    """The acknowledgement of a sent dossier as plain data (dates and times ISO, local time)."""
    authority = Authority.objects.get(pk=dossier.authority_id)
    sent, received = _entries(dossier)
    awards = _awards(dossier)
    data = {
        "authority": {**authority.document_header(), "standing_office_name": authority.standing_office_name},
        "received": bool(dossier.receipt_number),
        "title": dossier.title,
        "unit": dossier.unit.name,
        "round": dossier.round.name,
        "channel": str(Channel(dossier.channel).label),
        "sent_at": _local(dossier.submitted_at),
        "sender": _person(sent),
        "awards": awards,
        "nominees_total": {
            "individuals": sum(row["individuals"] for row in awards),
            "collectives": sum(row["collectives"] for row in awards),
            "total": sum(row["total"] for row in awards),
        },
        "files": _files(dossier),
        "files_total": dossier.attachments.count(),
    }
    if dossier.receipt_number:
        received_day = timezone.localdate(dossier.received_at)
        data.update(
            receipt_number=dossier.receipt_number,
            received_at=_local(dossier.received_at),
            receiver=_person(received),
            due_date=dossier.due_date.isoformat() if dossier.due_date else None,
            # The processing time the promised date was counted with: the working days from the receipt to the
            # promised date, less the days it waited for a supplement (which moved the promised date on).
            processing_days=(
                working_days_between(received_day, dossier.due_date) - dossier.paused_working_days if dossier.due_date else None
            ),
            paused_days=dossier.paused_working_days,
        )
    return data


def acknowledgement_name(dossier: Dossier) -> str:
    """The download's name: "Phiếu nộp hồ sơ 02-11-2026.pdf" (the day sent), then "Giấy tiếp nhận hồ sơ 2026-00012.pdf"."""
    if dossier.receipt_number:
        return f"Giấy tiếp nhận hồ sơ {dossier.receipt_number}.pdf"
    return f"Phiếu nộp hồ sơ {timezone.localdate(dossier.submitted_at):%d-%m-%Y}.pdf"
