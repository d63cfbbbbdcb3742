"""Drafting a dossier: creating it, changing its title, and the guards every change of a dossier's
content goes through (still editable by this clerk; the version bumped so a stale page cannot act)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audit_record, diff_fields, save_with_version, snapshot
from core.services import require_perm as _require
from core.text import normalize_text

from ..enums import UNIT_EDITABLE
from ..models import Dossier


def require_editable(by, dossier: Dossier) -> None:
    if dossier.status not in UNIT_EDITABLE:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(status)s”: không sửa được.") % {"status": dossier.get_status_display()}
        )
    _require(by, "dossiers.change_dossier", dossier)


def touch(dossier: Dossier) -> None:
    """Any change to nominees or files bumps the dossier's version: a stale page cannot act on it."""
    Dossier.objects.filter(pk=dossier.pk).update(version=dossier.version + 1, updated_at=timezone.now())
    dossier.version += 1


@transaction.atomic
def dossier_create(*, by, unit, award_round, title: str) -> Dossier:
    _require(by, "dossiers.create_dossier", unit)
    if award_round.authority_id != unit.authority_id:  # a unit proposes to the authority it belongs to (#13)
        raise ValidationError({"award_round": _("Đợt xét này không thuộc cơ quan của đơn vị.")})
    if not award_round.is_open:
        raise ValidationError({"award_round": _("Đợt xét này đã ngừng nhận hồ sơ.")})
    dossier = Dossier.objects.create(
        unit=unit, round=award_round, commendation_kind=award_round.commendation_kind, title=title, created_by=by
    )
    audit_record(actor=by, action="dossier_create", obj=dossier, changes={"title": [None, dossier.title]})
    return dossier


@transaction.atomic
def dossier_update(*, by, dossier: Dossier, expected_version: int, title: str) -> Dossier:
    require_editable(by, dossier)
    old = snapshot(dossier, ["title"])
    dossier.title = normalize_text(title)
    save_with_version(dossier, expected_version=expected_version, fields=["title"])
    audit_record(actor=by, action="dossier_update", obj=dossier, changes=diff_fields(dossier, old, ["title"]))
    return dossier
