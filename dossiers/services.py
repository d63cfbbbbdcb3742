"""Every write on dossiers: keyword-only, atomic, permission-checked, audited.

Only `dossier_transition` changes a dossier's state.
"""

import datetime
import json
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.selectors import role_holders
from core.services import ConcurrentEditError, audit_record, diff_fields, save_with_version, snapshot
from core.services import require_perm as _require
from core.text import normalize_text
from core.uploads import store_upload
from notifications.services import notify

from . import eligibility
from .enums import UNIT_EDITABLE, DossierStatus, EligibilityRule, Outcome, OutcomeSource, Subject, Verdict
from .enums import DossierStatus as S
from .models import Attachment, AwardRecord, AwardRound, AwardRule, Dossier, DossierRevision, Nominee, Person, Regime
from .people import ensure_people, person_key
from .selectors import missing_components
from .workdays import add_working_days, working_days_between

# Fired once after every transition: sender=Dossier, dossier, from_status, to_status, by.
dossier_transitioned = Signal()

NOMINEE_FIELDS = [
    "subject",
    "award",
    "full_name",
    "gender",
    "date_of_birth",
    "ethnic_minority",
    "position",
    "work_unit",
    "worker_category",
    "months_worked",
    "discipline",
    "task_rating",
    "initiative_ref",
    "member_count",
    "members_completing",
    "ldtt_count",
    "cstdcs_count",
    "disciplined_members",
    "achievement",
]


def _require_editable(by, dossier: Dossier) -> None:
    if dossier.status not in UNIT_EDITABLE:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(status)s”: không sửa được.") % {"status": dossier.get_status_display()}
        )
    _require(by, "dossiers.change_dossier", dossier)


def _touch(dossier: Dossier) -> None:
    """Any change to nominees or files bumps the dossier's version: a stale page cannot act on it."""
    Dossier.objects.filter(pk=dossier.pk).update(version=dossier.version + 1, updated_at=timezone.now())
    dossier.version += 1


# --- Rounds --------------------------------------------------------------------------------------

ROUND_FIELDS = [
    "name",
    "year",
    "commendation_kind",
    "campaign_name",
    "submission_deadline",
    "ceremony_date",
    "min_days_before_ceremony",
    "is_open",
]


@transaction.atomic
def award_round_save(*, by, award_round: AwardRound | None = None, **data) -> AwardRound:
    _require(by, "dossiers.process_dossier")
    creating = award_round is None
    award_round = award_round or AwardRound()
    old = {} if creating else snapshot(AwardRound.objects.get(pk=award_round.pk), ROUND_FIELDS)
    for name, value in data.items():
        setattr(award_round, name, value)
    award_round.name = normalize_text(award_round.name)
    award_round.full_clean()
    award_round.save()
    audit_record(
        actor=by,
        action="round_create" if creating else "round_update",
        obj=award_round,
        changes=diff_fields(award_round, old, ROUND_FIELDS),
    )
    return award_round


# --- Drafting ------------------------------------------------------------------------------------


@transaction.atomic
def dossier_create(*, by, unit, award_round, title: str) -> Dossier:
    _require(by, "dossiers.create_dossier", unit)
    if not award_round.is_open:
        raise ValidationError({"award_round": _("Đợt xét này đã ngừng nhận hồ sơ.")})
    dossier = Dossier.objects.create(
        unit=unit, round=award_round, commendation_kind=award_round.commendation_kind, title=title, created_by=by
    )
    audit_record(actor=by, action="dossier_create", obj=dossier, changes={"title": [None, dossier.title]})
    return dossier


@transaction.atomic
def dossier_update(*, by, dossier: Dossier, expected_version: int, title: str) -> Dossier:
    _require_editable(by, dossier)
    old = snapshot(dossier, ["title"])
    dossier.title = normalize_text(title)
    save_with_version(dossier, expected_version=expected_version, fields=["title"])
    audit_record(actor=by, action="dossier_update", obj=dossier, changes=diff_fields(dossier, old, ["title"]))
    return dossier


def _link_people(nominees: list[Nominee], unit) -> None:
    """Attach each individual nominee to its person in the ledger (same name, birth date, unit),
    creating the people not seen before: a fixed number of queries however many nominees."""
    individuals = [n for n in nominees if n.subject == Subject.INDIVIDUAL]
    wanted = {person_key(n.full_name, n.date_of_birth, unit.pk): n.gender for n in individuals}
    people, _created = ensure_people(wanted)
    for nominee in individuals:
        nominee.person = people[person_key(nominee.full_name, nominee.date_of_birth, unit.pk)]
    for nominee in nominees:
        if nominee.subject != Subject.INDIVIDUAL:
            nominee.person = None


