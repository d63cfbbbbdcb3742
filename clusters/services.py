"""Writes on clusters and blocs: keyword-only, atomic, permission-checked, audited.

The leader election counts and keeps its secret with core.ballots, like the council's ballot. The
upward proposal for the elected leader is drafted by dossiers (dossiers.services.elections): clusters
imports no app that depends on it.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.selectors import role_holders
from core import ballots
from core.ballots import NO, PRESENT, YES, tally
from core.services import ConcurrentEditError, audit_record, save_with_version
from core.services import require_perm as _require
from core.text import normalize_text
from core.uploads import store_upload
from units.models import Unit

from . import scoring
from .enums import CardStatus, CriterionKind, LeaderMethod, LeaderPosition, SheetStatus
from .models import (
    Criterion,
    Election,
    ElectionReceipt,
    ElectionVote,
    EmulationGroup,
    Evidence,
    GroupMember,
    LeadershipTerm,
    Pact,
    PactSignature,
    ScoreCard,
    ScoreLine,
    ScoringSheet,
)


def _people_of(unit_ids, *roles) -> list:
    return list(role_holders(*(roles or (Role.UNIT_CLERK,)), unit_ids=unit_ids))


def _tell(users, *, title: str, text: str, url: str) -> None:
    from notifications.services import notify

    for user in {u.pk: u for u in users}.values():
        notify(recipient=user, title=title, template="cluster_notice", context={"text": text}, url=url)


def _office_staff() -> list:
    return list(role_holders(Role.OFFICE_STAFF))


# --- Groups, members, heads ----------------------------------------------------------------------


@transaction.atomic
def group_create(*, by, year: int, kind: str, name: str, units=(), regulations: str = "", sort_order: int = 0) -> EmulationGroup:
    _require(by, "clusters.manage_groups")
    if EmulationGroup.objects.filter(year=year, name=normalize_text(name)).exists():
        raise ValidationError({"name": _("Năm %(year)s đã có “%(name)s”.") % {"year": year, "name": normalize_text(name)}})
    group = EmulationGroup.objects.create(year=year, kind=kind, name=name, regulations=regulations, sort_order=sort_order)
    _add_members(group, units)
    audit_record(actor=by, action="group_create", obj=group, changes={"members": [None, ", ".join(u.name for u in units)]})
    return group


def _add_members(group: EmulationGroup, units) -> None:
    taken = dict(
        GroupMember.objects.filter(year=group.year, unit__in=list(units))
        .exclude(group=group)
        .values_list("unit__name", "group__name")
    )
    if taken:
        raise ValidationError(
            _("Đơn vị đã thuộc cụm, khối khác trong năm %(year)s: %(list)s.")
            % {"year": group.year, "list": "; ".join(f"{u} ({g})" for u, g in sorted(taken.items()))}
        )
    GroupMember.objects.bulk_create(GroupMember(group=group, unit=u, year=group.year) for u in units)


@transaction.atomic
def group_set_members(*, by, group: EmulationGroup, units) -> EmulationGroup:
    _require(by, "clusters.manage_groups")
    current = set(group.memberships.values_list("unit_id", flat=True))
    if current != {u.pk for u in units}:
        started = (
            ScoringSheet.objects.filter(group=group).exclude(status=SheetStatus.DRAFT).exists()
            or hasattr(group, "pact")
            or hasattr(group, "election")
        )
        if started:
            raise ValidationError(
                {"units": _("Đã mở chấm điểm, lập giao ước hoặc bầu suy tôn: không thay đổi thành viên được nữa.")}
            )
    old = sorted(group.memberships.values_list("unit__name", flat=True))
    group.memberships.exclude(unit__in=list(units)).delete()
    present = set(group.memberships.values_list("unit_id", flat=True))
    _add_members(group, [u for u in units if u.pk not in present])
    audit_record(
        actor=by,
        action="group_members",
        obj=group,
        changes={"members": [", ".join(old), ", ".join(sorted(u.name for u in units))]},
    )
    return group


@transaction.atomic
def group_update(*, by, group: EmulationGroup, expected_version: int, name: str, regulations: str, units) -> EmulationGroup:
    """The office renames a group, edits its regulations and sets its member units."""
    _require(by, "clusters.manage_groups")
    name = normalize_text(name)
    if EmulationGroup.objects.filter(year=group.year, name=name).exclude(pk=group.pk).exists():
        raise ValidationError({"name": _("Năm %(year)s đã có “%(name)s”.") % {"year": group.year, "name": name}})
    old = {"name": group.name, "regulations": group.regulations}
    group.name, group.regulations = name, regulations
    save_with_version(group, expected_version=expected_version, fields=["name", "regulations"])
    changes = {k: [v, getattr(group, k)] for k, v in old.items() if v != getattr(group, k)}
    if changes:
        audit_record(actor=by, action="group_update", obj=group, changes=changes)
    group_set_members(by=by, group=group, units=units)
    return group


@transaction.atomic
def groups_copy_year(*, by, from_year: int, to_year: int) -> list[EmulationGroup]:
    """Next year's composition starts as this year's: same groups, members and regulations. Heads are
    not copied: they rotate, and are appointed or elected again."""
    _require(by, "clusters.manage_groups")
    if EmulationGroup.objects.filter(year=to_year).exists():
        raise ValidationError(_("Năm %(year)s đã có cụm, khối; không sao chép đè.") % {"year": to_year})
    created = []
    for group in EmulationGroup.objects.filter(year=from_year).prefetch_related("memberships__unit"):
        copy = EmulationGroup.objects.create(
            year=to_year, kind=group.kind, name=group.name, regulations=group.regulations, sort_order=group.sort_order
        )
        GroupMember.objects.bulk_create(
            GroupMember(group=copy, unit=m.unit, year=to_year) for m in group.memberships.all() if m.unit.is_active
        )
        created.append(copy)
    if not created:
        raise ValidationError(_("Năm %(year)s chưa có cụm, khối nào để sao chép.") % {"year": from_year})
    for copy in created:
        audit_record(actor=by, action="group_copy", obj=copy, changes={"year": [from_year, to_year]})
    return created


@transaction.atomic
def group_set_leader(
    *,
    by,
    group: EmulationGroup,
    unit: Unit,
    position: str,
    method: str,
    on: datetime.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> LeadershipTerm:
    """Appoint or record the election of the head or deputy: the previous term ends the day before.
    From a page, expected_version is the group's version the page showed (a newer change is not
    overwritten); without it the group as loaded by the caller."""
    _require(by, "clusters.manage_groups")
    if not group.memberships.filter(unit=unit).exists():
        raise ValidationError(_("%(unit)s không phải thành viên của %(group)s.") % {"unit": unit.name, "group": group.name})
    on = on or timezone.localdate()
    field = "head" if position == LeaderPosition.HEAD else "deputy"
    other = group.deputy_id if field == "head" else group.head_id
    if other == unit.pk:
        raise ValidationError(_("Trưởng và phó trưởng cụm, khối phải là hai đơn vị khác nhau."))
    previous = getattr(group, field)
    LeadershipTerm.objects.filter(group=group, position=position, ended_on__isnull=True).update(
        ended_on=on - datetime.timedelta(days=1)
    )
    term = LeadershipTerm.objects.create(group=group, unit=unit, position=position, method=method, started_on=on, note=note)
    setattr(group, field, unit)
    save_with_version(group, expected_version=group.version if expected_version is None else expected_version, fields=[field])
    audit_record(
        actor=by,
        action="group_leader",
        obj=group,
        changes={field: [str(previous) if previous else None, unit.name]},
        note=str(LeaderMethod(method).label),
    )
    return term


# --- Scoring sheets ------------------------------------------------------------------------------


@transaction.atomic
def sheet_create(*, by, year: int, title: str, group: EmulationGroup | None = None) -> ScoringSheet:
    """An empty sheet: the office's template (no group) or a group's own."""
    _require(by, "clusters.manage_groups")
    sheet = ScoringSheet.objects.create(year=year, title=normalize_text(title), group=group)
    audit_record(actor=by, action="sheet_create", obj=sheet, changes={"title": [None, sheet.title]})
    return sheet


def _check_points(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
        if not number.is_finite():
            raise InvalidOperation
        if number < 0:
            raise ValidationError(_("%(label)s không được âm.") % {"label": label})
        if number > Decimal("9999.99"):
            raise ValidationError(_("%(label)s quá lớn (tối đa 9.999,99).") % {"label": label})
        return number.quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(label)s phải là một số.") % {"label": label}) from None


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
        max_points=_check_points(max_points, _("Điểm tối đa")),
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
        criterion.max_points = _check_points(fields["max_points"], _("Điểm tối đa"))
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
    sheet = ScoringSheet.objects.create(year=group.year, title=f"{template.title} – {group.name}", group=group)
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


def _nodes(sheet: ScoringSheet, criteria=None) -> list[scoring.Node]:
    criteria = criteria if criteria is not None else sheet.criteria.all()
    return [scoring.Node(c.pk, c.parent_id, c.kind, c.max_points) for c in criteria]


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
    _tell(
        _people_of([u.pk for u in units]),
        title=_("Mở chấm điểm thi đua: %(group)s") % {"group": sheet.group},
        text=_("Bảng tiêu chí đã khóa; đề nghị đơn vị tự chấm điểm, đính kèm minh chứng và gửi trưởng cụm, khối."),
        url=url,
    )
    return sheet


def card_recompute(card: ScoreCard) -> ScoreCard:
    """Store the card's totals from its lines: one query for criteria, one for lines, one update."""
    criteria = list(card.sheet.criteria.all())
    lines = list(card.lines.all())
    own = scoring.compute(_nodes(card.sheet, criteria), {ln.criterion_id: ln.self_points for ln in lines})
    counted = scoring.compute(_nodes(card.sheet, criteria), {ln.criterion_id: ln.points for ln in lines})
    card.self_total = own.total
    card.base, card.bonus, card.penalty, card.total = counted.base, counted.bonus, counted.penalty, counted.total
    ScoreCard.objects.filter(pk=card.pk).update(
        self_total=card.self_total, base=card.base, bonus=card.bonus, penalty=card.penalty, total=card.total
    )
    return card


