"""The upward proposal for a cluster's or bloc's elected leader (suy tôn): Cờ thi đua của UBND tỉnh.

Dossiers depend on clusters, never the other way round: the election lives in clusters, and the
dossier drafted from its result is made here, through the dossier services like any other dossier.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusters import scoring
from clusters.models import Election, ScoreCard
from core.services import audit_record
from core.services import require_perm as _require

from ..enums import Subject
from ..models import AwardRound, AwardType, Dossier
from .dossiers import dossier_create
from .nominees import nominee_save

FLAG_AWARD_CODE = "co-thi-dua-tinh"


@transaction.atomic
def leader_proposal_create(*, by, election: Election, award_round: AwardRound) -> Dossier:
    """Draft the upward proposal for Cờ thi đua tỉnh for the elected leader, in the name of the group's
    head unit (its clerk drafts it; dossier_create checks that and audits). Once per election."""
    group = election.group
    _require(by, "clusters.run_election", group)
    Election.objects.select_for_update().get(pk=election.pk)  # two clicks never make two dossiers
    election.refresh_from_db()
    if election.is_open or election.winner is None:
        raise ValidationError(_("Chưa có đơn vị được suy tôn."))
    if Dossier.objects.filter(from_election=election).exists():
        raise ValidationError(_("Đã lập hồ sơ đề nghị cho kết quả suy tôn này."))
    award = AwardType.objects.get(code=FLAG_AWARD_CODE)
    dossier = dossier_create(
        by=by,
        unit=group.head,
        award_round=award_round,
        title=_("Đề nghị tặng %(award)s cho đơn vị dẫn đầu %(group)s năm %(year)s")
        % {"award": award.name, "group": group.name, "year": group.year},
    )
    card = ScoreCard.objects.filter(sheet__group=group, unit=election.winner).first()
    votes = next((r for r in election.result if r["unit_id"] == election.winner_id), None)
    achievement = _("Được các thành viên %(group)s suy tôn đơn vị dẫn đầu năm %(year)s (%(votes)s phiếu, %(percent)s%%).") % {
        "group": group.name,
        "year": group.year,
        "votes": votes["votes"] if votes else 0,
        "percent": votes["percent"] if votes else "0",
    }
    if card is not None:
        achievement += " " + _("Tổng điểm chấm thi đua: %(total)s.") % {"total": scoring.format_points(card.total)}
    nominee_save(
        by=by,
        dossier=dossier,
        expected_version=dossier.version,
        subject=Subject.COLLECTIVE,
        award=award,
        full_name=election.winner.name,
        achievement=achievement,
    )
    dossier.from_election = election
    dossier.save(update_fields=["from_election"])
    audit_record(actor=by, action="election_propose", obj=group, changes={"dossier": [None, dossier.title]})
    return dossier
