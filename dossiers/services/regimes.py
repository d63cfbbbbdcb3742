"""A new regime added by an administrator as data, without code: the successor of a regime (a new decree, an
amending law) begins on a date with its predecessor's award rules copied, unconfirmed until checked, and the
predecessor ends the day before. Money is not copied here: awards.BonusPolicy belongs to awards, which dossiers
does not import; awards hears `regime_succeeded` and may copy its own rows."""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from core.services import audit_record
from core.services import require_perm as _require

from ..catalogue_seed import copy_regime
from ..models import Regime

# Fired once a successor exists: sender=Regime, regime (the new one), source (the one it follows), by.
regime_succeeded = Signal()


def _model(name: str):
    return apps.get_model("dossiers", name)


def successor_errors(source: Regime, valid_from: datetime.date | None) -> dict[str, str]:
    """Why a successor of `source` cannot begin on `valid_from` (empty when it can): a successor follows the
    latest regime (never one already followed, which would leave two regimes open), and begins after it."""
    later = Regime.objects.filter(valid_from__gt=source.valid_from).order_by("-valid_from").first()
    if later is not None:
        return {
            "copied_from": _(
                "“%(name)s” đã có chế độ sau nó (“%(later)s”, từ ngày %(day)s): hãy tạo chế độ kế tiếp của chế độ mới nhất."
            )
            % {"name": source.name, "later": later.name, "day": f"{later.valid_from:%d/%m/%Y}"}
        }
    if valid_from is not None and valid_from <= source.valid_from:
        return {
            "valid_from": _("Chế độ kế tiếp phải bắt đầu sau ngày %(day)s, ngày bắt đầu của “%(name)s”.")
            % {"day": f"{source.valid_from:%d/%m/%Y}", "name": source.name}
        }
    return {}


@transaction.atomic
def regime_successor_create(*, by, regime: Regime) -> Regime:
    """Save `regime` (unsaved, `copied_from` its predecessor) as the successor: the predecessor's award rules
    copied, the new rules unconfirmed, the predecessor ended the day before when it was open or ran later."""
    _require(by, "dossiers.add_regime")
    source = Regime.objects.select_for_update().get(pk=regime.copied_from_id)
    errors = successor_errors(source, regime.valid_from)
    if errors:
        raise ValidationError(errors)
    ended_before = source.valid_to
    copied = copy_regime(_model, source, regime)
    audit_record(
        actor=by,
        action="regime.successor",
        obj=regime,
        changes={
            "name": [None, regime.name],
            "valid_from": [None, regime.valid_from.isoformat()],
            "copied_from": [None, source.name],
            "award_rules": [None, copied],
        },
    )
    if source.valid_to != ended_before:
        audit_record(
            actor=by,
            action="regime.end",
            obj=source,
            changes={"valid_to": [ended_before.isoformat() if ended_before else None, source.valid_to.isoformat()]},
        )
    regime_succeeded.send(sender=Regime, regime=regime, source=source, by=by)
    return regime
