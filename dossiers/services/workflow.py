"""The workflow: the only way a dossier changes state is `dossier_transition`, which checks the edge map
(TRANSITIONS) and the permission, applies the effects of the step, saves only if nobody moved the dossier
meanwhile, audits, notifies and fires `dossier_transitioned`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.selectors import role_holders
from core.services import audit_record
from core.services import require_perm as _require
from notifications.services import notify
from units.models import Authority, Threshold

from ..enums import DossierStatus
from ..enums import DossierStatus as S
from ..models import AwardRule, Dossier, DossierRevision, Regime
from ..selectors import missing_components
from ..workdays import add_working_days, working_days_between
from .ledger import ledger_record_decided
from .nominees import NOMINEE_FIELDS
from .receipts import next_receipt_number
from .verdicts import eligibility_refresh

# Fired once after every transition: sender=Dossier, dossier, from_status, to_status, by.
dossier_transitioned = Signal()

# (from, to) -> (permission, label of the action)
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (S.DRAFT, S.SUBMITTED): ("dossiers.submit_dossier", _("Gửi hồ sơ")),
    (S.DRAFT, S.WITHDRAWN): ("dossiers.withdraw_dossier", _("Hủy hồ sơ")),
    (S.SUBMITTED, S.WITHDRAWN): ("dossiers.withdraw_dossier", _("Rút hồ sơ")),
    (S.SUBMITTED, S.RECEIVED): ("dossiers.process_dossier", _("Tiếp nhận")),
    (S.SUBMITTED, S.RETURNED): ("dossiers.process_dossier", _("Yêu cầu bổ sung")),
    (S.RECEIVED, S.RETURNED): ("dossiers.process_dossier", _("Yêu cầu bổ sung")),
    (S.CONSULTING, S.RETURNED): ("dossiers.process_dossier", _("Yêu cầu bổ sung")),
    (S.RETURNED, S.RECEIVED): ("dossiers.submit_dossier", _("Gửi lại hồ sơ đã bổ sung")),
    (S.RECEIVED, S.CONSULTING): ("dossiers.process_dossier", _("Lấy ý kiến các ngành")),
    (S.CONSULTING, S.RECEIVED): ("dossiers.process_dossier", _("Đã có ý kiến các ngành")),
    (S.RECEIVED, S.APPRAISED): ("dossiers.process_dossier", _("Hoàn thành thẩm định")),
    (S.APPRAISED, S.RECEIVED): ("dossiers.process_dossier", _("Thẩm định lại")),
    (S.APPRAISED, S.AT_COUNCIL): ("dossiers.process_dossier", _("Trình Hội đồng")),
    (S.AT_COUNCIL, S.DECIDED): ("dossiers.process_dossier", _("Ghi nhận kết quả")),
    (S.DECIDED, S.CLOSED): ("dossiers.process_dossier", _("Kết thúc hồ sơ")),
}
NOTE_REQUIRED = {S.RETURNED, S.CONSULTING, S.WITHDRAWN}


def allowed_transitions(dossier: Dossier, user) -> list[tuple[str, str]]:
    """(target status, action label) the user may take now, for the buttons of the page."""
    return [
        (to, label) for (frm, to), (perm, label) in TRANSITIONS.items() if frm == dossier.status and user.has_perm(perm, dossier)
    ]


def _revision(dossier: Dossier, by) -> DossierRevision:
    nominees = [
        {name: str(getattr(n, name)) if name == "award" else getattr(n, name) for name in NOMINEE_FIELDS}
        for n in dossier.nominees.select_related("award")
    ]
    for row in nominees:
        row["date_of_birth"] = row["date_of_birth"].isoformat() if row["date_of_birth"] else None
    files = [f"{a.get_component_display()}: {a.original_name}" for a in dossier.attachments.all()]
    number = (dossier.revisions.aggregate(m=Max("number"))["m"] or 0) + 1
    return DossierRevision.objects.create(
        dossier=dossier, number=number, created_by=by, data={"title": dossier.title, "nominees": nominees, "files": files}
    )


def _processing_days(dossier: Dossier, on: datetime.date | None = None) -> int:
    """The authority's own processing time (or the one above's, #13) when set, else the longest of the award
    rules of the dossier's awards in the regime of `on` (the receipt date; today when not given)."""
    authority = Authority.objects.select_related("parent__parent").get(pk=dossier.authority_id)
    own = authority.threshold("processing_days", catalogue=Threshold(None, Threshold.CATALOGUE))
    if own.value is not None:
        return own.value
    regime = Regime.for_date(on or timezone.localdate())
    award_ids = set(dossier.nominees.values_list("award_id", flat=True))
    days = AwardRule.objects.filter(regime=regime, award_id__in=award_ids).aggregate(m=Max("processing_days"))["m"]
    return days or 20


