from .catalogue import AwardDecider, AwardRule, AwardType, BaseSalary, ComponentRequirement, Holiday, Regime
from .dossier import Attachment, AwardRound, Dossier, DossierRevision, Nominee
from .ledger import AwardRecord, Person

__all__ = [
    "Attachment",
    "AwardRecord",
    "AwardRound",
    "AwardDecider",
    "AwardRule",
    "AwardType",
    "BaseSalary",
    "ComponentRequirement",
    "Dossier",
    "DossierRevision",
    "Holiday",
    "Nominee",
    "Person",
    "Regime",
]