@transaction.atomic
def nominee_save(*, by, dossier: Dossier, nominee: Nominee | None = None, expected_version: int, **data) -> Nominee:
    """Add a nominee (nominee=None) or change one; the dossier's version guards against a stale page."""
    _require_editable(by, dossier)
    if Dossier.objects.filter(pk=dossier.pk, version=expected_version).count() != 1:
        raise ConcurrentEditError()
    creating = nominee is None
    nominee = nominee or Nominee(dossier=dossier)
    old = {} if creating else snapshot(Nominee.objects.get(pk=nominee.pk), NOMINEE_FIELDS)
    for name in NOMINEE_FIELDS:
        if name in data:
            setattr(nominee, name, data[name])
    nominee.full_name = normalize_text(nominee.full_name)
    if creating:
        nominee.sort_order = (dossier.nominees.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    nominee.full_clean(exclude=["dossier", "person", "verdict", "verdict_reasons"])
    _link_people([nominee], dossier.unit)
    nominee.save()
    audit_record(
        actor=by,
        action="nominee_add" if creating else "nominee_update",
        obj=dossier,
        changes={f"{nominee.full_name}.{k}": v for k, v in diff_fields(nominee, old, NOMINEE_FIELDS).items()},
    )
    _touch(dossier)
    eligibility_refresh(dossier=dossier)
    return nominee


@transaction.atomic
def nominees_bulk_create(*, by, dossier: Dossier, rows: list[dict]) -> list[Nominee]:
    """Add many nominees at once (the Excel import): all or nothing."""
    _require_editable(by, dossier)
    start = (dossier.nominees.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    created = []
    for offset, row in enumerate(rows):
        nominee = Nominee(dossier=dossier, sort_order=start + offset, **row)
        nominee.full_name = normalize_text(nominee.full_name)
        created.append(nominee)
    _link_people(created, dossier.unit)
    Nominee.objects.bulk_create(created, batch_size=500)
    audit_record(actor=by, action="nominee_import", obj=dossier, changes={"nominees": [None, len(created)]})
    _touch(dossier)
    eligibility_refresh(dossier=dossier)
    return created


@transaction.atomic
def nominee_delete(*, by, nominee: Nominee) -> None:
    dossier = nominee.dossier
    _require_editable(by, dossier)
    for attachment in nominee.attachments.all():
        attachment.file.delete(save=False)
    name = nominee.full_name
    nominee.delete()
    audit_record(actor=by, action="nominee_delete", obj=dossier, changes={"nominee": [name, None]})
    _touch(dossier)
    eligibility_refresh(dossier=dossier)


@transaction.atomic
def attachment_add(*, by, dossier: Dossier, component: str, upload, nominee: Nominee | None = None) -> Attachment:
    """Store an uploaded file after checking its content; a refused file changes nothing."""
    _require_editable(by, dossier)
    if nominee is not None and nominee.dossier_id != dossier.pk:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    attachment = store_upload(Attachment(dossier=dossier, nominee=nominee, component=component), upload, by=by)
    audit_record(
        actor=by,
        action="attachment_add",
        obj=dossier,
        changes={"attachment": [None, f"{attachment.get_component_display()}: {attachment.original_name}"]},
    )
    _touch(dossier)
    eligibility_refresh(dossier=dossier)
    return attachment


@transaction.atomic
def attachment_delete(*, by, attachment: Attachment) -> None:
    dossier = attachment.dossier
    _require_editable(by, dossier)
    label = f"{attachment.get_component_display()}: {attachment.original_name}"
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))
    audit_record(actor=by, action="attachment_delete", obj=dossier, changes={"attachment": [label, None]})
    _touch(dossier)
    eligibility_refresh(dossier=dossier)


# --- Eligibility ---------------------------------------------------------------------------------


def _award_date(dossier: Dossier) -> datetime.date:
    """The date whose regime judges the criteria: the end of the award year."""
    return datetime.date(dossier.round.year, 12, 31)


