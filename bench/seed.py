"""Data the bench scripts share (import after django.setup()): an office account, units, two annual
rounds and dossiers in every status, bulk-created."""

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from dossiers.enums import DossierStatus
from dossiers.models import AwardRound, Dossier
from units.enums import UnitKind
from units.models import Unit


def office_and_units(count: int = 40, *, kinds=(UnitKind.COMMUNE,), disadvantaged_every: int = 0) -> tuple[User, list[Unit]]:
    Unit.objects.bulk_create(
        Unit(
            name=f"Đơn vị đo kiểm {i}",
            code=f"bench-{i}",
            kind=kinds[i % len(kinds)],
            is_disadvantaged_area=bool(disadvantaged_every) and i % disadvantaged_every == 0,
        )
        for i in range(count)
    )
    staff = User.objects.create(username="bench-staff", full_name="Cán bộ đo kiểm")
    RoleAssignment.objects.create(user=staff, role=Role.OFFICE_STAFF)
    return staff, list(Unit.objects.order_by("pk"))


def rounds_and_dossiers(
    staff: User, units: list[Unit], count: int, *, title="Hồ sơ đề nghị {i}", receipt=False
) -> list[AwardRound]:
    """`count` dossiers over two annual rounds and the units, cycling through every status."""
    rounds = [
        AwardRound.objects.create(name=f"Tổng kết năm {year}", year=year, commendation_kind="thuong_xuyen")
        for year in (2024, 2025)
    ]
    statuses = list(DossierStatus.values)
    Dossier.objects.bulk_create(
        (
            Dossier(
                unit=units[i % len(units)],
                round=rounds[i % 2],
                commendation_kind="thuong_xuyen",
                title=title.format(i=i),
                created_by=staff,
                status=statuses[i % len(statuses)],
                receipt_number=f"TN-{i:05d}" if receipt else None,
            )
            for i in range(count)
        ),
        batch_size=1000,
    )
    return rounds
