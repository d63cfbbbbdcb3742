"""Server time of the staff dossier list at district scale. Prints figures; asserts nothing. The floor of
each page is its own SELECT statements, captured from the page and run again bare on the same connection;
the ratio says what the page costs above its SQL (rendering, the ORM, middleware).

    .venv/bin/python bench/dossier_list.py [--dossiers 5000] [--nominees 10] [--runs 40]

Uses DATABASE_URL when set (e.g. a throwaway PostgreSQL: see scripts/test.sh), else a fresh SQLite
file in a temp dir.
"""

import argparse
import os
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
from bench.seed import office_and_units, rounds_and_dossiers  # noqa: E402
from dossiers.models import AwardRound, AwardType, Dossier, Nominee  # noqa: E402


def build(dossiers: int, per_dossier: int) -> tuple[User, AwardRound, AwardType]:
    call_command("migrate", verbosity=0)
    staff, units = office_and_units(40)
    rounds = rounds_and_dossiers(staff, units, dossiers, title="Hồ sơ đề nghị {i}")
    awards = list(AwardType.objects.filter(subject="ca_nhan"))
    ids = list(Dossier.objects.values_list("id", flat=True))
    batch = []
    for n, dossier_id in enumerate(ids):
        for j in range(per_dossier):
            batch.append(Nominee(dossier_id=dossier_id, award=awards[(n + j) % len(awards)], full_name=f"Người {n}-{j}"))
        if len(batch) >= 5000:
            Nominee.objects.bulk_create(batch)
            batch = []
    Nominee.objects.bulk_create(batch)
    return staff, rounds[0], awards[0]


def sql_floor(statements: list[str], runs: int) -> float:
    """The floor of one page: its own SQL statements, as the page ran them, run again bare (p50, ms)."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def measure(client: Client, url: str, runs: int) -> dict:
    client.get(url)
    timings, queries, statements = [], 0, []
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(connection.queries)
        statements = [q["sql"] for q in connection.queries if q["sql"].lstrip().upper().startswith("SELECT")]
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
        "queries": queries,
        "peak": peak,
        "floor": sql_floor(statements, runs),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=5000)
    parser.add_argument("--nominees", type=int, default=10, help="nominees per dossier")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    setup_test_environment()
    started = time.perf_counter()
    staff, award_round, award = build(args.dossiers, args.nominees)
    print(
        f"database={connection.vendor} dossiers={Dossier.objects.count()} nominees={Nominee.objects.count()} "
        f"(built in {time.perf_counter() - started:.0f} s) runs={args.runs}"
    )
    client = Client()
    client.force_login(staff)
    for label, url in [
        ("all dossiers, page 1", "/ho-so/"),
        ("page 100", "/ho-so/?page=100"),
        ("filtered: round + award", f"/ho-so/?round={award_round.pk}&award={award.pk}"),
        ("filtered: status tab + search", "/ho-so/?status=da_tiep_nhan&q=1"),
        ("search: a nominee typed bare", "/ho-so/?q=nguoi+17-3"),  # "Người 17-3", no diacritics
        ("sorted by nominee count", "/ho-so/?sort=-nominee_count"),
        ("overdue only", "/ho-so/?overdue=on"),
        ("office dashboard", "/"),
    ]:
        r = measure(client, url, args.runs)
        print(
            f"{label:32s} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  queries {r['queries']:3d}  peak {r['peak']:5.1f} MB"
            f"  floor (its SELECTs run bare) {r['floor']:6.1f} ms  ×{r['p50'] / r['floor']:.1f}"
        )


if __name__ == "__main__":
    main()