def _entries(card: ScoreCard, entries: dict) -> dict[int, ScoreLine]:
    lines = {ln.criterion_id: ln for ln in card.lines.select_related("criterion")}
    unknown = set(entries) - set(lines)
    if unknown:
        raise ValidationError(_("Phiếu không hợp lệ; vui lòng tải lại trang."))
    return lines


@transaction.atomic
def card_self_score(*, by, card: ScoreCard, expected_version: int, entries: dict) -> ScoreCard:
    """entries: {criterion id: (points or None, note)}. Points above a cap are refused, not trimmed:
    the unit must see that it claimed too much."""
    _require(by, "clusters.self_score", card)
    lines = _entries(card, entries)
    errors = []
    changed = {}
    for criterion_id, (points, note) in entries.items():
        line = lines[criterion_id]
        value = None if points in (None, "") else _check_points(points, _("Điểm mục %(code)s") % {"code": line.criterion.code})
        if value is not None and value > line.criterion.max_points:
            errors.append(
                _("Mục %(code)s: tối đa %(max)s điểm.")
                % {"code": line.criterion.code, "max": scoring.format_points(line.criterion.max_points)}
            )
            continue
        if value != line.self_points or note.strip() != line.self_note:
            changed[line.criterion.code] = [scoring.format_points(line.self_points), scoring.format_points(value)]
            line.self_points, line.self_note = value, note.strip()
            if line.reviewed_points is not None:  # after a return, the head reviews the corrected figure afresh
                line.reviewed_points, line.reason = None, ""
            line.save(update_fields=["self_points", "self_note", "reviewed_points", "reason"])
    if errors:
        raise ValidationError(errors)
    save_with_version(card, expected_version=expected_version, fields=[])
    card_recompute(card)
    if changed:
        audit_record(actor=by, action="card_self_score", obj=card, changes=changed)
    return card


