"""Appraisal and results per nominee: the office's appraisal, the council's results (written when a
ballot closes, awards.services.ballot_close) and the office's explicit, reasoned override."""

import hashlib
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

NOTE_NEEDED = _("Hãy ghi lý do khi kết luận không đủ hoặc cần kiểm tra.")


def appraisal_seen(nominee: Nominee) -> str:
    """A short fingerprint of a nominee's appraisal as stored: the page sends it back with the row, and a
    save whose fingerprint no longer matches was drawn before someone else recorded theirs."""
    text = f"{nominee.appraisal_verdict}\x1f{nominee.appraisal_note}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def row_error(number: int, nominee: Nominee, messages) -> str:
    """A refusal that names the row of the appraisal table (its number on the page and the name)."""
    return _("Dòng %(row)s (%(name)s): %(error)s") % {"row": number, "name": nominee.full_name, "error": " ".join(messages)}


def _require_appraisal(by, dossier) -> None:
    _require(by, "dossiers.process_dossier", dossier)
    if dossier.status not in APPRAISAL_OPEN:
        raise ValidationError(_("Chỉ thẩm định được hồ sơ đã tiếp nhận."))


def _changed_meanwhile(nominee: Nominee, seen: str | None) -> str | None:
    """The refusal when the stored appraisal is no longer the one the page showed."""
    if seen is None or appraisal_seen(nominee) == seen:
        return None
    recorded = Verdict(nominee.appraisal_verdict).label if nominee.appraisal_verdict else _("chưa kết luận")
    return _("người khác vừa ghi kết luận “%(verdict)s”%(note)s; hãy xem lại rồi lưu.") % {
        "verdict": recorded,
        "note": f" ({nominee.appraisal_note})" if nominee.appraisal_note else "",
    }


@transaction.atomic
def nominees_appraise(*, by, dossier, rows: list[dict]) -> list[Nominee]:
    """The appraisal table saved at once: each row {"nominee", "verdict", "note", "seen"}; a blank verdict
    leaves the row as it is. All or nothing: a row without the reason its verdict needs, or recorded by
    someone else since the page was drawn (`seen`), refuses the save with its errors keyed "<id>-<field>"
    and every row named. Returns the nominees whose appraisal changed; one audit entry lists them."""
    _require_appraisal(by, dossier)
    wanted = {row["nominee"].pk: row for row in rows if row["verdict"]}
    current = {n.pk: n for n in Nominee.objects.select_for_update().filter(dossier=dossier, pk__in=list(wanted))}
    errors: dict[str, list[str]] = {}
    changed: list[tuple[Nominee, str, str]] = []
    for number, row in enumerate(rows, start=1):
        nominee = current.get(row["nominee"].pk)
        if nominee is None or not row["verdict"]:
            continue
        verdict, note = row["verdict"], row["note"].strip()
        if verdict != Verdict.ELIGIBLE and not note:
            errors[f"{nominee.pk}-note"] = [row_error(number, nominee, [str(NOTE_NEEDED)])]
        elif (nominee.appraisal_verdict, nominee.appraisal_note) == (verdict, note):
            continue  # nothing new (a second click of the same save changes nothing)
        elif clash := _changed_meanwhile(nominee, row.get("seen")):
            errors[f"{nominee.pk}-verdict"] = [row_error(number, nominee, [clash])]
        else:
            changed.append((nominee, verdict, note))
    if errors:
        raise ValidationError(errors)
    audit: dict = {}
    for nominee, verdict, note in changed:
        old = snapshot(nominee, ["appraisal_verdict", "appraisal_note"])
        nominee.appraisal_verdict, nominee.appraisal_note = verdict, note
        audit.update({f"{nominee.full_name}.{k}": v for k, v in diff_fields(nominee, old, list(old)).items()})
    update_in_groups(Nominee, [(n.pk, {"appraisal_verdict": v, "appraisal_note": t}) for n, v, t in changed])
    if changed:
        note = "; ".join(f"{n.full_name}: {Verdict(v).label}" for n, v, _t in changed)
        audit_record(actor=by, action="nominee_appraise", obj=dossier, changes=audit, note=note[:2000])
    return [n for n, _v, _t in changed]


@transaction.atomic
def nominee_appraise(*, by, nominee: Nominee, verdict: str, note: str, seen: str | None = None) -> Nominee:
    """One row of the appraisal table saved by itself (its own button)."""
    dossier = nominee.dossier
    _require_appraisal(by, dossier)
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Hãy chọn kết luận thẩm định.")})
    if verdict != Verdict.ELIGIBLE and not note.strip():
        raise ValidationError({"note": NOTE_NEEDED})
    nominee = Nominee.objects.select_for_update().get(pk=nominee.pk)
    if (nominee.appraisal_verdict, nominee.appraisal_note) == (verdict, note.strip()):
        return nominee
    if clash := _changed_meanwhile(nominee, seen):
        raise ValidationError(_("%(name)s: %(error)s") % {"name": nominee.full_name, "error": clash})
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
