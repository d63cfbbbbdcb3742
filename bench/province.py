"""A province in one installation (#13): 100 authorities (the province and 99 communes), 5,000 units and
200,000 nominees a year. Times the pages the province's office lives on — its dossier list, its queue of
Tờ trình sent up by the communes, the statistics rolled up by authority — and a commune office's list, on
the same data. Prints figures; asserts nothing. Each page's floor is its own SELECT statements run bare.

    DATABASE_URL=postgres://… .venv/bin/python bench/province.py [--communes 99] [--units 5000]
        [--nominees 200000] [--runs 30]

Meant for PostgreSQL (the production database at this size); falls back to a temp SQLite file.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt_portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.enums import Role  # noqa: E402
from accounts.models import RoleAssignment, User  # noqa: E402
from bench.dossier_list import measure  # noqa: E402
from dossiers.enums import Channel, DossierStatus, Outcome  # noqa: E402
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier, Nominee  # noqa: E402
from units.enums import AuthorityLevel, UnitKind  # noqa: E402
from units.models import Authority, Unit  # noqa: E402

YEAR = 2026
DECIDED_ON = datetime.date(YEAR, 12, 1)
# A commune's dossiers over the steps: most decided by now (late in the year), some at each other step.
COMMUNE_STATUSES = [DossierStatus.DECIDED] * 5 + [DossierStatus.DRAFT, DossierStatus.RECEIVED, DossierStatus.AT_COUNCIL]


def build(communes: int, units_total: int, nominees_total: int) -> dict:
    call_command("migrate", verbosity=0)
    province = Authority.root()
    Authority.objects.filter(pk=province.pk).update(level=AuthorityLevel.PROVINCE, short_name="UBND tỉnh đo kiểm")
    Authority.objects.bulk_create(
        Authority(
            parent=province, level=AuthorityLevel.COMMUNE, code=f"xa-{i}", name=f"UBND XÃ ĐO KIỂM {i}", short_name=f"UBND xã {i}"
        )
        for i in range(communes)
    )
    children = list(Authority.objects.filter(parent=province).order_by("pk"))
    # The province's units: its departments and each commune as the unit it proposes under.
    per_commune = (units_total - 100 - communes) // communes
    departments = units_total - communes - per_commune * communes  # about 100, so the total is exact
    Unit.objects.bulk_create(
        [Unit(authority=province, name=f"Sở đo kiểm {i}", code=f"so-{i}", kind=UnitKind.DEPARTMENT) for i in range(departments)]
        + [Unit(authority=province, name=f"UBND xã {i}", code=f"ubnd-xa-{i}", kind=UnitKind.COMMUNE) for i in range(communes)]
        + [
            Unit(authority=child, name=f"Trường {i} xã {n}", code=f"xa-{n}-{i}", kind=UnitKind.SCHOOL)
            for n, child in enumerate(children)
            for i in range(per_commune)
        ],
        batch_size=2000,
    )
    for n, child in enumerate(children):
        child.proposing_unit = Unit.objects.get(code=f"ubnd-xa-{n}")
    Authority.objects.bulk_update(children, ["proposing_unit"])
    staff = {}
    for authority in [province, children[0]]:
        user = User.objects.create(username=f"bench-office-{authority.pk}", full_name="Cán bộ đo kiểm")
        RoleAssignment.objects.create(user=user, role=Role.OFFICE_STAFF, authority=authority)
        staff[authority.pk] = user
    rounds = {
        a.pk: AwardRound.objects.create(authority=a, name=f"Tổng kết năm {YEAR}", year=YEAR, commendation_kind="thuong_xuyen")
        for a in [province, *children]
    }
    # 20 nominees a dossier, the dossiers spread over every unit (a commune as a unit of the province: its Tờ trình).
    per_dossier = 20
    dossier_count = nominees_total // per_dossier
    units = list(Unit.objects.select_related("authority").order_by("pk"))
    creator = staff[province.pk]
    Dossier.objects.bulk_create(
        (
            Dossier(
                authority_id=unit.authority_id,
                round=rounds[unit.authority_id],
                unit=unit,
                commendation_kind="thuong_xuyen",
                title=f"Hồ sơ đề nghị {i}",
                created_by=creator,
                status=COMMUNE_STATUSES[i % len(COMMUNE_STATUSES)],
                channel=Channel.UPWARD if unit.kind == UnitKind.COMMUNE and unit.authority_id == province.pk else Channel.ONLINE,
                receipt_number=f"{YEAR}-{i:06d}",
            )
            for i, unit in ((i, units[i % len(units)]) for i in range(dossier_count))
        ),
        batch_size=2000,
    )
    awards = list(AwardType.objects.filter(subject="ca_nhan").order_by("pk"))
    batch = []
    for n, (dossier_id, status) in enumerate(Dossier.objects.values_list("id", "status").iterator()):
        outcome = Outcome.APPROVED if status == DossierStatus.DECIDED else ""
        for j in range(per_dossier):
            batch.append(
                Nominee(dossier_id=dossier_id, award=awards[(n + j) % len(awards)], full_name=f"Người {n}-{j}", outcome=outcome)
            )
        if len(batch) >= 10000:
            Nominee.objects.bulk_create(batch)
            batch = []
    Nominee.objects.bulk_create(batch)
    # The ledger: every approved nominee of a decided dossier, decided by the dossier's authority.
    records = []
    decided = Nominee.objects.filter(outcome=Outcome.APPROVED).values_list("pk", "award_id", "dossier__authority_id", "full_name")
    for pk, award_id, authority_id, full_name in decided.iterator():
        records.append(
            AwardRecord(
                authority_id=authority_id,
                year=YEAR,
                award_id=award_id,
                nominee_id=pk,
                collective_name=full_name,
                decision_number="01/QĐ-UBND",
                decision_date=DECIDED_ON,
            )
        )
        if len(records) >= 10000:
            AwardRecord.objects.bulk_create(records)
            records = []
    AwardRecord.objects.bulk_create(records)
    return {"province": province, "commune": children[0], "staff": staff}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=99)
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--nominees", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    started = time.perf_counter()
    built = build(args.communes, args.units, args.nominees)
    print(
        f"database={connection.vendor} authorities={Authority.objects.count()} units={Unit.objects.count()} "
        f"dossiers={Dossier.objects.count()} nominees={Nominee.objects.count()} ledger={AwardRecord.objects.count()} "
        f"(built in {time.perf_counter() - started:.0f} s) runs={args.runs}"
    )
    pages = [
        (built["province"], "province office: dossier list", "/ho-so/"),
        (built["province"], "province office: Tờ trình sent up", "/ho-so/?channel=cap_duoi"),
        (built["province"], "province office: statistics by authority", f"/thong-ke/?nam={YEAR}&theo=co-quan"),
        (built["province"], "province office: dashboard", "/"),
        (built["commune"], "a commune office: dossier list", "/ho-so/"),
    ]
    clients = {}
    for authority, label, url in pages:
        client = clients.get(authority.pk)
        if client is None:
            client = clients[authority.pk] = Client()
            client.force_login(built["staff"][authority.pk])
        r = measure(client, url, args.runs)
        print(
            f"{label:42s} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  queries {r['queries']:3d}  peak {r['peak']:5.1f} MB"
            f"  floor (its SELECTs run bare) {r['floor']:6.1f} ms  ×{r['p50'] / r['floor']:.1f}"
        )


if __name__ == "__main__":
    main()
