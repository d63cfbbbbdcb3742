"""What every clusters service shares: who is told, how points are read."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.selectors import role_holders


def people_of(unit_ids, *roles) -> list:
    return list(role_holders(*(roles or (Role.UNIT_CLERK,)), unit_ids=unit_ids))


def tell(users, *, title: str, text: str, url: str, authority_id: int | None = None) -> None:
    """Tell each person once; the link opens in the record's authority (`authority_id`, #13)."""
    from notifications.services import notify

    for user in {u.pk: u for u in users}.values():
        notify(recipient=user, title=title, template="cluster_notice", context={"text": text}, url=url, authority_id=authority_id)


def check_points(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
        if not number.is_finite():
            raise InvalidOperation
        if number < 0:
            raise ValidationError(_("%(label)s không được âm.") % {"label": label})
        if number > Decimal("9999.99"):
            raise ValidationError(_("%(label)s quá lớn (tối đa 9.999,99).") % {"label": label})
        return number.quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(label)s phải là một số.") % {"label": label}) from None
