"""Secret ballots (the council's, a cluster's leader election): counting, and keeping votes apart from
voters.

Secrecy: each ballot gets a random key when it opens (`new_ballot_key`). A vote row carries only
`voter_token(key, voter)`, an HMAC under that key, so that a voter may change their vote while the
ballot is open and see their own choices. When the ballot closes the key is erased and the vote rows
are written again in random order with random tokens (`forget_voters`): from then on nobody — not
the operator with the database and the server's secret — can tell who voted how, or match the order
of votes with the order of the receipts that say who voted.
"""

import hashlib
import hmac
import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

YES, NO, ABSTAIN = "dong_y", "khong_dong_y", "khong_bieu_quyet"
# How the threshold is counted (the values of dossiers.enums.VoteDenominator, kept there as choices).
ALL_MEMBERS, PRESENT = "tong_so", "co_mat"


def new_ballot_key() -> str:
    return secrets.token_hex(32)


def voter_token(key: str, *voter) -> str:
    """The link between a vote and its voter while the ballot is open; no key, no link."""
    if not key:
        raise ValueError("The ballot is closed: its votes are no longer linked to voters.")
    return hmac.new(bytes.fromhex(key), ":".join(str(part) for part in voter).encode(), hashlib.sha256).hexdigest()


def forget_voters(queryset: models.QuerySet, *, token_field: str = "voter_token") -> int:
    """Write the votes again, shuffled, with new ids and random tokens (call when the key is erased)."""
    model = queryset.model
    fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key and f.attname != token_field]
    rows = list(queryset.values(*fields))
    queryset.delete()
    random.SystemRandom().shuffle(rows)
    model.objects.bulk_create(model(**row, **{token_field: secrets.token_hex(32)}) for row in rows)
    return len(rows)


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    denominator: int
    percent: Decimal
    passed: bool
    threshold_label: str

    @property
    def percent_label(self) -> str:
        return f"{self.percent:.1f}".replace(".", ",")


def threshold_label(threshold_percent: Decimal | None, denominator_kind: str) -> str:
    of = "tổng số thành viên Hội đồng" if denominator_kind == ALL_MEMBERS else "số thành viên tham gia biểu quyết"
    if threshold_percent is None:
        return f"trên 50% {of}"
    value = f"{Decimal(threshold_percent).normalize():f}".replace(".", ",")
    return f"từ {value}% {of} trở lên"


def tally(
    choices: Iterable[str], *, members_total: int, participants: int, threshold_percent: Decimal | None, denominator_kind: str
) -> Tally:
    """Count one nominee's votes.

    members_total: voting members of the council; participants: those present plus absent members
    who sent a written opinion. With no threshold in the catalogue a simple majority (> 50 %) applies;
    abstentions count in the denominator, never as "yes"; a tie does not pass.
    """
    choices = list(choices)
    yes, no, abstain = choices.count(YES), choices.count(NO), choices.count(ABSTAIN)
    denominator = members_total if denominator_kind == ALL_MEMBERS else participants
    if denominator <= 0:
        return Tally(yes, no, abstain, 0, Decimal(0), False, threshold_label(threshold_percent, denominator_kind))
    percent = (Decimal(yes * 100) / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if threshold_percent is None:
        passed = yes * 2 > denominator
    else:
        passed = Decimal(yes * 100) >= Decimal(threshold_percent) * denominator
    return Tally(yes, no, abstain, denominator, percent, passed, threshold_label(threshold_percent, denominator_kind))
