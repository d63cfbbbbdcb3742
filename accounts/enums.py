from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    OFFICE_STAFF = "office_staff", _("Cán bộ cơ quan thường trực TĐKT")
    UNIT_CLERK = "unit_clerk", _("Cán bộ phụ trách TĐKT của đơn vị")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    COUNCIL_CHAIR = "council_chair", _("Chủ tịch Hội đồng TĐKT")


# Roles held for a particular unit: the unit is required. The others act for the whole authority
# (their unit, if any, says where the person works).
UNIT_ROLES = frozenset({Role.UNIT_CLERK, Role.UNIT_HEAD})
COUNCIL_ROLES = frozenset({Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR})
# Roles held in one authority as a whole (#13): its office's staff, its council's members and chair.
AUTHORITY_ROLES = frozenset({Role.OFFICE_STAFF, *COUNCIL_ROLES})
# Roles only a system administrator may grant.
ADMIN_GRANTED_ROLES = frozenset({Role.ADMIN, Role.OFFICE_STAFF})
