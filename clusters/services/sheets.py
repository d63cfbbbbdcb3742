"""Scoring sheets: the office's template, a group's copy, its criteria; opening and closing the scoring."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from core.services import ConcurrentEditError, audit_record, save_with_version
from core.services import require_perm as _require
from core.text import normalize_text

from .. import scoring
from ..enums import CardStatus, CriterionKind, SheetStatus
from ..models import (
    Criterion,
    EmulationGroup,
    ScoreCard,
    ScoreLine,
    ScoringSheet,
)
from ._common import check_points, people_of, tell


@transaction.atomic
def sheet_create(*, by, year: int, title: str, group: EmulationGroup | None = None, authority=None) -> ScoringSheet:
    """An empty sheet: the office's template (no group: of `authority`, else the one `by` acts in) or a
    group's own (of the group's authority)."""
    _require(by, "clusters.manage_groups")
    if group is not None:
        authority_id = group.authority_id
    elif authority is not None:
        authority_id = authority if isinstance(authority, int) else authority.pk
    else:
        authority_id = by.acting_authority_id
    sheet = ScoringSheet.objects.create(authority_id=authority_id, year=year, title=normalize_text(title), group=group)
    audit_record(actor=by, action="sheet_create", obj=sheet, changes={"title": [None, sheet.title]})
    return sheet


@transaction.atomic
def criterion_add(
    *,
    by,
    sheet: ScoringSheet,
    code: str,
    title: str,
    max_points,
    kind: str = CriterionKind.STANDARD,
    parent: Criterion | None = None,
    evidence: str = "",
) -> Criterion:
    _require(by, "clusters.change_sheet", sheet)
    if parent is not None:
        if parent.sheet_id != sheet.pk:
            raise ValidationError(_("Nhóm tiêu chí không thuộc bảng này."))
        kind = parent.kind
    if kind not in CriterionKind.values:
        raise ValidationError({"kind": _("Loại tiêu chí không hợp lệ.")})
    order = (sheet.criteria.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    criterion = Criterion.objects.create(
        sheet=sheet,
        parent=parent,
        code=code.strip(),
        title=normalize_text(title),
        kind=kind,
        max_points=check_points(max_points, _("Điểm tối đa")),
        evidence=normalize_text(evidence),
        sort_order=order,
    )
    audit_record(
        actor=by, action="criterion_save", obj=sheet, changes={criterion.code: [None, f"{criterion.title} ({max_points})"]}
    )
    return criterion


CRITERION_FIELDS = ("code", "title", "evidence", "max_points")


@transaction.atomic
def criterion_update(*, by, criterion: Criterion, expected_version: int, **fields) -> Criterion:
    """Change a criterion's code, title, evidence or cap; refused if somebody saved it since the page
    showed `expected_version`."""
    sheet = criterion.sheet
    _require(by, "clusters.change_sheet", sheet)
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"criterion_update() got unexpected fields: {sorted(unknown)}")
    old = f"{criterion.title} ({scoring.format_points(criterion.max_points)})"
    for name in ("code", "title", "evidence"):
        if name in fields:
            setattr(criterion, name, normalize_text(fields[name]))
    if "max_points" in fields:
        criterion.max_points = check_points(fields["max_points"], _("Điểm tối đa"))
    if "title" in fields and not criterion.title:
        raise ValidationError({"title": _("Vui lòng nhập nội dung tiêu chí.")})
    save_with_version(criterion, expected_version=expected_version, fields=list(fields))
    audit_record(
        actor=by,
        action="criterion_save",
        obj=sheet,
        changes={criterion.code: [old, f"{criterion.title} ({scoring.format_points(criterion.max_points)})"]},
    )
    return criterion


@transaction.atomic
def criterion_delete(*, by, criterion: Criterion, expected_version: int) -> None:
    """Delete a criterion (and its children) as the page showed it: not one somebody has just changed."""
    sheet = criterion.sheet
    _require(by, "clusters.change_sheet", sheet)
    if not Criterion.objects.filter(pk=criterion.pk, version=expected_version).exists():
        raise ConcurrentEditError()
    audit_record(actor=by, action="criterion_delete", obj=sheet, changes={criterion.code: [criterion.title, None]})
    criterion.delete()


@transaction.atomic
def sheet_copy(*, by, template: ScoringSheet, group: EmulationGroup) -> ScoringSheet:
    """A group's own sheet, copied from the office's template, to adjust before scoring opens."""
    _require(by, "clusters.prepare_pact", group)  # the office or the group's head
    if ScoringSheet.objects.filter(group=group).exists():
        raise ValidationError(_("%(group)s đã có bảng tiêu chí.") % {"group": group.name})
    if template.authority_id != group.authority_id:
        raise ValidationError(_("Bảng tiêu chí mẫu thuộc cơ quan khác."))
    sheet = ScoringSheet.objects.create(
        authority_id=group.authority_id, year=group.year, title=f"{template.title} – {group.name}", group=group
    )
    mapping: dict[int, Criterion] = {}
    for criterion in template.criteria.order_by("sort_order", "id"):
        mapping[criterion.pk] = Criterion.objects.create(
            sheet=sheet,
            parent=mapping.get(criterion.parent_id),
            code=criterion.code,
            title=criterion.title,
            kind=criterion.kind,
            max_points=criterion.max_points,
            evidence=criterion.evidence,
            sort_order=criterion.sort_order,
        )
    audit_record(actor=by, action="sheet_copy", obj=sheet, changes={"template": [None, template.title]})
    return sheet


def leaf_criteria(criteria) -> list[Criterion]:
    parents = {c.parent_id for c in criteria}
    return [c for c in criteria if c.pk not in parents]


@transaction.atomic
def scoring_open(*, by, sheet: ScoringSheet) -> ScoringSheet:
    """Lock the sheet and give every member a card to fill in."""
    _require(by, "clusters.open_scoring", sheet)
    if sheet.is_template:
        raise ValidationError(_("Bảng tiêu chí mẫu không dùng để chấm điểm; hãy sao chép cho từng cụm, khối."))
    if sheet.status != SheetStatus.DRAFT:
        raise ValidationError(_("Bảng tiêu chí này đã mở chấm điểm."))
    criteria = list(sheet.criteria.all())
    if not criteria:
        raise ValidationError(_("Bảng tiêu chí chưa có tiêu chí nào."))
    leaves = leaf_criteria(criteria)
    sheet.status = SheetStatus.SCORING
    sheet.opened_at = timezone.now()
    save_with_version(sheet, expected_version=sheet.version, fields=["status", "opened_at"])
    units = [m.unit for m in sheet.group.memberships.select_related("unit")]
    ScoreCard.objects.bulk_create(ScoreCard(sheet=sheet, unit=u) for u in units)
    cards = list(ScoreCard.objects.filter(sheet=sheet))
    ScoreLine.objects.bulk_create(ScoreLine(card=card, criterion=c) for card in cards for c in leaves)
    audit_record(actor=by, action="scoring_open", obj=sheet, changes={"cards": [None, len(cards)]})
    url = reverse("clusters:group_detail", args=[sheet.group_id])
    tell(
        people_of([u.pk for u in units]),
        title=_("Mở chấm điểm thi đua: %(group)s") % {"group": sheet.group},
        text=_("Bảng tiêu chí đã khóa; đề nghị đơn vị tự chấm điểm, đính kèm minh chứng và gửi trưởng cụm, khối."),
        url=url,
        authority_id=sheet.authority_id,
    )
    return sheet


@transaction.atomic
def sheet_finalise(*, by, sheet: ScoringSheet) -> ScoringSheet:
    """The office closes the scoring: every card must have been reviewed; the ranking is published."""
    _require(by, "clusters.finalise_sheet", sheet)
    if sheet.status != SheetStatus.SCORING:
        raise ValidationError(_("Chỉ chốt được bảng đang chấm điểm."))
    pending = list(sheet.cards.exclude(status=CardStatus.REVIEWED).values_list("unit__name", flat=True).order_by("unit__name"))
    if pending:
        raise ValidationError(_("Trưởng cụm, khối chưa thẩm định phiếu của: %(list)s.") % {"list": ", ".join(pending)})
    now = timezone.now()
    sheet.cards.update(status=CardStatus.FINAL, finalised_at=now)
    sheet.status = SheetStatus.PUBLISHED
    sheet.published_at = now
    save_with_version(sheet, expected_version=sheet.version, fields=["status", "published_at"])
    audit_record(
        actor=by,
        action="sheet_finalise",
        obj=sheet,
        changes={"status": [str(SheetStatus.SCORING.label), str(SheetStatus.PUBLISHED.label)]},
    )
    tell(
        people_of(sheet.cards.values_list("unit_id", flat=True), Role.UNIT_CLERK, Role.UNIT_HEAD),
        title=_("Đã công bố kết quả chấm điểm thi đua %(group)s") % {"group": sheet.group},
        text=_("Cơ quan thường trực đã chốt điểm và công bố bảng xếp hạng."),
        url=reverse("clusters:ranking", args=[sheet.group_id]),
        authority_id=sheet.authority_id,
    )
    return sheet