def eligibility_refresh(*, dossier: Dossier, submitted_on: datetime.date | None = None) -> list[Nominee]:
    """Recompute every nominee's automatic verdict (a handful of queries whatever the size)."""
    nominees = list(dossier.nominees.select_related("award"))
    if not nominees:
        return []
    regime = Regime.for_date(_award_date(dossier))
    year = dossier.round.year
    missing = missing_components(dossier, nominees=nominees, attachments=dossier.attachments.all())
    person_ids = {n.person_id for n in nominees if n.person_id}
    held: dict[int, set[int]] = {}
    for person_id, held_year in AwardRecord.objects.filter(
        person_id__in=person_ids, award__eligibility_rule=EligibilityRule.CSTDCS
    ).values_list("person_id", "year"):
        held.setdefault(person_id, set()).add(held_year)
    proposed_cstdcs = {n.person_id for n in nominees if n.award.eligibility_rule == EligibilityRule.CSTDCS and n.person_id}
    unit_ldtt = sum(1 for n in nominees if n.award.eligibility_rule == EligibilityRule.LDTT)
    unit_cstdcs = sum(1 for n in nominees if n.award.eligibility_rule == EligibilityRule.CSTDCS)
    if submitted_on is None and dossier.submitted_at:
        submitted_on = timezone.localtime(dossier.submitted_at).date()
    for nominee in nominees:
        years = set(held.get(nominee.person_id, set()))
        if nominee.person_id in proposed_cstdcs:
            years.add(year)
        context = eligibility.Context(
            year=year,
            min_working_months=regime.min_working_months if regime else 6,
            cstdcs_quota_percent=regime.cstdcs_quota_percent if regime else None,
            cstdcs_years=frozenset(years),
            unit_ldtt_count=unit_ldtt,
            unit_cstdcs_count=unit_cstdcs,
            missing_components=tuple(missing.get(nominee.pk, [])),
            submitted_on=submitted_on,
            submission_deadline=dossier.round.submission_deadline,
            ceremony_date=dossier.round.ceremony_date,
            min_days_before_ceremony=dossier.round.min_days_before_ceremony,
        )
        facts = eligibility.Facts(
            rule=nominee.award.eligibility_rule,
            award_name=nominee.award.name,
            award_subject=nominee.award.subject,
            subject=nominee.subject,
            task_rating=nominee.task_rating,
            months_worked=nominee.months_worked,
            discipline=nominee.discipline,
            initiative_ref=nominee.initiative_ref,
            member_count=nominee.member_count,
            members_completing=nominee.members_completing,
            ldtt_count=nominee.ldtt_count,
            cstdcs_count=nominee.cstdcs_count,
            disciplined_members=nominee.disciplined_members,
        )
        result = eligibility.evaluate(facts, context)
        nominee.verdict, nominee.verdict_reasons = result.verdict, result.reasons
    Nominee.objects.bulk_update(nominees, ["verdict", "verdict_reasons"], batch_size=500)
    return nominees


# --- Appraisal and decision per nominee ----------------------------------------------------------


@transaction.atomic
def nominee_appraise(*, by, nominee: Nominee, verdict: str, note: str) -> Nominee:
    dossier = nominee.dossier
    _require(by, "dossiers.process_dossier", dossier)
    if dossier.status not in (S.RECEIVED, S.CONSULTING):
        raise ValidationError(_("Chỉ thẩm định được hồ sơ đã tiếp nhận."))
    if verdict != Verdict.ELIGIBLE and not note.strip():
        raise ValidationError({"note": _("Hãy ghi lý do khi kết luận không đủ hoặc cần kiểm tra.")})
    old = snapshot(nominee, ["appraisal_verdict", "appraisal_note"])
    nominee.appraisal_verdict, nominee.appraisal_note = verdict, note.strip()
    nominee.save(update_fields=["appraisal_verdict", "appraisal_note"])
    audit_record(
        actor=by,
        action="nominee_appraise",
        obj=dossier,
        changes={f"{nominee.full_name}.{k}": v for k, v in diff_fields(nominee, old, list(old)).items()},
    )
    return nominee


@dataclass(frozen=True)
class CouncilResult:
    """One nominee's result as a closed ballot gives it (see awards.services.ballot_close)."""

    nominee: Nominee
    outcome: str
    reason: str
    source: str
    tally: dict


AWARDING_SOURCES = frozenset({OutcomeSource.BALLOT, OutcomeSource.LIST_VOTE})


def update_in_groups(model, rows: list[tuple[int, dict]], *, chunk: int = 500) -> None:
    """Write many rows that share few distinct values (a list's 1,780 nominees share one result):
    one UPDATE per distinct set of values and chunk of ids, instead of bulk_update's CASE per row."""
    groups: dict[str, tuple[dict, list[int]]] = {}
    for pk, values in rows:
        key = json.dumps(values, sort_keys=True, default=str)
        groups.setdefault(key, (values, []))[1].append(pk)
    for values, pks in groups.values():
        for start in range(0, len(pks), chunk):
            model.objects.filter(pk__in=pks[start : start + chunk]).update(**values)