@transaction.atomic
def evidence_add(*, by, line: ScoreLine, upload) -> Evidence:
    _require(by, "clusters.self_score", line.card)
    evidence = store_upload(Evidence(line=line), upload, by=by)
    audit_record(actor=by, action="evidence_add", obj=line.card, changes={line.criterion.code: [None, evidence.original_name]})
    return evidence


@transaction.atomic
def card_submit(*, by, card: ScoreCard, expected_version: int) -> ScoreCard:
    _require(by, "clusters.self_score", card)
    missing = [
        ln.criterion.code
        for ln in card.lines.select_related("criterion")
        if ln.self_points is None and ln.criterion.kind == CriterionKind.STANDARD
    ]
    if missing:
        raise ValidationError(_("Chưa chấm các mục: %(list)s.") % {"list": ", ".join(missing)})
    needs = [
        ln.criterion.code
        for ln in card.lines.select_related("criterion").prefetch_related("evidence")
        if ln.criterion.evidence and ln.self_points and not ln.evidence.all()
    ]
    if needs:
        raise ValidationError(_("Chưa đính kèm minh chứng cho các mục: %(list)s.") % {"list": ", ".join(needs)})
    card.status = CardStatus.SUBMITTED
    card.submitted_at = timezone.now()
    save_with_version(card, expected_version=expected_version, fields=["status", "submitted_at"])
    audit_record(
        actor=by,
        action="card_submit",
        obj=card,
        changes={"status": [str(CardStatus.DRAFT.label), str(CardStatus.SUBMITTED.label)]},
    )
    group = card.sheet.group
    _tell(
        _people_of([group.head_id]),
        title=_("%(unit)s đã gửi phiếu tự chấm điểm") % {"unit": card.unit},
        text=_("%(unit)s tự chấm %(total)s điểm; đề nghị trưởng cụm, khối thẩm định.")
        % {"unit": card.unit, "total": scoring.format_points(card.self_total)},
        url=reverse("clusters:card_detail", args=[card.pk]),
    )
    return card


