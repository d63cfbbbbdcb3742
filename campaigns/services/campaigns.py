"""Writes on campaigns: launching and editing, the office's registration, units joining, milestones."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from core.services import ConcurrentEditError, audit_record, diff_fields, save_with_version, snapshot
from core.services import require_perm as _require
from core.text import normalize_text
from units.models import Unit

from ..models import Campaign, CampaignRegistration, Milestone
from . import acting_authority_id

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
def campaign_save(
    *, by, campaign: Campaign | None = None, expected_version: int | None = None, authority=None, **data
) -> Campaign:
    """Create or change a campaign. A unit's clerk launches campaigns in their own unit's name only; a new
    campaign belongs to `authority` (the one the page acts in; else the one `by` acts in), and its owner
    is a unit of that authority."""
    creating = campaign is None
    if creating:
        _require(by, "campaigns.add_campaign")
    else:
        _require(by, "campaigns.change_campaign", campaign)
    owner = data.get("owner")
    if owner is not None and not by.has_role(Role.OFFICE_STAFF) and owner.pk not in by.unit_ids(Role.UNIT_CLERK):
        raise ValidationError({"owner": _("Chỉ phát động phong trào với danh nghĩa đơn vị của mình.")})
    campaign = campaign or Campaign(created_by=by, authority_id=acting_authority_id(by, authority))
    if owner is not None and owner.authority_id != campaign.authority_id:
        raise ValidationError({"owner": _("Đơn vị phát động phải thuộc cơ quan của phong trào.")})
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
    if unit.authority_id != campaign.authority_id:
        raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan phát động phong trào.")})
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
