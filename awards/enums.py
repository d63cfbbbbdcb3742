"""Named values of the awards app that more than one module reads."""

from django.utils.translation import gettext_lazy as _

# How a bonus is rounded to tens of thousands of đồng (BonusPolicy.rounding_mode, money.round_amount).
NEAREST = "gan_nhat"
UP = "len"
ROUNDING_CHOICES = [(NEAREST, _("Làm tròn gần nhất")), (UP, _("Làm tròn lên"))]
