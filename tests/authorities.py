"""Several authorities in one installation (#13), for the tests that check who sees what.

The ordinary fixtures (office_staff, unit_a, clerk_a, council_member…) belong to the installation's root
authority; the `province` fixture makes that root a province, and `commune_x` / `commune_y` are two
communes under it, each with its own office, council member, unit and clerk."""

from dataclasses import dataclass

from accounts.enums import Role
from accounts.models import User
from units.enums import AuthorityLevel, UnitKind
from units.models import Authority, Unit

from .factories import UnitFactory, user_with_role


@dataclass(frozen=True)
class Place:
    """One authority and the people who act in it."""

    authority: Authority
    office: User
    council_member: User
    unit: Unit
    clerk: User


def make_province() -> Authority:
    root = Authority.root()
    root.level = AuthorityLevel.PROVINCE
    root.code = "tinh-lai-chau"
    root.name = "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    root.short_name = "UBND tỉnh Lai Châu"
    root.place_name = "Lai Châu"
    root.standing_office_name = "Sở Nội vụ"
    root.save()
    return root


def make_commune(code: str, name: str, *, parent: Authority) -> Place:
    """A commune under `parent` with its office (Văn phòng HĐND và UBND), a council member, a school and its clerk."""
    authority = Authority.objects.create(
        parent=parent,
        level=AuthorityLevel.COMMUNE,
        code=code,
        name=f"ỦY BAN NHÂN DÂN XÃ {name.upper()}",
        short_name=f"UBND xã {name}",
        place_name=name,
        standing_office_name="Văn phòng HĐND và UBND xã",
        document_code="UBND",
    )
    unit = UnitFactory(authority=authority, name=f"Trường Tiểu học xã {name}", code=f"{code}-th", kind=UnitKind.SCHOOL)
    return Place(
        authority=authority,
        office=user_with_role(Role.OFFICE_STAFF, authority=authority, full_name=f"Cán bộ Văn phòng xã {name}"),
        council_member=user_with_role(Role.COUNCIL_MEMBER, authority=authority, full_name=f"Ủy viên Hội đồng xã {name}"),
        unit=unit,
        clerk=user_with_role(Role.UNIT_CLERK, unit, full_name=f"Cán bộ Trường Tiểu học xã {name}"),
    )