def _people(*, role: str, unit_id: int | None = None):
    return role_holders(role, unit_ids=None if unit_id is None else [unit_id])


def _tell_unit(dossier: Dossier, title: str, template: str, **context):
    for user in _people(role=Role.UNIT_CLERK, unit_id=dossier.unit_id):
        notify(
            recipient=user,
            title=title,
            template=template,
            context={"dossier": dossier, **context},
            url=reverse("dossiers:detail", args=[dossier.pk]),
            authority_id=dossier.authority_id,
        )


def _tell_office(dossier: Dossier, title: str, template: str, **context):
    """The office of the authority that receives the dossier (#13), nobody else's."""
    for user in role_holders(Role.OFFICE_STAFF, authority_id=dossier.authority_id):
        notify(
            recipient=user,
            title=title,
            template=template,
            context={"dossier": dossier, **context},
            url=reverse("dossiers:detail", args=[dossier.pk]),
            authority_id=dossier.authority_id,
        )


def resumed_fields(dossier: Dossier, *, now) -> dict:
    """A returned dossier sent back: the working days it waited are paused, its promised date moves by them."""
    today = timezone.localdate(now)
    paused = working_days_between(timezone.localtime(dossier.returned_at).date(), today) if dossier.returned_at else 0
    fields = {"paused_working_days": dossier.paused_working_days + paused, "submitted_at": now}
    if dossier.due_date:
        fields["due_date"] = add_working_days(dossier.due_date, paused)
    return fields


def _check_submittable(dossier: Dossier) -> None:
    nominees = list(dossier.nominees.all())
    if not nominees:
        raise ValidationError(_("Hồ sơ chưa có người, tập thể nào được đề nghị."))
    missing = missing_components(dossier, nominees=nominees, attachments=dossier.attachments.all())
    problems = []
    if missing.get(None):
        problems.append(_("Hồ sơ còn thiếu: %(items)s.") % {"items": ", ".join(missing[None])})
    by_id = {n.pk: n for n in nominees}
    for nominee_id, labels in missing.items():
        if nominee_id is not None and labels:
            problems.append(
                _("%(name)s còn thiếu: %(items)s.") % {"name": by_id[nominee_id].full_name, "items": ", ".join(labels)}
            )
    if problems:
        raise ValidationError(problems)


def received_moment(dossier: Dossier, received_on: datetime.date | None, *, now: datetime.datetime) -> datetime.datetime:
    """When a dossier was received: now, or the day the office entered (a paper dossier received yesterday and
    recorded today), which may be neither before the dossier was sent nor in the future. An earlier day keeps
    the time of day of now, but never a moment before the dossier was sent."""
    today = timezone.localdate(now)
    if received_on is None or received_on == today:
        return now
    if received_on > today:
        raise ValidationError({"received_on": _("Ngày tiếp nhận không được sau ngày hôm nay.")})
    sent = timezone.localtime(dossier.submitted_at) if dossier.submitted_at else None
    if sent and received_on < sent.date():
        raise ValidationError(
            {"received_on": _("Ngày tiếp nhận không được trước ngày gửi hồ sơ (%(day)s).") % {"day": sent.strftime("%d/%m/%Y")}}
        )
    moment = timezone.make_aware(datetime.datetime.combine(received_on, timezone.localtime(now).time()))
    return max(moment, sent) if sent else moment


