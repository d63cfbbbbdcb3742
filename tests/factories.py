import factory
from factory.django import DjangoModelFactory

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from units.enums import UnitKind
from units.models import Unit

PASSWORD = "Mat-khau-thu-2026"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"UBND xã Thử Nghiệm {n}")
    code = factory.Sequence(lambda n: f"don-vi-{n}")
    kind = UnitKind.COMMUNE
    head_name = "Nguyễn Văn Thủ"
    email = factory.LazyAttribute(lambda o: f"{o.code}@example.vn")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Trần Thị Bình {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """roles=[(Role.UNIT_CLERK, unit), (Role.OFFICE_STAFF, None), (Role.OFFICE_STAFF, None, authority)]:
        a unit's role counts in the unit's authority; another role in the one named, else the root."""
        for role, unit, *authority in extracted or []:
            RoleAssignment.objects.create(user=self, role=role, unit=unit, authority=authority[0] if authority else None)
        self.save()


def user_with_role(role: Role, unit: Unit | None = None, *, authority=None, **kwargs) -> User:
    return UserFactory(roles=[(role, unit, authority)], **kwargs)