@transaction.atomic
def nominee_outcomes_record(*, by, results: list[CouncilResult]) -> int:
    """Write the results of a whole meeting at once (the caller, the closing of a ballot, holds the
    transaction and has checked the chair's permission). Only a ballot awards: a result that would
    award a nominee found ineligible at appraisal, or not from a ballot, is refused. A result the office
    has already overridden (explicitly, with its reason) stands, with the ballot's count kept beside it.
    One audit entry per dossier lists its nominees' results."""
    by_dossier: dict[int, list[CouncilResult]] = {}
    for result in results:
        nominee = result.nominee
        if nominee.dossier.status != S.AT_COUNCIL:
            raise ValidationError(
                _("Hồ sơ của %(name)s không còn ở bước trình Hội đồng: không ghi kết quả được.") % {"name": nominee.full_name}
            )
        if result.outcome == Outcome.APPROVED and (
            result.source not in AWARDING_SOURCES or nominee.appraisal_verdict == Verdict.INELIGIBLE
        ):
            raise ValidationError(
                _("%(name)s không thể được khen thưởng nếu không qua biểu quyết.") % {"name": nominee.full_name}
            )
        if result.outcome == Outcome.REJECTED and not result.reason.strip():
            raise ValidationError(_("Thiếu lý do không được khen thưởng của %(name)s.") % {"name": nominee.full_name})
        by_dossier.setdefault(nominee.dossier_id, []).append(result)
    rows = []
    kept = set()
    for result in results:
        nominee = result.nominee
        if nominee.outcome_source == OutcomeSource.OVERRIDE:
            # The office's explicit, reasoned override stands; the ballot's count is kept beside it.
            nominee.outcome_tally = result.tally
            rows.append((nominee.pk, {"outcome_tally": result.tally}))
            kept.add(nominee.pk)
            continue
        nominee.outcome, nominee.outcome_reason = result.outcome, result.reason.strip()
        nominee.outcome_source, nominee.outcome_tally, nominee.outcome_override_reason = result.source, result.tally, ""
        values = {"outcome": nominee.outcome, "outcome_reason": nominee.outcome_reason, "outcome_source": nominee.outcome_source}
        rows.append((nominee.pk, {**values, "outcome_tally": nominee.outcome_tally, "outcome_override_reason": ""}))
    update_in_groups(Nominee, rows)
    for dossier_results in by_dossier.values():
        dossier = dossier_results[0].nominee.dossier
        approved = sum(1 for r in dossier_results if r.nominee.outcome == Outcome.APPROVED)
        audit_record(
            actor=by,
            action="nominee_outcomes_record",
            obj=dossier,
            changes={"kết quả": [None, f"{approved}/{len(dossier_results)} được khen thưởng"]},
            note="; ".join(
                f"{r.nominee.full_name}: "
                + (
                    _("giữ kết quả ghi đè (%(result)s)") % {"result": Outcome(r.nominee.outcome).label}
                    if r.nominee.pk in kept
                    else str(Outcome(r.outcome).label)
                )
                for r in dossier_results
            )[:2000],
        )
    return len(rows)


@transaction.atomic
def nominee_outcome_override(*, by, nominee: Nominee, outcome: str, reason: str) -> Nominee:
    """The standing office changes a result the ballot gave (or gives one it did not): explicit,
    with a reason that is kept on the nominee, shown on the page and audited."""
    dossier = nominee.dossier
    _require(by, "dossiers.override_outcome", dossier)
    if dossier.status != S.AT_COUNCIL:
        raise ValidationError(_("Chỉ ghi đè kết quả của hồ sơ đang trình Hội đồng."))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Hãy chọn kết quả.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Ghi đè kết quả biểu quyết phải ghi rõ lý do.")})
    old = snapshot(nominee, ["outcome", "outcome_source"])
    nominee.outcome, nominee.outcome_source = outcome, OutcomeSource.OVERRIDE
    nominee.outcome_override_reason = reason.strip()
    nominee.outcome_reason = reason.strip() if outcome == Outcome.REJECTED else ""
    nominee.save(update_fields=["outcome", "outcome_reason", "outcome_source", "outcome_override_reason"])
    audit_record(
        actor=by,
        action="nominee_outcome_override",
        obj=dossier,
        changes={f"{nominee.full_name}.{k}": v for k, v in diff_fields(nominee, old, list(old)).items()},
        note=f"{nominee.full_name}: {reason.strip()}",
    )
    return nominee


# --- The workflow --------------------------------------------------------------------------------

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


def _processing_days(dossier: Dossier) -> int:
    regime = Regime.for_date(timezone.localdate())
    award_ids = set(dossier.nominees.values_list("award_id", flat=True))
    days = AwardRule.objects.filter(regime=regime, award_id__in=award_ids).aggregate(m=Max("processing_days"))["m"]
    return days or 20


