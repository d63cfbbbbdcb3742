"""Appraisal and results per nominee: the office's appraisal, the council's results (written when a
ballot closes, awards.services.ballot_close) and the office's explicit, reasoned override."""

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_record, diff_fields, snapshot
from core.services import require_perm as _require

from ..enums import APPRAISAL_OPEN, Outcome, OutcomeSource, Verdict
from ..enums import DossierStatus as S
from ..models import Nominee


@transaction.atomic
def nominee_appraise(*, by, nominee: Nominee, verdict: str, note: str) -> Nominee:
    dossier = nominee.dossier
    _require(by, "dossiers.process_dossier", dossier)
    if dossier.status not in APPRAISAL_OPEN:
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
