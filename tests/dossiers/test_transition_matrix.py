"""Every transition of the map, tried by every kind of user: allowed exactly for the right role."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.enums import Role
from dossiers import services
from dossiers.enums import Outcome, Verdict
from dossiers.models import Dossier
from tests.factories import UnitFactory, user_with_role

pytestmark = pytest.mark.django_db

ACTORS = ["clerk", "head", "clerk_other_unit", "office", "council_member", "council_chair", "admin"]

# Who may take each transition (the rest must be refused).
EXPECTED = {
    "submit_dossier": {"clerk"},
    "withdraw_dossier": {"clerk", "head"},
    "process_dossier": {"office"},
}


def _actor(kind, unit):
    other = UnitFactory()
    return {
        "clerk": lambda: user_with_role(Role.UNIT_CLERK, unit),
        "head": lambda: user_with_role(Role.UNIT_HEAD, unit),
        "clerk_other_unit": lambda: user_with_role(Role.UNIT_CLERK, other),
        "office": lambda: user_with_role(Role.OFFICE_STAFF),
        "council_member": lambda: user_with_role(Role.COUNCIL_MEMBER),
        "council_chair": lambda: user_with_role(Role.COUNCIL_CHAIR),
        "admin": lambda: user_with_role(Role.ADMIN),
    }[kind]()


def _put_in(dossier: Dossier, status: str) -> Dossier:
    """Place the dossier in `status` with whatever that state implies (test setup, not the workflow)."""
    nominee = dossier.nominees.get()
    nominee.appraisal_verdict, nominee.outcome = Verdict.ELIGIBLE, Outcome.APPROVED
    nominee.save()
    Dossier.objects.filter(pk=dossier.pk).update(
        status=status, returned_at=timezone.now(), due_date=timezone.localdate(), submitted_at=timezone.now()
    )
    return Dossier.objects.get(pk=dossier.pk)


CASES = [(frm, to, perm.split(".")[1], actor) for (frm, to), (perm, _label) in services.TRANSITIONS.items() for actor in ACTORS]


@pytest.mark.parametrize(("frm", "to", "perm", "actor"), CASES, ids=[f"{c[0]}->{c[1]}-{c[3]}" for c in CASES])
def test_transition_permission_matrix(complete_draft, frm, to, perm, actor):
    dossier = _put_in(complete_draft, frm)
    user = _actor(actor, dossier.unit)
    allowed = actor in EXPECTED[perm]
    if allowed:
        services.dossier_transition(dossier, to=to, by=user, note="Ghi chú kiểm thử")
        assert Dossier.objects.get(pk=dossier.pk).status == to
    else:
        with pytest.raises(PermissionDenied):
            services.dossier_transition(dossier, to=to, by=user, note="Ghi chú kiểm thử")
        assert Dossier.objects.get(pk=dossier.pk).status == frm