@transaction.atomic
def dossier_transition(dossier: Dossier, *, to: str, by, note: str = "", received_on: datetime.date | None = None) -> Dossier:
    """The only way a dossier changes state: checks the map and the permission, applies the effects,
    saves only if nobody moved the dossier meanwhile (a second click is refused), audits, notifies.
    `received_on`: the day a sent dossier was received, when the office records it later (the receipt
    number's year and the promised date count from it)."""
    frm = dossier.status
    if (frm, to) not in TRANSITIONS:
        raise ValidationError(
            _("Không thể chuyển hồ sơ từ “%(from)s” sang “%(to)s”.")
            % {"from": DossierStatus(frm).label, "to": DossierStatus(to).label}
        )
    perm, _label = TRANSITIONS[(frm, to)]
    _require(by, perm, dossier)
    note = note.strip()
    if to in NOTE_REQUIRED and not note:
        raise ValidationError({"note": _("Hãy ghi nội dung (lý do, yêu cầu) cho thao tác này.")})

    now = timezone.now()
    changes: dict = {"status": [frm, to]}
    fields: dict = {"status": to}
    if to == S.SUBMITTED:
        _check_submittable(dossier)
        fields["submitted_at"] = now
    elif to == S.RECEIVED and frm == S.SUBMITTED:
        fields["received_at"] = received_moment(dossier, received_on, now=now)
        received_day = timezone.localdate(fields["received_at"])
        fields["receipt_number"] = next_receipt_number(received_day.year, authority_id=dossier.authority_id)
        fields["due_date"] = add_working_days(received_day, _processing_days(dossier, received_day))
    elif to == S.RECEIVED and frm == S.RETURNED:
        _check_submittable(dossier)
        fields.update(resumed_fields(dossier, now=now))
    elif to == S.RETURNED:
        fields["returned_at"] = now
        fields["return_reason"] = note
    elif to == S.CONSULTING:
        fields["consultation_note"] = note
    elif to == S.APPRAISED:
        pending = dossier.nominees.filter(appraisal_verdict="").count()
        if pending:
            raise ValidationError(_("Còn %(n)s người, tập thể chưa có kết luận thẩm định.") % {"n": pending})
    elif to == S.DECIDED:
        pending = dossier.nominees.filter(outcome="").count()
        if pending:
            raise ValidationError(_("Còn %(n)s người, tập thể chưa có kết quả xét.") % {"n": pending})

    updated = Dossier.objects.filter(pk=dossier.pk, status=frm).update(version=dossier.version + 1, updated_at=now, **fields)
    if updated != 1:
        raise ValidationError(_("Hồ sơ vừa được chuyển sang trạng thái khác (có thể do bấm hai lần). Vui lòng tải lại trang."))
    for name, value in fields.items():
        if name != "status":
            changes[name] = [None, value.isoformat() if hasattr(value, "isoformat") else value]
        setattr(dossier, name, value)
    dossier.version += 1

    if to == S.SUBMITTED or (to == S.RECEIVED and frm == S.RETURNED):
        _revision(dossier, by)
        eligibility_refresh(dossier=dossier)
    elif to == S.RECEIVED:
        # The receipt date chooses the regime that governs the dossier (Luật 06/2026/QH16), so the verdicts made
        # on the day it was sent are made again; the unit's counts have not changed, the siblings stay as they are.
        eligibility_refresh(dossier=dossier, siblings=False)
    if to == S.DECIDED:
        ledger_record_decided(dossier)
    audit_record(actor=by, action=f"dossier_{to}", obj=dossier, changes=changes, note=note)
    _notify_transition(dossier, frm, to, note)
    dossier_transitioned.send(sender=Dossier, dossier=dossier, from_status=frm, to_status=to, by=by)
    return dossier


def _notify_transition(dossier: Dossier, frm: str, to: str, note: str) -> None:
    status = DossierStatus(to).label
    if to == S.SUBMITTED:
        _tell_office(dossier, _("Hồ sơ mới: %(title)s") % {"title": dossier.title}, "dossier_submitted")
    elif to == S.RECEIVED and frm == S.RETURNED:
        _tell_office(dossier, _("Hồ sơ đã bổ sung: %(title)s") % {"title": dossier.title}, "dossier_resubmitted")
    elif to in (S.RECEIVED, S.RETURNED, S.DECIDED):
        _tell_unit(
            dossier,
            _("Hồ sơ “%(title)s”: %(status)s") % {"title": dossier.title, "status": status},
            "dossier_status",
            status=status,
            note=note,
        )
