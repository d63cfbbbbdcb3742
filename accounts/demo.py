"""Demo accounts, one or more per role. Fictional people; one shared demo password."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from .enums import Role
from .models import RecoveryCode, RoleAssignment, User

DEMO_PASSWORD = "TdktDemo@2026"

# (username, full name, position, [(role, unit code or None)], superuser)
USERS = [
    ("quantri", "Nguyễn Văn Quản", "Quản trị hệ thống", [(Role.ADMIN, None)], True),
    ("noivu", "Lê Thị Hương", "Chuyên viên Phòng Nội vụ", [(Role.OFFICE_STAFF, "phong-noi-vu")], False),
    ("chutich", "Bùi Văn Hải", "Chủ tịch UBND huyện", [(Role.COUNCIL_CHAIR, "vp-hdnd-ubnd")], False),
    ("hoidong", "Hoàng Văn Sơn", "Trưởng phòng Nội vụ", [(Role.COUNCIL_MEMBER, "phong-noi-vu")], False),
    ("hoidong2", "Mai Văn Chiến", "Chủ tịch Ủy ban MTTQ huyện", [(Role.COUNCIL_MEMBER, "mttq")], False),
    ("vanthu.kimbai", "Trần Văn Nam", "Công chức Văn hóa – Xã hội", [(Role.UNIT_CLERK, "tt-kim-bai")], False),
    ("vanthu.cukhe", "Phạm Thị Lan", "Công chức Văn phòng – Thống kê", [(Role.UNIT_CLERK, "xa-cu-khe")], False),
    ("vanthu.gddt", "Vũ Thị Thanh", "Chuyên viên Phòng Giáo dục và Đào tạo", [(Role.UNIT_CLERK, "phong-gddt")], False),
    ("thutruong.kimbai", "Đỗ Minh Tuấn", "Chủ tịch UBND thị trấn Kim Bài", [(Role.UNIT_HEAD, "tt-kim-bai")], False),
]


def seed_users(units) -> list[tuple[str, str, str]]:
    """Create or reset the demo accounts; returns (username, full name, roles) rows to print."""
    rows = []
    for username, full_name, position, roles, superuser in USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.full_name = full_name
        user.position = position
        user.email = f"{username}@thanhoai.example.vn"
        user.is_active = True
        user.is_superuser = user.is_staff = superuser
        user.must_change_password = False
        user.set_password(DEMO_PASSWORD)
        user.save()
        # Demo logins stay password-only (the README lists them): a reset turns two-step sign-in off.
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        for role, unit_code in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role, unit=units[unit_code] if unit_code else None)
        rows.append((username, full_name, ", ".join(str(Role(r).label) for r, _unit in roles)))
    return rows
