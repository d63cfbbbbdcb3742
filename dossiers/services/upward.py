"""Tờ trình going up (#13): a lower authority's proposal arrives in its parent's queue as a received dossier.

The commune's office sends its issued Tờ trình (awards.upward); here it becomes a dossier of the commune's
proposing unit (Authority.proposing_unit, a unit of the province) in the province's open round of the same year
and kind: the Tờ trình's PDF and the nominees' files come with it, every nominee remembers the commune's
nominee it came from (Nominee.proposed_from), and it is received at once — a number in the province's receipt
register and a promised date in working days — so it goes through appraisal, council and decision like any
dossier. The province may return it for a supplement; the commune's office adds files and sends it back
(upward_dossier_resubmit). When the province records its results, the commune sees them through the link.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from core.services import audit_record
from core.text import normalize_text
from core.uploads import store_upload
from units.models import Authority

from ..enums import Channel, ComponentType, DossierStatus
from ..models import Attachment, AwardRound, Dossier, Nominee
from ..workdays import add_working_days
from .receipts import next_receipt_number
from .verdicts import eligibility_refresh
from .workflow import _processing_days, _revision, _tell_office, resumed_fields

# What the province's nominee copies from the commune's: who and what was proposed, never the commune's
# own checks and results (the province appraises and votes again).
_NOT_COPIED = {
    "id",
    "dossier",
    "search_name",
    "verdict",
    "verdict_reasons",
    "appraisal_verdict",
    "appraisal_note",
    "outcome",
    "outcome_reason",
    "outcome_source",
    "outcome_tally",
    "outcome_override_reason",
    "proposed_from",
}
COPIED_FIELDS = [f.attname for f in Nominee._meta.concrete_fields if f.name not in _NOT_COPIED]


def upward_target(authority: Authority, *, year: int, commendation_kind: str) -> tuple[AwardRound, "object"]:
    """(the parent's open round, the unit the authority proposes as), or a ValidationError saying what is missing."""
    parent = authority.parent
    if parent is None:
        raise ValidationError(_("Cổng chưa khai báo cơ quan cấp trên của %(name)s.") % {"name": authority.short_name})
    unit = authority.proposing_unit
    if unit is None or unit.authority_id != parent.pk:
        raise ValidationError(
            _("Chưa khai báo %(name)s là đơn vị của %(parent)s để gửi tờ trình lên (Cấu hình cơ quan).")
            % {"name": authority.short_name, "parent": parent.short_name}
        )
    award_round = (
        AwardRound.objects.filter(authority=parent, year=year, commendation_kind=commendation_kind, is_open=True)
        .order_by("-created_at")
        .first()
    )
    if award_round is None:
        raise ValidationError(
            _("%(parent)s chưa mở đợt xét khen thưởng năm %(year)s loại này để nhận tờ trình.")
            % {"parent": parent.short_name, "year": year}
        )
    return award_round, unit


def _copy_file(attachment: Attachment, *, dossier: Dossier, nominee: Nominee | None) -> Attachment:
    """The file's bytes copied into the receiving dossier's folder; the row is not saved (_copy_files)."""
    copy = Attachment(
        dossier=dossier,
        nominee=nominee,
        component=attachment.component,
        original_name=attachment.original_name,
        content_type=attachment.content_type,
        size=attachment.size,
        sha256=attachment.sha256,
        uploaded_by_id=attachment.uploaded_by_id,
    )
    with attachment.file.open("rb") as source:
        copy.file.save(attachment.original_name, source, save=False)
    return copy


def _copy_files(*, dossier: Dossier, copies: dict[int, Nominee]) -> None:
    """The nominees' own files, in one read and one insert; a failed insert leaves no copied file behind."""
    files = [
        _copy_file(attachment, dossier=dossier, nominee=copies[attachment.nominee_id])
        for attachment in Attachment.objects.filter(nominee_id__in=list(copies)).order_by("pk")
    ]
    try:
        Attachment.objects.bulk_create(files)
    except Exception:
        for copy in files:
            copy.file.delete(save=False)
        raise


def _copy_nominees(*, dossier: Dossier, nominees: list[Nominee]) -> dict[int, Nominee]:
    """The province's nominees for the commune's, in a fixed number of inserts (one on PostgreSQL; on SQLite one
    per 28 or so, as Django sends at most 999 values a statement there). Nominee.save's own
    work is done here: the name normalised (normalize_text); the search column is filled by bulk_create
    (SearchKeyQuerySet). Returns {the commune's nominee pk: the province's copy}."""
    copies = {}
    for order, source in enumerate(nominees):
        copy = Nominee(dossier=dossier, proposed_from=source, **{name: getattr(source, name) for name in COPIED_FIELDS})
        copy.full_name = normalize_text(copy.full_name)
        copy.sort_order = order
        copies[source.pk] = copy
    Nominee.objects.bulk_create(copies.values())
    return copies


@transaction.atomic
def upward_dossier_receive(
    *, by, authority: Authority, year: int, commendation_kind: str, title: str, nominees: list[Nominee], proposal_pdf
) -> Dossier:
    """The parent's received dossier for a Tờ trình of `authority` (permission checked by the caller: the
    sender is the authority's office). `proposal_pdf` is the issued Tờ trình (a File); the nominees' own
    files come with them."""
    award_round, unit = upward_target(authority, year=year, commendation_kind=commendation_kind)
    if not nominees:
        raise ValidationError(_("Tờ trình không có người, tập thể nào."))
    now, today = timezone.now(), timezone.localdate()
    dossier = Dossier.objects.create(
        authority_id=award_round.authority_id,
        round=award_round,
        unit=unit,
        commendation_kind=commendation_kind,
        title=title,
        channel=Channel.UPWARD,
        status=DossierStatus.RECEIVED,
        created_by=by,
        submitted_at=now,
        received_at=now,
    )
    copies = _copy_nominees(dossier=dossier, nominees=nominees)
    proposal = Attachment(dossier=dossier, component=ComponentType.PROPOSAL, uploaded_by=by)
    store_upload(proposal, proposal_pdf, by=by)
    _copy_files(dossier=dossier, copies=copies)
    dossier.receipt_number = next_receipt_number(today.year, authority_id=dossier.authority_id)
    dossier.due_date = add_working_days(today, _processing_days(dossier))
    dossier.save(update_fields=["receipt_number", "due_date"])
    _revision(dossier, by)
    eligibility_refresh(dossier=dossier)
    audit_record(
        actor=by,
        action="dossier_received_upward",
        obj=dossier,
        changes={"status": [None, DossierStatus.RECEIVED], "receipt_number": [None, dossier.receipt_number]},
        note=_("Tờ trình của %(name)s gửi lên qua Cổng.") % {"name": authority.short_name},
    )
    _tell_office(dossier, _("Tờ trình cấp dưới gửi lên: %(title)s") % {"title": dossier.title}, "dossier_submitted")
    return dossier


def may_send_for(user, dossier: Dossier) -> bool:
    """The sender's side of an upward dossier: the office of the authority whose proposing unit it is."""
    if not (getattr(user, "is_authenticated", False) and user.has_role(Role.OFFICE_STAFF)):
        return False
    return Authority.objects.filter(pk=user.acting_authority_id, proposing_unit_id=dossier.unit_id).exists()


@transaction.atomic
def upward_dossier_resubmit(*, by, dossier: Dossier, note: str, uploads: list) -> Dossier:
    """The commune's office answers the province's request for a supplement: the files are added (checked
    like every upload) and the dossier is back in the province's appraisal, its promised date moved by the
    working days it waited (as for a unit's own resubmission)."""
    if dossier.channel != Channel.UPWARD or not may_send_for(by, dossier):
        raise ValidationError(_("Bạn không có quyền gửi lại hồ sơ này."))
    if dossier.status != DossierStatus.RETURNED:
        raise ValidationError(_("Hồ sơ không ở trạng thái chờ bổ sung (có thể đã gửi lại). Vui lòng tải lại trang."))
    note = note.strip()
    if not note and not uploads:
        raise ValidationError({"note": _("Hãy ghi nội dung đã bổ sung hoặc đính kèm tệp bổ sung.")})
    for upload in uploads:
        store_upload(Attachment(dossier=dossier, component=ComponentType.OTHER), upload, by=by)
    fields = {"status": DossierStatus.RECEIVED, **resumed_fields(dossier, now=timezone.now())}
    updated = Dossier.objects.filter(pk=dossier.pk, status=DossierStatus.RETURNED).update(version=dossier.version + 1, **fields)
    if updated != 1:
        raise ValidationError(_("Hồ sơ vừa được gửi lại (có thể do bấm hai lần). Vui lòng tải lại trang."))
    dossier.refresh_from_db()
    _revision(dossier, by)
    eligibility_refresh(dossier=dossier)
    audit_record(
        actor=by,
        action="dossier_resubmitted_upward",
        obj=dossier,
        changes={"status": [DossierStatus.RETURNED, DossierStatus.RECEIVED], "files": [None, len(uploads)]},
        note=note,
    )
    _tell_office(dossier, _("Hồ sơ đã bổ sung: %(title)s") % {"title": dossier.title}, "dossier_resubmitted")
    return dossier
