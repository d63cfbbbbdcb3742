"""Every write on campaigns, the annual plan, submission requests and exemplary models: keyword-only,
atomic, permission-checked, audited. Reminders live in `reminders.py`."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.enums import Role
from accounts.selectors import holders_by_unit
from core.services import ConcurrentEditError, audit_record, diff_fields, save_with_version, snapshot
from core.services import require_perm as _require
from core.text import normalize_text
from core.uploads import check_upload, store_upload
from dossiers.workdays import add_working_days
from notifications.models import MessageTemplate
from notifications.services import Message, notify_many
from units.models import Unit

from .enums import (
    STILL_OWED,
    DocumentKind,
    DueMode,
    ExemplaryStatus,
    PeriodKind,
    Receiver,
    RecipientMode,
    SubmissionStatus,
)
from .messages import MESSAGE_TEMPLATES
from .models import (
    AnnualPlan,
    CalendarFeed,
    Campaign,
    CampaignRegistration,
    ExemplaryModel,
    Milestone,
    PlanTask,
    RequestRecipient,
    Submission,
    SubmissionRequest,
)
from .models.calendar import new_token

EMAIL_CATEGORY_REMINDERS = "nhac_viec"
EMAIL_CATEGORY_DIGEST = "tong_hop_qua_han"
EMAIL_CATEGORY_REQUESTS = "yeu_cau_nop"


def clerks_of(unit_ids) -> dict[int, list]:
    """{unit id: [active clerk accounts]} in one query."""
    return holders_by_unit(Role.UNIT_CLERK, unit_ids=unit_ids)


# --- Campaigns -----------------------------------------------------------------------------------

CAMPAIGN_FIELDS = [
    "name",
    "kind",
    "owner",
    "scope",
    "scope_note",
    "start_date",
    "end_date",
    "launch_document",
    "objectives",
    "criteria",
]


@transaction.atomic
def campaign_save(*, by, campaign: Campaign | None = None, expected_version: int | None = None, **data) -> Campaign:
    """Create or change a campaign. A unit's clerk launches campaigns in their own unit's name only."""
    creating = campaign is None
    if creating:
        _require(by, "campaigns.add_campaign")
    else:
        _require(by, "campaigns.change_campaign", campaign)
    owner = data.get("owner")
    if owner is not None and not by.has_role(Role.OFFICE_STAFF) and owner.pk not in by.unit_ids(Role.UNIT_CLERK):
        raise ValidationError({"owner": _("Chỉ phát động phong trào với danh nghĩa đơn vị của mình.")})
    campaign = campaign or Campaign(created_by=by)
    # The old values from the database: a ModelForm has already written the new ones into the instance.
    old = {} if creating else snapshot(Campaign.objects.get(pk=campaign.pk), CAMPAIGN_FIELDS)
    for name, value in data.items():
        setattr(campaign, name, value)
    campaign.name = normalize_text(campaign.name)
    campaign.full_clean(exclude=["created_by"])
    if campaign.end_date and campaign.end_date < campaign.start_date:
        raise ValidationError({"end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if creating:
        campaign.save()
    else:
        if expected_version is None:  # an edit must say which version it started from
            raise ConcurrentEditError()
        campaign.updated_at = timezone.now()
        save_with_version(campaign, expected_version=expected_version, fields=[*CAMPAIGN_FIELDS, "updated_at"])
    audit_record(
        actor=by,
        action="campaign_create" if creating else "campaign_update",
        obj=campaign,
        changes=diff_fields(campaign, old, CAMPAIGN_FIELDS),
    )
    return campaign


@transaction.atomic
def campaign_register(*, by, campaign: Campaign, number: str, date: datetime.date, expected_version: int | None) -> Campaign:
    """The standing office records the campaign's registration (number, date): only a registered
    campaign may back a thematic award round. A page opened before someone else's change is refused."""
    _require(by, "campaigns.register_campaign", campaign)
    number = normalize_text(number)
    errors = {}
    if not number:
        errors["number"] = [_("Ghi số đăng ký.")]
    if date is None:
        errors["date"] = [_("Ghi ngày đăng ký (dd/mm/yyyy).")]
    elif date < campaign.start_date - datetime.timedelta(days=366):
        errors["date"] = [_("Ngày đăng ký không hợp lý so với thời gian phong trào.")]
    if errors:
        raise ValidationError(errors)
    if expected_version is None:
        raise ConcurrentEditError()
    old = snapshot(Campaign.objects.get(pk=campaign.pk), ["registration_number", "registration_date"])
    campaign.registration_number, campaign.registration_date, campaign.registered_by = number, date, by
    campaign.updated_at = timezone.now()
    save_with_version(
        campaign,
        expected_version=expected_version,
        fields=["registration_number", "registration_date", "registered_by", "updated_at"],
    )
    audit_record(
        actor=by,
        action="campaign_register",
        obj=campaign,
        changes=diff_fields(campaign, old, ["registration_number", "registration_date"]),
    )
    return campaign


