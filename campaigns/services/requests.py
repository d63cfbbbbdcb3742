"""Writes on submission requests: opening one (to all units, kinds, named units, the members or the heads
of clusters and blocs), the report chain through the clusters and blocs, closing one."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from accounts.enums import Role
from accounts.selectors import answering_authorities, answering_for_units, role_assignments
from core.services import audit_record
from core.services import require_perm as _require
from core.text import normalize_text
from dossiers.workdays import add_working_days
from notifications.services import Message, notify_many
from units.models import Unit

from ..enums import DocumentKind, DueMode, Receiver, RecipientMode
from ..messages import EMAIL_CATEGORY_REQUESTS
from ..models import Campaign, RequestRecipient, SubmissionRequest
from . import acting_authority_id


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


def recipient_targets(
    *, mode: str, authority_id: int, kinds=(), units=(), groups=(), skip_heads: bool = False
) -> list[tuple[Unit, object]]:
    """(unit, its cluster or bloc) for each recipient: for CLUSTERS the group the member sends through
    (without the head units when `skip_heads`: they send the cluster's own report instead), for
    CLUSTER_HEADS the group its head sends for; None otherwise. Only units and groups of `authority_id`
    (the request's authority, #13) are ever addressed."""
    from clusters.models import GroupMember

    if any(g.authority_id != authority_id for g in groups):
        raise ValidationError({"groups": _("Chỉ chọn các cụm, khối của cơ quan mình.")})
    if mode == RecipientMode.CLUSTERS:
        if not groups:
            raise ValidationError({"groups": _("Chọn ít nhất một cụm, khối.")})
        members = (
            GroupMember.objects.filter(group__in=list(groups), unit__is_active=True, unit__authority_id=authority_id)
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
        return [(unit, group) for unit, group in heads if unit.is_active and unit.authority_id == authority_id]
    return [(unit, None) for unit in recipient_units(mode=mode, authority_id=authority_id, kinds=kinds, units=units)]


def office_unit_ids(authority_id: int):
    """The units the authority's standing office works in (Phòng Nội vụ, Sở Nội vụ): the units of its office
    staff's roles. The office asks; it is never among those asked."""
    return role_assignments(Role.OFFICE_STAFF, authority_id=authority_id).filter(unit__isnull=False).values("unit_id")


def recipient_units(*, mode: str, authority_id: int, kinds=(), units=()) -> list[Unit]:
    active = Unit.objects.active().filter(authority_id=authority_id).order_by("sort_order", "name")
    if mode == RecipientMode.ALL:
        return list(active.exclude(pk__in=office_unit_ids(authority_id)))
    if mode == RecipientMode.KINDS:
        if not kinds:
            raise ValidationError({"recipient_kinds": _("Chọn ít nhất một loại đơn vị.")})
        return list(active.filter(kind__in=list(kinds)).exclude(pk__in=office_unit_ids(authority_id)))
    if not units:
        raise ValidationError({"units": _("Chọn ít nhất một đơn vị.")})
    if any(u.authority_id != authority_id for u in units):
        raise ValidationError({"units": _("Chỉ gửi đến các đơn vị của cơ quan mình.")})
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
    authority=None,
) -> SubmissionRequest:
    """Open a request: one row per recipient unit, and a message to each unit's clerks. `follows` links
    the next step of a report chain to the step before it. The request belongs to `authority` (the one
    the page acts in; else the one `by` acts in) and reaches only its units (#13)."""
    _require(by, "campaigns.manage_requests")
    authority_id = acting_authority_id(by, authority)
    if campaign is not None and campaign.authority_id != authority_id:
        raise ValidationError({"campaign": _("Phong trào không thuộc cơ quan này.")})
    if follows is not None and follows.authority_id != authority_id:
        raise ValidationError(_("Bước trước của chuỗi báo cáo thuộc cơ quan khác."))
    issued_on = issued_on or timezone.localdate()
    due = compute_due_date(mode=due_mode, issued_on=issued_on, days=due_days, date=due_date)
    if due < issued_on:
        raise ValidationError({"due_date": _("Hạn nộp không được trước ngày ban hành.")})
    if receiver == Receiver.CLUSTER_HEAD and recipient_mode != RecipientMode.CLUSTERS:
        raise ValidationError({"receiver": _("Trưởng cụm, khối chỉ nhận văn bản của thành viên các cụm, khối được chọn.")})
    pairs = recipient_targets(
        mode=recipient_mode, authority_id=authority_id, kinds=recipient_kinds, units=units, groups=groups, skip_heads=skip_heads
    )
    targets = [unit for unit, _group in pairs]
    if not targets:
        raise ValidationError(_("Không có đơn vị nào đang hoạt động thuộc diện phải nộp."))
    request = SubmissionRequest.objects.create(
        authority_id=authority_id,
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
        by_unit = answering_for_units([u.pk for u in targets])  # clerks; a commune's office for its unit (#13)
        answered_in = answering_authorities([u.pk for u in targets])  # where each link opens
        notify_many(
            [
                Message(
                    recipient=clerk,
                    title=_("Yêu cầu nộp: %(title)s – hạn %(due)s") % {"title": request.title, "due": f"{due:%d/%m/%Y}"},
                    template="request_new",
                    context={"request": request, "unit": unit},
                    url=url,
                    authority_id=answered_in.get(unit.pk),
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


def no_groups_in_year(year: int) -> str:
    """What the chain form and service say for a year that has no cluster or bloc (never another year's request)."""
    return _("Năm %(year)s chưa có cụm, khối thi đua nào: phân cụm, khối năm %(year)s trước khi yêu cầu báo cáo.") % {
        "year": year
    }


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
    authority=None,
) -> tuple[SubmissionRequest, SubmissionRequest]:
    """The mid-year or year-end report through the clusters and blocs, as two linked requests: the
    members of the chosen groups send their reports to their head by `member_due` (each head accepts
    or returns, and is told of each upload); then the head units send the group's consolidated report
    to the standing office by `head_due`."""
    from clusters.models import EmulationGroup

    _require(by, "campaigns.manage_requests")
    authority_id = acting_authority_id(by, authority)
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
    if not groups and not EmulationGroup.objects.filter(authority_id=authority_id, year=year).exists():
        errors["groups"] = [no_groups_in_year(year)]
    elif not groups:
        errors["groups"] = [_("Chọn ít nhất một cụm, khối.")]
    elif any(g.authority_id != authority_id for g in groups):
        errors["groups"] = [_("Chỉ chọn các cụm, khối của cơ quan mình.")]
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
        SubmissionRequest.objects.filter(
            authority_id=authority_id,
            document_kind=kind,
            closed_at__isnull=True,
            next_steps__isnull=False,
            groups__in=groups,
            groups__year=year,
        )
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
        authority=authority_id,
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
