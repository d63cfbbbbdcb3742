"""The pact (giao ước thi đua): drawn up from the members, each member commits, its head confirms."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from core.services import audit_record, save_with_version
from core.services import require_perm as _require
from core.text import normalize_text

from ..models import (
    EmulationGroup,
    Pact,
    PactSignature,
)
from ._common import people_of, tell


@transaction.atomic
def pact_create(*, by, group: EmulationGroup, title: str, common_commitments: str) -> Pact:
    _require(by, "clusters.prepare_pact", group)
    if Pact.objects.filter(group=group).exists():
        raise ValidationError(_("%(group)s đã có giao ước thi đua.") % {"group": group.name})
    pact = Pact.objects.create(
        group=group, title=normalize_text(title), common_commitments=common_commitments.strip(), created_by=by
    )
    PactSignature.objects.bulk_create(PactSignature(pact=pact, unit=m.unit) for m in group.memberships.select_related("unit"))
    audit_record(actor=by, action="pact_create", obj=group, changes={"title": [None, pact.title]})
    tell(
        people_of(group.memberships.values_list("unit_id", flat=True), Role.UNIT_HEAD),
        title=_("Đề nghị xác nhận giao ước thi đua %(group)s") % {"group": group},
        text=_("Đề nghị thủ trưởng đơn vị xem và xác nhận ký giao ước thi đua trên Cổng."),
        url=reverse("clusters:pact", args=[group.pk]),
        authority_id=group.authority_id,
    )
    return pact


@transaction.atomic
def pact_commit(*, by, signature: PactSignature, expected_version: int, commitment: str) -> PactSignature:
    """A member writes what it commits to (clerk or head), before its head confirms. The clerk and the
    head may both edit it: a text saved since the page was opened is not overwritten."""
    from accounts.rules import acts_for_unit

    if not acts_for_unit(by, signature.unit):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    signature.refresh_from_db(fields=["signed_at", "signed_by", "commitment", "version"])
    if signature.signed_at:
        raise ValidationError(_("Đơn vị đã xác nhận giao ước; không sửa được nội dung đăng ký."))
    old = signature.commitment
    signature.commitment = commitment.strip()
    save_with_version(signature, expected_version=expected_version, fields=["commitment"])
    audit_record(
        actor=by,
        action="pact_commit",
        obj=signature.pact.group,
        changes={signature.unit.name: [old or None, signature.commitment]},
    )
    return signature


@transaction.atomic
def pact_sign(*, by, signature: PactSignature, expected_version: int) -> PactSignature:
    """The head confirms the commitment as the page showed it (`expected_version`): a text changed
    since then must be read again before it is signed."""
    _require(by, "clusters.sign_pact", signature)
    signature.refresh_from_db(fields=["signed_at", "signed_by", "version"])
    if signature.signed_at:
        raise ValidationError(_("Đơn vị đã xác nhận giao ước này."))
    signature.signed_by = by
    signature.signed_at = timezone.now()
    save_with_version(signature, expected_version=expected_version, fields=["signed_by", "signed_at"])
    audit_record(actor=by, action="pact_sign", obj=signature.pact.group, changes={signature.unit.name: [None, str(by)]})
    return signature