MILESTONE_FIELDS = ["kind", "title", "due_date", "done_on", "report_note"]


@transaction.atomic
def milestone_save(
    *, by, campaign: Campaign, milestone: Milestone | None = None, expected_version: int | None = None, **data
) -> Milestone:
    """Add or change a sơ kết / tổng kết milestone; an edit names the version it started from."""
    _require(by, "campaigns.change_campaign", campaign)
    creating = milestone is None
    milestone = milestone or Milestone(campaign=campaign)
    old = None if creating else Milestone.objects.get(pk=milestone.pk)
    for name, value in data.items():
        setattr(milestone, name, value)
    milestone.title = normalize_text(milestone.title)
    milestone.full_clean()
    if creating:
        milestone.save()
    else:
        if expected_version is None:
            raise ConcurrentEditError()
        save_with_version(milestone, expected_version=expected_version, fields=MILESTONE_FIELDS)
    audit_record(
        actor=by,
        action="milestone_save",
        obj=campaign,
        changes={
            "milestone": [
                None if old is None else f"{old.title} – {old.due_date:%d/%m/%Y}",
                f"{milestone.title} – {milestone.due_date:%d/%m/%Y}",
            ]
        },
    )
    return milestone


@transaction.atomic
def campaign_join(
    *, by, campaign: Campaign, unit: Unit, targets: str, expected_version: int | None = None
) -> CampaignRegistration:
    """A unit registers its participation (đăng ký thi đua) with its targets; again to change them.
    `expected_version` is the version of the unit's registration the page showed (None: it showed
    none), so a colleague's registration made meanwhile is not silently replaced."""
    _require(by, "campaigns.join_campaign", unit)
    targets = (targets or "").strip()
    if not targets:
        raise ValidationError({"targets": _("Ghi các chỉ tiêu, nội dung đơn vị đăng ký thi đua.")})
    if campaign.end_date and campaign.end_date < timezone.localdate():
        raise ValidationError(_("Phong trào đã kết thúc ngày %(d)s.") % {"d": f"{campaign.end_date:%d/%m/%Y}"})
    registration, created = CampaignRegistration.objects.get_or_create(
        campaign=campaign, unit=unit, defaults={"targets": targets, "registered_by": by}
    )
    old = registration.targets
    if not created:
        if expected_version is None:
            raise ConcurrentEditError(
                _(
                    "%(unit)s vừa được đăng ký tham gia phong trào sau khi bạn mở trang. "
                    "Vui lòng tải lại trang để xem chỉ tiêu đã đăng ký rồi sửa lại."
                )
                % {"unit": unit.name}
            )
        registration.targets, registration.updated_at = targets, timezone.now()
        save_with_version(registration, expected_version=expected_version, fields=["targets", "updated_at"])
    audit_record(actor=by, action="campaign_join", obj=campaign, changes={unit.name: [None if created else old, targets]})
    return registration


# --- The annual plan -----------------------------------------------------------------------------


def quarter_end(year: int, quarter: int) -> datetime.date:
    month = quarter * 3
    return (datetime.date(year + (month == 12), month % 12 + 1, 1)) - datetime.timedelta(days=1)


PLAN_FIELDS = ["year", "title", "document_number", "issued_on", "source_note"]
PLAN_TASK_FIELDS = ["quarter", "number", "content", "responsible", "due_date"]


