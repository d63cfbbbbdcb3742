"""Award rounds (đợt xét): opened and edited by the standing office, each in its own authority's rounds."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audit_record, diff_fields, snapshot
from core.services import require_perm as _require
from core.text import normalize_text

from ..models import AwardRound

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
    _require(by, "dossiers.process_dossier", award_round)  # another authority's round is refused (rules.in_acting_authority)
    creating = award_round is None
    if creating:
        award_round = AwardRound(authority_id=by.acting_authority_id)  # the round of the office that opens it
    campaign = data.get("campaign")
    if campaign is not None and campaign.authority_id != award_round.authority_id:
        raise ValidationError({"campaign": _("Phong trào này thuộc cơ quan khác.")})
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
