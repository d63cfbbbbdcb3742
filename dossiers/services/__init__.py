"""Every write on dossiers: keyword-only, atomic, permission-checked, audited; by sub-domain.

    dossiers.py     drafting a dossier, and the guards of every change to its content
    nominees.py     the nominees of a dossier (one by one or from an Excel file)
    attachments.py  its files
    verdicts.py     the automatic verdicts (dossiers.eligibility) recomputed after each change
    workflow.py     the edge map and `dossier_transition`, the only way a dossier changes state
    receipts.py     the receipt register's numbers
    results.py      appraisal, the council's results and the office's override, per nominee
    ledger.py       the award ledger: decided awards, duplicates merged, past years imported
    rounds.py       award rounds
    regimes.py      a regime's successor, added by an administrator as data (the admin's “Tạo chế độ kế tiếp”)
    elections.py    the dossier proposing a cluster's elected leader (suy tôn)

Callers import the names below from `dossiers.services`.
"""

from .attachments import attachment_add, attachment_delete
from .dossiers import dossier_create, dossier_update
from .elections import FLAG_AWARD_CODE, leader_proposal_create
from .ledger import is_unit_itself, ledger_import, person_merge
from .nominees import NOMINEE_FIELDS, nominee_delete, nominee_save, nominees_bulk_create
from .receipts import RECEIPT_LOCK
from .results import (
    AWARDING_SOURCES,
    CouncilResult,
    nominee_appraise,
    nominee_outcome_override,
    nominee_outcomes_record,
    nominees_appraise,
    update_in_groups,
)
from .rounds import ROUND_FIELDS, award_round_save
from .verdicts import eligibility_refresh
from .workflow import NOTE_REQUIRED, TRANSITIONS, allowed_transitions, dossier_transition, dossier_transitioned

__all__ = [
    "AWARDING_SOURCES",
    "FLAG_AWARD_CODE",
    "NOMINEE_FIELDS",
    "NOTE_REQUIRED",
    "RECEIPT_LOCK",
    "ROUND_FIELDS",
    "TRANSITIONS",
    "CouncilResult",
    "allowed_transitions",
    "attachment_add",
    "attachment_delete",
    "award_round_save",
    "dossier_create",
    "dossier_transition",
    "dossier_transitioned",
    "dossier_update",
    "eligibility_refresh",
    "is_unit_itself",
    "leader_proposal_create",
    "ledger_import",
    "nominee_appraise",
    "nominee_delete",
    "nominee_outcome_override",
    "nominee_outcomes_record",
    "nominee_save",
    "nominees_appraise",
    "nominees_bulk_create",
    "person_merge",
    "update_in_groups",
]