@transaction.atomic
def plan_save(*, by, plan: AnnualPlan | None = None, expected_version: int | None = None, **data) -> AnnualPlan:
    """Create or change the year's plan; an edit names the version it started from."""
    _require(by, "campaigns.manage_plan")
    creating = plan is None
    plan = plan or AnnualPlan(created_by=by)
    old = {} if creating else snapshot(type(plan).objects.get(pk=plan.pk), PLAN_FIELDS)
    for name, value in data.items():
        setattr(plan, name, value)
    plan.title = normalize_text(plan.title)
    plan.full_clean(exclude=["created_by"])
    if creating:
        plan.save()
    else:
        if expected_version is None:
            raise ConcurrentEditError()
        save_with_version(plan, expected_version=expected_version, fields=PLAN_FIELDS)
    audit_record(actor=by, action="plan_save", obj=plan, changes=diff_fields(plan, old, PLAN_FIELDS))
    return plan


@transaction.atomic
def plan_task_save(
    *, by, plan: AnnualPlan, task: PlanTask | None = None, expected_version: int | None = None, **data
) -> PlanTask:
    """Add or change a task of the plan; an edit names the version it started from (the same version
    a tick as done moves on, so an edit cannot undo a tick made meanwhile, nor the other way round)."""
    _require(by, "campaigns.manage_plan")
    creating = task is None
    fields = PLAN_TASK_FIELDS
    task = task or PlanTask(plan=plan)
    old = {} if creating else snapshot(type(task).objects.get(pk=task.pk), fields)
    for name, value in data.items():
        setattr(task, name, value)
    if task.number is None:
        task.number = (plan.tasks.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    if task.due_date is None and task.quarter:
        task.due_date = quarter_end(plan.year, task.quarter)
    task.full_clean()
    if creating:
        task.save()
    else:
        if expected_version is None:
            raise ConcurrentEditError()
        save_with_version(task, expected_version=expected_version, fields=fields)
    audit_record(actor=by, action="plan_task_save", obj=plan, changes={f"#{task.number}": diff_fields(task, old, fields)})
    return task


@transaction.atomic
def plan_task_mark(*, by, task: PlanTask, done: bool, note: str = "", expected_version: int) -> PlanTask:
    """Tick a task done (with what was done) or reopen it; a stale page cannot undo someone's tick."""
    _require(by, "campaigns.manage_plan")
    old = snapshot(task, ["done_on", "done_note"])
    task.done_on = timezone.localdate() if done else None
    task.done_note = normalize_text(note) if done else ""
    task.done_by = by if done else None
    save_with_version(task, expected_version=expected_version, fields=["done_on", "done_note", "done_by"])
    audit_record(
        actor=by,
        action="plan_task_done" if done else "plan_task_reopen",
        obj=task.plan,
        changes={f"#{task.number}": diff_fields(task, old, ["done_on", "done_note"])},
    )
    return task


# --- Submission requests -------------------------------------------------------------------------


def compute_due_date(*, mode: str, issued_on: datetime.date, days: int | None, date: datetime.date | None) -> datetime.date:
    """The due date of a request: a date, or N calendar days, or N working days (weekends and the
    holiday table skipped) after the day it is issued."""
    if mode == DueMode.DATE:
        if date is None:
            raise ValidationError({"due_date": _("Chọn hạn nộp.")})
        return date
    if not days:
        raise ValidationError({"due_days": _("Ghi số ngày (lớn hơn 0).")})
    if mode == DueMode.CALENDAR_DAYS:
        return issued_on + datetime.timedelta(days=days)
    return add_working_days(issued_on, days)


def recipient_targets(*, mode: str, kinds=(), units=(), groups=(), skip_heads: bool = False) -> list[tuple[Unit, object]]:
    """(unit, its cluster or bloc) for each recipient: for CLUSTERS the group the member sends through
    (without the head units when `skip_heads`: they send the cluster's own report instead), for
    CLUSTER_HEADS the group its head sends for; None otherwise."""
    from clusters.models import GroupMember

    if mode == RecipientMode.CLUSTERS:
        if not groups:
            raise ValidationError({"groups": _("Chọn ít nhất một cụm, khối.")})
        members = (
            GroupMember.objects.filter(group__in=list(groups), unit__is_active=True)
            .select_related("unit", "group")
            .order_by("group__sort_order", "unit__sort_order", "unit__name")
        )
        return [(m.unit, m.group) for m in members if not (skip_heads and m.unit_id == m.group.head_id)]
    if mode == RecipientMode.CLUSTER_HEADS:
        if not groups:
            raise ValidationError({"groups": _("Chọn các cụm, khối có trưởng cụm, khối phải nộp.")})
        heads = [(g.head, g) for g in groups if g.head_id]
        if not heads:
            raise ValidationError({"groups": _("Các cụm, khối được chọn chưa có đơn vị trưởng.")})
        return [(unit, group) for unit, group in heads if unit.is_active]
    return [(unit, None) for unit in recipient_units(mode=mode, kinds=kinds, units=units)]


def recipient_units(*, mode: str, kinds=(), units=()) -> list[Unit]:
    active = Unit.objects.active().order_by("sort_order", "name")
    if mode == RecipientMode.ALL:
        return list(active)
    if mode == RecipientMode.KINDS:
        if not kinds:
            raise ValidationError({"recipient_kinds": _("Chọn ít nhất một loại đơn vị.")})
        return list(active.filter(kind__in=list(kinds)))
    if not units:
        raise ValidationError({"units": _("Chọn ít nhất một đơn vị.")})
    return list(active.filter(pk__in=[u.pk for u in units]))


@transaction.atomic
def request_create(
    *,
    by,
    title: str,
    document_kind: str,
    recipient_mode: str,
    due_mode: str,
    issued_on: datetime.date | None = None,
    due_date: datetime.date | None = None,
    due_days: int | None = None,
    recipient_kinds=(),
    units=(),
    groups=(),
    receiver: str = Receiver.OFFICE,
    description: str = "",
    outline: str = "",
    document_number: str = "",
    campaign: Campaign | None = None,
    follows: SubmissionRequest | None = None,
    skip_heads: bool = False,
    announce: bool = True,
) -> SubmissionRequest:
    """Open a request: one row per recipient unit, and a message to each unit's clerks. `follows` links
    the next step of a report chain to the step before it."""
    _require(by, "campaigns.manage_requests")
    issued_on = issued_on or timezone.localdate()
    due = compute_due_date(mode=due_mode, issued_on=issued_on, days=due_days, date=due_date)
    if due < issued_on:
        raise ValidationError({"due_date": _("Hạn nộp không được trước ngày ban hành.")})
    if receiver == Receiver.CLUSTER_HEAD and recipient_mode != RecipientMode.CLUSTERS:
        raise ValidationError({"receiver": _("Trưởng cụm, khối chỉ nhận văn bản của thành viên các cụm, khối được chọn.")})
    pairs = recipient_targets(mode=recipient_mode, kinds=recipient_kinds, units=units, groups=groups, skip_heads=skip_heads)
    targets = [unit for unit, _group in pairs]
    if not targets:
        raise ValidationError(_("Không có đơn vị nào đang hoạt động thuộc diện phải nộp."))
    request = SubmissionRequest.objects.create(
        title=normalize_text(title),
        document_kind=document_kind,
        description=description.strip(),
        campaign=campaign,
        recipient_mode=recipient_mode,
        receiver=receiver,
        recipient_kinds=sorted(recipient_kinds) if recipient_mode == RecipientMode.KINDS else [],
        due_mode=due_mode,
        due_days=due_days if due_mode != DueMode.DATE else None,
        issued_on=issued_on,
        due_date=due,
        outline=outline.strip(),
        document_number=normalize_text(document_number),
        follows=follows,
        created_by=by,
    )
    if recipient_mode in (RecipientMode.CLUSTERS, RecipientMode.CLUSTER_HEADS):
        request.groups.set(list(groups))
    RequestRecipient.objects.bulk_create(RequestRecipient(request=request, unit=unit, group=group) for unit, group in pairs)
    changes = {"title": [None, request.title], "due_date": [None, due.isoformat()], "recipients": [None, len(targets)]}
    if follows is not None:
        changes["follows"] = [None, follows.title]
    audit_record(actor=by, action="request_create", obj=request, changes=changes)
    if announce:
        url = reverse("campaigns:request_detail", args=[request.pk])
        by_unit = clerks_of(u.pk for u in targets)
        notify_many(
            [
                Message(
                    recipient=clerk,
                    title=_("Yêu cầu nộp: %(title)s – hạn %(due)s") % {"title": request.title, "due": f"{due:%d/%m/%Y}"},
                    template="request_new",
                    context={"request": request, "unit": unit},
                    url=url,
                    category=EMAIL_CATEGORY_REQUESTS,
                )
                for unit in targets
                for clerk in by_unit.get(unit.pk, [])
            ]
        )
    return request


CHAIN_KINDS = {
    DocumentKind.INTERIM_REPORT: _lazy("Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm %(year)s"),
    DocumentKind.FINAL_REPORT: _lazy("Báo cáo tổng kết công tác thi đua, khen thưởng năm %(year)s"),
}


def chain_titles(base: str) -> tuple[str, str]:
    """The titles of the two steps of a report chain, from the report's title."""
    return (
        _("%(title)s (đơn vị gửi trưởng cụm, khối)") % {"title": base},
        _("%(title)s (trưởng cụm, khối gửi báo cáo tổng hợp)") % {"title": base},
    )


@transaction.atomic
def report_chain_create(
    *,
    by,
    year: int,
    kind: str,
    groups,
    member_due: datetime.date | None,
    head_due: datetime.date | None,
    title: str = "",
    issued_on: datetime.date | None = None,
    description: str = "",
    outline: str = "",
    document_number: str = "",
    announce: bool = True,
) -> tuple[SubmissionRequest, SubmissionRequest]:
    """The mid-year or year-end report through the clusters and blocs, as two linked requests: the
    members of the chosen groups send their reports to their head by `member_due` (each head accepts
    or returns, and is told of each upload); then the head units send the group's consolidated report
    to the standing office by `head_due`."""
    from clusters.models import EmulationGroup

    _require(by, "campaigns.manage_requests")
    issued_on = issued_on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if kind not in CHAIN_KINDS:
        errors["kind"] = [_("Chọn báo cáo sơ kết 6 tháng hoặc báo cáo tổng kết năm.")]
    # Lock the chosen groups: two clicks at once make one chain, not two.
    groups = list(
        EmulationGroup.objects.select_for_update(of=("self",))
        .filter(pk__in=[g.pk for g in groups])
        .select_related("head")
        .order_by("kind", "sort_order", "name")
    )
    if not groups:
        errors["groups"] = [_("Chọn ít nhất một cụm, khối.")]
    elif any(g.year != year for g in groups):
        errors["groups"] = [_("Chỉ chọn các cụm, khối của năm %(year)s.") % {"year": year}]
    elif headless := [g.name for g in groups if g.head_id is None]:
        errors["groups"] = [
            _("Chưa có đơn vị trưởng: %(names)s. Giao trưởng cụm, khối trước khi yêu cầu báo cáo.")
            % {"names": ", ".join(headless)}
        ]
    if member_due is None:
        errors["member_due"] = [_("Chọn hạn các đơn vị gửi trưởng cụm, khối.")]
    elif member_due < issued_on:
        errors["member_due"] = [_("Hạn nộp không được trước ngày ban hành.")]
    if head_due is None:
        errors["head_due"] = [_("Chọn hạn trưởng cụm, khối gửi cơ quan thường trực.")]
    elif member_due is not None and head_due <= member_due:
        errors["head_due"] = [_("Hạn gửi cơ quan thường trực phải sau hạn các đơn vị gửi trưởng cụm, khối.")]
    base = normalize_text(title) or (str(CHAIN_KINDS[kind]) % {"year": year} if kind in CHAIN_KINDS else "")
    if len(base) > 200:
        errors["title"] = [_("Tên báo cáo dài tối đa 200 ký tự.")]
    if errors:
        raise ValidationError(errors)
    member_title, head_title = chain_titles(base)
    # One open chain of a kind per group (the groups are locked above, so two clicks cannot both pass).
    running = (
        SubmissionRequest.objects.filter(document_kind=kind, closed_at__isnull=True, next_steps__isnull=False, groups__in=groups)
        .values_list("title", flat=True)
        .distinct()
    )
    if running:
        raise ValidationError(
            _("Đã có yêu cầu “%(title)s” đang theo dõi cho cụm, khối đã chọn; mở yêu cầu đó thay vì tạo lại.")
            % {"title": running[0]}
        )
    common = dict(
        by=by,
        document_kind=kind,
        groups=groups,
        due_mode=DueMode.DATE,
        issued_on=issued_on,
        description=description,
        outline=outline,
        document_number=document_number,
        announce=announce,
    )
    members = request_create(
        title=member_title,
        recipient_mode=RecipientMode.CLUSTERS,
        receiver=Receiver.CLUSTER_HEAD,
        due_date=member_due,
        skip_heads=True,
        **common,
    )
    heads = request_create(
        title=head_title,
        recipient_mode=RecipientMode.CLUSTER_HEADS,
        receiver=Receiver.OFFICE,
        due_date=head_due,
        follows=members,
        **common,
    )
    return members, heads


@transaction.atomic
def request_close(*, by, request: SubmissionRequest) -> SubmissionRequest:
    """Stop tracking: no more reminders; the board stays readable."""
    _require(by, "campaigns.manage_requests")
    if request.closed_at is None:
        request.closed_at = timezone.now()
        request.save(update_fields=["closed_at"])
        audit_record(actor=by, action="request_close", obj=request)
    return request


@transaction.atomic
def submission_upload(*, by, recipient: RequestRecipient, upload, note: str = "") -> Submission:
    """A unit sends its document: checked by content, stored, the recipient marked as submitted.
    Late is allowed (the board shows it late); after acceptance the document is final."""
    _require(by, "campaigns.submit_document", recipient)
    recipient = RequestRecipient.objects.select_for_update().select_related("request").get(pk=recipient.pk)
    if recipient.request.closed_at is not None:
        raise ValidationError(_("Yêu cầu này đã kết thúc theo dõi, không nhận thêm văn bản."))
    if recipient.status == SubmissionStatus.ACCEPTED:
        raise ValidationError(_("Văn bản của đơn vị đã được chấp nhận; không cần nộp lại."))
    now = timezone.now()
    submission = store_upload(Submission(recipient=recipient, note=note.strip(), uploaded_at=now), upload, by=by)
    old_status = recipient.status
    recipient.status, recipient.submitted_at, recipient.submitted_by = SubmissionStatus.SUBMITTED, now, by
    recipient.version += 1
    recipient.save(update_fields=["status", "submitted_at", "submitted_by", "version"])
    audit_record(
        actor=by,
        action="submission_upload",
        obj=recipient.request,
        changes={recipient.unit.name: [old_status, recipient.status], "file": [None, submission.original_name]},
    )
    request = recipient.request
    if request.receiver == Receiver.CLUSTER_HEAD and recipient.group_id and recipient.group.head_id:
        title = _("%(unit)s đã nộp: %(title)s") % {"unit": recipient.unit.name, "title": request.title}
        url = reverse("campaigns:request_detail", args=[request.pk])
        notify_many(
            [
                Message(
                    recipient=clerk,
                    title=title,
                    template="cluster_notice",
                    context={"text": title},
                    url=url,
                    category=EMAIL_CATEGORY_REQUESTS,
                )
                for clerk in clerks_of([recipient.group.head_id]).get(recipient.group.head_id, [])
            ]
        )
    return submission


def _review(*, by, recipient: RequestRecipient, expected_version: int) -> RequestRecipient:
    # Lock only this row: the optional group is an outer join, which PostgreSQL will not lock.
    locked = (
        RequestRecipient.objects.select_for_update(of=("self",)).select_related("request", "unit", "group").get(pk=recipient.pk)
    )
    _require(by, "campaigns.review_submission", locked)
    if locked.version != expected_version:
        raise ValidationError(_("Đơn vị vừa nộp lại hoặc người khác vừa xem xét; vui lòng tải lại trang."))
    if locked.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Chỉ xem xét văn bản đơn vị đã nộp và đang chờ xem xét."))
    return locked


@transaction.atomic
def submission_accept(*, by, recipient: RequestRecipient, expected_version: int) -> RequestRecipient:
    recipient = _review(by=by, recipient=recipient, expected_version=expected_version)
    recipient.status, recipient.reviewed_at, recipient.reviewed_by, recipient.return_reason = (
        SubmissionStatus.ACCEPTED,
        timezone.now(),
        by,
        "",
    )
    recipient.version += 1
    recipient.save(update_fields=["status", "reviewed_at", "reviewed_by", "return_reason", "version"])
    audit_record(
        actor=by, action="submission_accept", obj=recipient.request, changes={recipient.unit.name: ["da_nop", "da_chap_nhan"]}
    )
    _tell_unit(recipient, template="submission_accepted", title=_("Đã chấp nhận: %(title)s") % {"title": recipient.request.title})
    return recipient


@transaction.atomic
def submission_return(*, by, recipient: RequestRecipient, reason: str, expected_version: int) -> RequestRecipient:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Ghi lý do trả lại để đơn vị biết cần sửa gì.")})
    recipient = _review(by=by, recipient=recipient, expected_version=expected_version)
    recipient.status, recipient.reviewed_at, recipient.reviewed_by, recipient.return_reason = (
        SubmissionStatus.RETURNED,
        timezone.now(),
        by,
        reason,
    )
    recipient.version += 1
    recipient.save(update_fields=["status", "reviewed_at", "reviewed_by", "return_reason", "version"])
    audit_record(
        actor=by,
        action="submission_return",
        obj=recipient.request,
        changes={recipient.unit.name: ["da_nop", "tra_lai"]},
        note=reason,
    )
    _tell_unit(
        recipient, template="submission_returned", title=_("Trả lại để sửa: %(title)s") % {"title": recipient.request.title}
    )
    return recipient


def _tell_unit(recipient: RequestRecipient, *, template: str, title: str) -> None:
    url = reverse("campaigns:request_detail", args=[recipient.request_id])
    notify_many(
        [
            Message(
                recipient=clerk,
                title=title,
                template=template,
                context={"request": recipient.request, "unit": recipient.unit, "reason": recipient.return_reason},
                url=url,
                category=EMAIL_CATEGORY_REQUESTS,
            )
            for clerk in clerks_of([recipient.unit_id]).get(recipient.unit_id, [])
        ]
    )


def still_owed(request: SubmissionRequest):
    return request.recipients.filter(status__in=list(STILL_OWED))


# --- Exemplary models ----------------------------------------------------------------------------


@transaction.atomic
def exemplary_submit(
    *,
    by,
    unit: Unit,
    kind: str,
    period_kind: str,
    year: int,
    period: int,
    title: str,
    subject_name: str,
    summary: str,
    upload=None,
) -> ExemplaryModel:
    """A unit introduces an exemplary person, collective or new model for a month or a quarter."""
    _require(by, "campaigns.submit_exemplary", unit)
    limit = 12 if period_kind == PeriodKind.MONTH else 4
    if not 1 <= (period or 0) <= limit:
        raise ValidationError({"period": _("Tháng từ 1 đến 12, quý từ 1 đến 4.")})
    item = ExemplaryModel(
        unit=unit,
        kind=kind,
        period_kind=period_kind,
        year=year,
        period=period,
        title=title,
        subject_name=subject_name,
        summary=summary.strip(),
        submitted_by=by,
    )
    if upload is not None:
        checked = check_upload(upload)
        item.original_name, item.content_type = checked.name, checked.content_type
        item.file.save(checked.name, upload, save=False)
    item.full_clean(exclude=["file", "submitted_by"])
    item.save()
    audit_record(actor=by, action="exemplary_submit", obj=item, changes={"title": [None, item.title]})
    return item


@transaction.atomic
def exemplary_review(*, by, item: ExemplaryModel, publish: bool, note: str = "", expected_version: int | None) -> ExemplaryModel:
    """The standing office publishes a chosen model for publicity, or notes it as not chosen; a
    colleague's decision made after the page was opened is not silently replaced."""
    _require(by, "campaigns.review_exemplary", item)
    if expected_version is None:
        raise ConcurrentEditError()
    old = ExemplaryModel.objects.values_list("status", flat=True).get(pk=item.pk)
    item.status = ExemplaryStatus.PUBLISHED if publish else ExemplaryStatus.NOT_CHOSEN
    item.reviewed_by, item.reviewed_at, item.publish_note = by, timezone.now(), normalize_text(note)
    save_with_version(item, expected_version=expected_version, fields=["status", "reviewed_by", "reviewed_at", "publish_note"])
    audit_record(actor=by, action="exemplary_review", obj=item, changes={"status": [old, item.status]}, note=item.publish_note)
    return item


# --- The wording of messages ---------------------------------------------------------------------


def file_template_text(name: str) -> str:
    """The wording shipped in a template file (what a message says when staff have not rewritten it)."""
    return get_template(name).template.source


def message_template_stamp(template: MessageTemplate | None) -> str:
    """What an edit page showed of a message's stored wording: '' for none (the files' wording), else a
    digest of it. A save or restore starting from another stamp would undo someone else's change."""
    if template is None:
        return ""
    raw = "\0".join([str(template.pk), template.title, template.email_body, template.inapp_body])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _template_changed_meanwhile() -> ConcurrentEditError:
    return ConcurrentEditError(
        _(
            "Mẫu này vừa được người khác sửa hoặc khôi phục sau khi bạn mở trang. "
            "Vui lòng tải lại trang để xem nội dung mới rồi sửa lại."
        )
    )


@transaction.atomic
def message_template_save(*, by, key: str, title: str, email_body: str, inapp_body: str, expected_stamp: str) -> MessageTemplate:
    """Staff rewrite a message's wording. Text identical to the file's is not stored: the file stays
    the source."""
    _require(by, "campaigns.configure_reminders")
    if key not in MESSAGE_TEMPLATES:
        raise ValidationError(_("Không có mẫu thông báo này."))
    if email_body.strip() == file_template_text(f"notifications/email/{key}.txt").strip():
        email_body = ""
    if inapp_body.strip() == file_template_text(f"notifications/inapp/{key}.txt").strip():
        inapp_body = ""
    current = MessageTemplate.objects.select_for_update().filter(key=key).first()
    if message_template_stamp(current) != (expected_stamp or ""):
        raise _template_changed_meanwhile()
    values = {"title": title, "email_body": email_body, "inapp_body": inapp_body, "updated_by": by}
    if current is None:
        try:
            with transaction.atomic():  # two first saves at once: the second is refused, not merged
                template = MessageTemplate.objects.create(key=key, **values)
        except IntegrityError as exc:
            raise _template_changed_meanwhile() from exc
    else:
        template = current
        for name, value in values.items():
            setattr(template, name, value)
        template.save()
    audit_record(actor=by, action="message_template_update", obj=template)
    return template


@transaction.atomic
def message_template_restore(*, by, key: str, expected_stamp: str) -> None:
    """Go back to the files' wording (the stored rewrite is removed)."""
    _require(by, "campaigns.configure_reminders")
    current = MessageTemplate.objects.select_for_update().filter(key=key).first()
    if message_template_stamp(current) != (expected_stamp or ""):
        raise _template_changed_meanwhile()
    if current is not None:
        audit_record(actor=by, action="message_template_update", obj=current, note=_("Khôi phục mẫu gốc"))
        current.delete()


# --- Private calendar feed -----------------------------------------------------------------------


@transaction.atomic
def calendar_feed_for(*, user, renew: bool = False) -> CalendarFeed:
    """The user's private iCalendar token; `renew` replaces it (the old address stops working)."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if renew and not created:
        feed.token = new_token()
        feed.save(update_fields=["token", "created_at"])
        audit_record(actor=user, action="calendar_feed_renew", obj=user)
    return feed