RECEIPT_LOCK = 0x7464_6B74  # the advisory-lock key of the receipt register ("tdkt")


def _next_receipt_number(year: int) -> str:
    """The year's next receipt number. Two dossiers received at the same moment take numbers one after the
    other: on PostgreSQL a transaction-scoped advisory lock per year serialises the max + 1 (released at
    commit); SQLite's IMMEDIATE transactions already let one writer in at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [RECEIPT_LOCK, year])
    prefix = f"{year}-"
    last = (
        Dossier.objects.filter(receipt_number__startswith=prefix)
        .order_by("-receipt_number")
        .values_list("receipt_number", flat=True)
        .first()
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


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
        )


def _tell_office(dossier: Dossier, title: str, template: str, **context):
    for user in _people(role=Role.OFFICE_STAFF):
        notify(
            recipient=user,
            title=title,
            template=template,
            context={"dossier": dossier, **context},
            url=reverse("dossiers:detail", args=[dossier.pk]),
        )


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


@transaction.atomic
def dossier_transition(dossier: Dossier, *, to: str, by, note: str = "") -> Dossier:
    """The only way a dossier changes state: checks the map and the permission, applies the effects,
    saves only if nobody moved the dossier meanwhile (a second click is refused), audits, notifies."""
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
    today = timezone.localdate()
    changes: dict = {"status": [frm, to]}
    fields: dict = {"status": to}
    if to == S.SUBMITTED:
        _check_submittable(dossier)
        fields["submitted_at"] = now
    elif to == S.RECEIVED and frm == S.SUBMITTED:
        fields["received_at"] = now
        fields["receipt_number"] = _next_receipt_number(today.year)
        fields["due_date"] = add_working_days(today, _processing_days(dossier))
    elif to == S.RECEIVED and frm == S.RETURNED:
        _check_submittable(dossier)
        paused = working_days_between(timezone.localtime(dossier.returned_at).date(), today) if dossier.returned_at else 0
        fields["paused_working_days"] = dossier.paused_working_days + paused
        if dossier.due_date:
            fields["due_date"] = add_working_days(dossier.due_date, paused)
        fields["submitted_at"] = now
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
    if to == S.DECIDED:
        _ledger_record(dossier)
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


def is_unit_itself(nominee: Nominee, dossier: Dossier) -> bool:
    """A collective nominee named exactly like the proposing unit is that unit."""
    return nominee.subject == Subject.COLLECTIVE and nominee.full_name == dossier.unit.name


def _ledger_record(dossier: Dossier) -> None:
    """Approved nominees enter the award ledger of their person or collective."""
    approved = list(dossier.nominees.filter(outcome=Outcome.APPROVED).select_related("award"))
    unlinked = [n for n in approved if n.subject == Subject.INDIVIDUAL and n.person_id is None]
    if unlinked:  # e.g. entered before people were tracked: link them now rather than lose the award
        _link_people(unlinked, dossier.unit)
        Nominee.objects.bulk_update(unlinked, ["person"])
    records = [
        AwardRecord(
            year=dossier.round.year,
            award=nominee.award,
            person_id=nominee.person_id,
            collective_unit=dossier.unit if is_unit_itself(nominee, dossier) else None,
            collective_name="" if nominee.subject == Subject.INDIVIDUAL else nominee.full_name,
            nominee=nominee,
            source=AwardRecord.Source.DECISION,
        )
        for nominee in approved
    ]
    try:
        with transaction.atomic():
            AwardRecord.objects.bulk_create(records)
    except IntegrityError as exc:
        raise ValidationError(
            _("Một người được ghi nhận hai lần cùng danh hiệu trong cùng năm: kiểm tra lại danh sách.")
        ) from exc


# --- The ledger ----------------------------------------------------------------------------------


@transaction.atomic
def person_merge(*, by, keep: Person, duplicate: Person) -> Person:
    """Move a duplicate person's awards and nominations onto the person kept."""
    _require(by, "dossiers.process_dossier")
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Hãy chọn hai người khác nhau để gộp."))
    moved = 0
    for record in duplicate.awards.all():
        if AwardRecord.objects.filter(person=keep, award=record.award, year=record.year).exists():
            record.delete()
        else:
            record.person = keep
            record.save(update_fields=["person"])
            moved += 1
    Nominee.objects.filter(person=duplicate).update(person=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into"])
    audit_record(
        actor=by, action="person_merge", obj=keep, changes={"merged": [str(duplicate), str(keep)], "awards_moved": [0, moved]}
    )
    return keep