@transaction.atomic
def card_review(*, by, card: ScoreCard, expected_version: int, entries: dict) -> ScoreCard:
    """The head's figures: entries {criterion id: (points or None, reason)}; a figure different from
    the unit's own needs a reason on that line."""
    _require(by, "clusters.review_card", card)
    lines = _entries(card, entries)
    errors = []
    changed = {}
    for criterion_id, (points, reason) in entries.items():
        line = lines[criterion_id]
        code = line.criterion.code
        value = None if points in (None, "") else _check_points(points, _("Điểm mục %(code)s") % {"code": code})
        reason = reason.strip()
        if value is not None and value > line.criterion.max_points:
            errors.append(
                _("Mục %(code)s: tối đa %(max)s điểm.") % {"code": code, "max": scoring.format_points(line.criterion.max_points)}
            )
            continue
        if value is not None and value != line.self_points and not reason:
            errors.append(_("Mục %(code)s: điểm khác điểm tự chấm thì phải ghi lý do.") % {"code": code})
            continue
        if value != line.reviewed_points or reason != line.reason:
            changed[code] = [
                scoring.format_points(line.points),
                scoring.format_points(value if value is not None else line.self_points),
            ]
            if reason:
                changed[code].append(reason)
            line.reviewed_points, line.reason = value, reason
            line.save(update_fields=["reviewed_points", "reason"])
    if errors:
        raise ValidationError(errors)
    previous = card.status
    card.status = CardStatus.REVIEWED
    card.reviewed_at = timezone.now()
    save_with_version(card, expected_version=expected_version, fields=["status", "reviewed_at"])
    card_recompute(card)
    audit_record(
        actor=by,
        action="card_review",
        obj=card,
        changes={**changed, "status": [str(CardStatus(previous).label), str(CardStatus.REVIEWED.label)]},
    )
    _tell(
        _people_of([card.unit_id]),
        title=_("Trưởng cụm, khối đã thẩm định phiếu chấm điểm"),
        text=_("Điểm sau thẩm định của %(unit)s: %(total)s.") % {"unit": card.unit, "total": scoring.format_points(card.total)},
        url=reverse("clusters:card_detail", args=[card.pk]),
    )
    return card


@transaction.atomic
def card_return(*, by, card: ScoreCard, expected_version: int, reason: str) -> ScoreCard:
    """The head sends a card back to the unit to complete (e.g. missing evidence)."""
    _require(by, "clusters.review_card", card)
    if not reason.strip():
        raise ValidationError({"reason": _("Vui lòng ghi lý do trả lại.")})
    card.status = CardStatus.DRAFT
    save_with_version(card, expected_version=expected_version, fields=["status"])
    audit_record(actor=by, action="card_return", obj=card, note=reason.strip())
    _tell(
        _people_of([card.unit_id]),
        title=_("Phiếu chấm điểm bị trả lại"),
        text=_("Lý do: %(reason)s") % {"reason": reason.strip()},
        url=reverse("clusters:card_detail", args=[card.pk]),
    )
    return card


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
    _tell(
        _people_of(sheet.cards.values_list("unit_id", flat=True), Role.UNIT_CLERK, Role.UNIT_HEAD),
        title=_("Đã công bố kết quả chấm điểm thi đua %(group)s") % {"group": sheet.group},
        text=_("Cơ quan thường trực đã chốt điểm và công bố bảng xếp hạng."),
        url=reverse("clusters:ranking", args=[sheet.group_id]),
    )
    return sheet


