"""Score cards: a unit scores itself and attaches evidence and sends the card to whoever appraises it
(selectors.card_reviewer: the head, or for the head's own card its deputy or the office), who reviews or returns it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.selectors import role_holders
from core.services import audit_record, save_with_version
from core.services import require_perm as _require
from core.uploads import store_upload

from .. import scoring
from ..enums import CardStatus, CriterionKind
from ..models import (
    Evidence,
    ScoreCard,
    ScoreLine,
    ScoringSheet,
)
from ..selectors import CARD_REVIEWERS, card_reviewer
from ._common import check_points, people_of, tell


def _reviewers(card: ScoreCard) -> list:
    """Who is asked to appraise a sent card (selectors.card_reviewer): the head's clerks for a member's card;
    for the head's own card the deputy's clerks, or the office of the sheet's authority without a deputy."""
    group = card.sheet.group
    reviewer = card_reviewer(card)
    if reviewer == "office":
        return list(role_holders(Role.OFFICE_STAFF, authority_id=card.sheet.authority_id))
    return people_of([group.head_id if reviewer == "head" else group.deputy_id])


def _nodes(sheet: ScoringSheet, criteria=None) -> list[scoring.Node]:
    criteria = criteria if criteria is not None else sheet.criteria.all()
    return [scoring.Node(c.pk, c.parent_id, c.kind, c.max_points) for c in criteria]


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
        value = None if points in (None, "") else check_points(points, _("Điểm mục %(code)s") % {"code": line.criterion.code})
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
    tell(
        _reviewers(card),
        title=_("%(unit)s đã gửi phiếu tự chấm điểm") % {"unit": card.unit},
        text=_("%(unit)s tự chấm %(total)s điểm; đề nghị %(who)s thẩm định.")
        % {"unit": card.unit, "total": scoring.format_points(card.self_total), "who": CARD_REVIEWERS[card_reviewer(card)]},
        url=reverse("clusters:card_detail", args=[card.pk]),
        authority_id=card.sheet.authority_id,
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
        value = None if points in (None, "") else check_points(points, _("Điểm mục %(code)s") % {"code": code})
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
    tell(
        people_of([card.unit_id]),
        title=_("%(who)s đã thẩm định phiếu chấm điểm") % {"who": capfirst(CARD_REVIEWERS[card_reviewer(card)])},
        text=_("Điểm sau thẩm định của %(unit)s: %(total)s.") % {"unit": card.unit, "total": scoring.format_points(card.total)},
        url=reverse("clusters:card_detail", args=[card.pk]),
        authority_id=card.sheet.authority_id,
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
    tell(
        people_of([card.unit_id]),
        title=_("Phiếu chấm điểm bị trả lại"),
        text=_("Lý do: %(reason)s") % {"reason": reason.strip()},
        url=reverse("clusters:card_detail", args=[card.pk]),
        authority_id=card.sheet.authority_id,
    )
    return card
