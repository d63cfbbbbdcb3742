"""Server time of the statistics page and of the list behind a figure, at district scale. Prints figures;
asserts nothing.

    .venv/bin/python bench/statistics_page.py [--years 5] [--per-year 8000] [--runs 20]

Builds `years` years of honoured people (ledger rows with their nominee, dossier and unit; the
shares' attributes spread like a real district's) and times GET /thong-ke/ for one half-year with its
year-before comparison, and GET /thong-ke/danh-sach/?nhom=nu. Uses DATABASE_URL when set (e.g. a
throwaway PostgreSQL: see scripts/test.sh), else a fresh SQLite file in a temp dir.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt_portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DEBUG", "1")  # plain static storage (no collectstatic); no HTTPS redirect

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.seed import office_and_units  # noqa: E402
from dossiers.enums import CommendationKind, DossierStatus, Outcome, Subject  # noqa: E402
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier, Nominee, Person  # noqa: E402
from units.enums import UnitKind  # noqa: E402

FIRST_YEAR = 2026


def build(years: int, per_year: int) -> User:
    call_command("migrate", verbosity=0)
    staff, units = office_and_units(120, kinds=list(UnitKind.values), disadvantaged_every=7)
    awards = list(AwardType.objects.filter(code__in=["ldtt", "cstdcs", "gk-huyen-ca-nhan", "ttldtt"]))
    rng = random.Random(1)
    categories = list(Nominee.WorkerCategory.values)
    for year in range(FIRST_YEAR - years + 1, FIRST_YEAR + 1):
        award_round = AwardRound.objects.create(name=f"Năm {year}", year=year, commendation_kind=CommendationKind.REGULAR)
        Dossier.objects.bulk_create(
            Dossier(
                unit=unit,
                round=award_round,
                commendation_kind="thuong_xuyen",
                title="Đề nghị",
                created_by=staff,
                status=DossierStatus.CLOSED,
            )
            for unit in units
        )
        dossiers = list(Dossier.objects.filter(round=award_round))
        people = Person.objects.bulk_create(
            Person(full_name=f"Người {year}-{i}", unit=dossiers[i % len(dossiers)].unit, gender=rng.choice(["nam", "nu"]))
            for i in range(per_year)
        )
        nominees = Nominee.objects.bulk_create(
            (
                Nominee(
                    dossier=dossiers[i % len(dossiers)],
                    subject=Subject.INDIVIDUAL,
                    award=awards[i % len(awards)],
                    person=people[i],
                    full_name=people[i].full_name,
                    gender=people[i].gender,
                    ethnic_minority=rng.random() < 0.06,
                    worker_category=rng.choice(categories),
                    outcome=Outcome.APPROVED,
                )
                for i in range(per_year)
            ),
            batch_size=2000,
        )
        AwardRecord.objects.bulk_create(
            (
                AwardRecord(
                    year=year,
                    award=nominee.award,
                    person=nominee.person,
                    nominee=nominee,
                    decision_number="01/QĐ-UBND",
                    decision_date=datetime.date(year, 1 + i % 12, 1 + i % 28),
                )
                for i, nominee in enumerate(nominees)
            ),
            batch_size=2000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have done on a live database
    return staff


def measure(client: Client, url: str, runs: int) -> dict:
    client.get(url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    reset_queries()
    client.get(url)
    queries = len(connection.queries)
    tracemalloc.start()
    client.get(url)
    _, high = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "queries": queries,
        "peak_mib": high / 2**20,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--per-year", type=int, default=8000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    start = time.perf_counter()
    staff = build(args.years, args.per_year)
    print(
        f"database: {connection.vendor}; {AwardRecord.objects.count():,} ledger rows over {args.years} years "
        f"(built in {time.perf_counter() - start:.1f} s)"
    )
    client = Client()
    client.force_login(staff)
    from django.conf import settings

    settings.DEBUG = True  # connection.queries
    period = f"tu_ngay=01/01/{FIRST_YEAR}&den_ngay=30/06/{FIRST_YEAR}"
    for label, url in (
        ("statistics page (half-year + year before)", f"/thong-ke/?{period}"),
        ("list behind a figure (women, page 1)", f"/thong-ke/danh-sach/?{period}&nhom=nu"),
    ):
        figures = measure(client, url, args.runs)
        print(
            f"{label:<44} median {figures['median']:7.1f} ms  p95 {figures['p95']:7.1f} ms  "
            f"{figures['queries']:3d} queries  peak Python allocations {figures['peak_mib']:.1f} MiB"
        )


if __name__ == "__main__":
    main()