# --- The pact ------------------------------------------------------------------------------------


@transaction.atomic
def pact_create(*, by, group: EmulationGroup, title: str, common_commitments: str) -> Pact:
    _require(by, "clusters.prepare_pact", group)
    if Pact.objects.filter(group=group).exists():
        raise ValidationError(_("%(group)s đã có giao ước thi đua.") % {"group": group.name})
    pact = Pact.objects.create(
        group=group, title=normalize_text(title), common_commitments=common_commitments.strip(), created_by=by
    )
    PactSignature.objects.bulk_create(PactSignature(pact=pact, unit=m.unit) for m in group.memberships.select_related("unit"))
    audit_record(actor=by, action="pact_create", obj=group, changes={"title": [None, pact.title]})
    _tell(
        _people_of(group.memberships.values_list("unit_id", flat=True), Role.UNIT_HEAD),
        title=_("Đề nghị xác nhận giao ước thi đua %(group)s") % {"group": group},
        text=_("Đề nghị thủ trưởng đơn vị xem và xác nhận ký giao ước thi đua trên Cổng."),
        url=reverse("clusters:pact", args=[group.pk]),
    )
    return pact


@transaction.atomic
def pact_commit(*, by, signature: PactSignature, expected_version: int, commitment: str) -> PactSignature:
    """A member writes what it commits to (clerk or head), before its head confirms. The clerk and the
    head may both edit it: a text saved since the page was opened is not overwritten."""
    from accounts.rules import acts_for_unit

    if not acts_for_unit(by, signature.unit):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    signature.refresh_from_db(fields=["signed_at", "signed_by", "commitment", "version"])
    if signature.signed_at:
        raise ValidationError(_("Đơn vị đã xác nhận giao ước; không sửa được nội dung đăng ký."))
    old = signature.commitment
    signature.commitment = commitment.strip()
    save_with_version(signature, expected_version=expected_version, fields=["commitment"])
    audit_record(
        actor=by,
        action="pact_commit",
        obj=signature.pact.group,
        changes={signature.unit.name: [old or None, signature.commitment]},
    )
    return signature


@transaction.atomic
def pact_sign(*, by, signature: PactSignature, expected_version: int) -> PactSignature:
    """The head confirms the commitment as the page showed it (`expected_version`): a text changed
    since then must be read again before it is signed."""
    _require(by, "clusters.sign_pact", signature)
    signature.refresh_from_db(fields=["signed_at", "signed_by", "version"])
    if signature.signed_at:
        raise ValidationError(_("Đơn vị đã xác nhận giao ước này."))
    signature.signed_by = by
    signature.signed_at = timezone.now()
    save_with_version(signature, expected_version=expected_version, fields=["signed_by", "signed_at"])
    audit_record(actor=by, action="pact_sign", obj=signature.pact.group, changes={signature.unit.name: [None, str(by)]})
    return signature


# --- The leader election (suy tôn) ---------------------------------------------------------------


def voter_token(election: Election, unit_id: int) -> str:
    """The only link between a vote and the member unit that cast it: an HMAC under the election's own
    key, which exists only while the ballot is open (ValueError once it is closed)."""
    return ballots.voter_token(election.ballot_key, "suy-ton", election.pk, unit_id)


@transaction.atomic
def election_open(*, by, group: EmulationGroup) -> Election:
    _require(by, "clusters.run_election", group)
    try:
        with transaction.atomic():
            election = Election.objects.create(group=group, ballot_key=ballots.new_ballot_key())
    except IntegrityError:
        raise ValidationError(_("%(group)s đã tổ chức bỏ phiếu suy tôn.") % {"group": group.name}) from None
    audit_record(actor=by, action="election_open", obj=group)
    _tell(
        _people_of(group.memberships.values_list("unit_id", flat=True), Role.UNIT_HEAD),
        title=_("Bỏ phiếu suy tôn đơn vị dẫn đầu %(group)s") % {"group": group},
        text=_("Phiếu kín: mỗi đơn vị thành viên bầu một đơn vị; thủ trưởng đơn vị bỏ phiếu trên Cổng."),
        url=reverse("clusters:election", args=[group.pk]),
    )
    return election


def voting_units(*, user, election: Election) -> list[Unit]:
    """The member units this user may cast the vote of (as their head)."""
    ids = user.unit_ids(Role.UNIT_HEAD) if user.is_authenticated else set()
    return [m.unit for m in election.group.memberships.select_related("unit") if m.unit_id in ids]


@transaction.atomic
def election_vote(*, by, election: Election, unit: Unit, candidate: Unit) -> None:
    Election.objects.select_for_update().get(pk=election.pk)  # lock: a vote never races the count
    election.refresh_from_db()
    if unit not in voting_units(user=by, election=election):
        raise PermissionDenied(_("Chỉ thủ trưởng đơn vị thành viên mới được bỏ phiếu."))
    if not election.is_open or not election.ballot_key:
        raise ValidationError(_("Cuộc bỏ phiếu đã kết thúc."))
    if not election.group.memberships.filter(unit=candidate).exists():
        raise ValidationError(_("Đơn vị được bầu phải là thành viên của cụm, khối."))
    ElectionVote.objects.update_or_create(
        election=election, voter_token=voter_token(election, unit.pk), defaults={"candidate": candidate}
    )
    ElectionReceipt.objects.get_or_create(election=election, unit=unit)
    # The audit says that the unit voted, never for whom.
    audit_record(actor=by, action="election_vote", obj=election.group, changes={"phiếu": [None, unit.name]})


def my_votes(*, election: Election, units) -> dict[int, int]:
    """{member unit id: candidate id} for the units this user votes for, while the ballot is open;
    empty once it is closed (the votes no longer know their voters)."""
    if not election.is_open or not election.ballot_key:
        return {}
    tokens = {voter_token(election, u.pk): u.pk for u in units}
    return {
        tokens[token]: candidate
        for token, candidate in election.votes.filter(voter_token__in=list(tokens)).values_list("voter_token", "candidate_id")
    }


@transaction.atomic
def election_close(*, by, election: Election) -> Election:
    """Count with the council's rule (core.ballots.tally): elected with more than half of the members
    who voted; with nobody above half there is no leader and the members vote again another time.
    Then the key is erased and the votes rewritten shuffled with random tokens (core.ballots): nobody,
    the operator included, can tell afterwards which member voted for whom."""
    _require(by, "clusters.run_election", election.group)
    Election.objects.select_for_update().get(pk=election.pk)  # lock
    election.refresh_from_db()
    if not election.is_open:
        raise ValidationError(_("Cuộc bỏ phiếu đã kết thúc."))
    members = [m.unit for m in election.group.memberships.select_related("unit").order_by("unit__sort_order", "unit__name")]
    cast = list(election.votes.values_list("candidate_id", flat=True))
    participants = election.receipts.count()
    result = []
    winner = None
    for unit in members:
        counted = tally(
            [YES if c == unit.pk else NO for c in cast],
            members_total=len(members),
            participants=participants,
            threshold_percent=None,
            denominator_kind=PRESENT,
        )
        if counted.yes:
            result.append(
                {
                    "unit": unit.name,
                    "unit_id": unit.pk,
                    "votes": counted.yes,
                    "percent": counted.percent_label,
                    "passed": counted.passed,
                }
            )
        if counted.passed:
            winner = unit
    result.sort(key=lambda r: (-r["votes"], r["unit"]))
    election.result = result
    election.winner = winner
    election.closed_at = timezone.now()
    election.ballot_key = ""
    election.save(update_fields=["result", "winner", "closed_at", "ballot_key"])
    ballots.forget_voters(election.votes.all())
    audit_record(
        actor=by,
        action="election_close",
        obj=election.group,
        changes={"winner": [None, winner.name if winner else None], "participants": [None, participants]},
    )
    return election
