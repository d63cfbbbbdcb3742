"""Server time of the foundation's list pages as data grows. Prints figures; asserts nothing.

    .venv/bin/python bench/list_pages.py [--units 2000] [--users 5000] [--runs 30]

Runs against DATABASE_URL if set (e.g. a throwaway PostgreSQL), else a fresh SQLite file in a temp dir.
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

from accounts.enums import Role  # noqa: E402
from accounts.models import RoleAssignment, User  # noqa: E402
from units.enums import UnitKind  # noqa: E402
from units.models import Unit  # noqa: E402


def build(units: int, users: int) -> User:
    call_command("migrate", verbosity=0)
    kinds = list(UnitKind.values)
    Unit.objects.bulk_create(
        Unit(name=f"Đơn vị đo kiểm {i}", code=f"bench-{i}", kind=kinds[i % len(kinds)], head_name="Nguyễn Văn A")
        for i in range(units)
    )
    unit_ids = list(Unit.objects.values_list("id", flat=True))
    User.objects.bulk_create(
        User(username=f"bench{i}", full_name=f"Người dùng đo kiểm {i}", email=f"bench{i}@example.vn", password="!")
        for i in range(users)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user_id=uid, role=Role.UNIT_CLERK, unit_id=unit_ids[n % len(unit_ids)])
        for n, uid in enumerate(User.objects.values_list("id", flat=True))
    )
    staff = User.objects.create(username="bench-staff", full_name="Cán bộ đo kiểm")
    RoleAssignment.objects.create(user=staff, role=Role.OFFICE_STAFF)
    return staff


def measure(client: Client, url: str, runs: int) -> dict:
    client.get(url)  # warm
    timings, queries = [], 0
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(connection.queries)
    # Memory in a separate, traced request: tracemalloc slows Python down and would skew the timings.
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
        "queries": queries,
        "peak_mb": peak,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    staff = build(args.units, args.users)
    client = Client()
    client.force_login(staff)
    engine = connection.vendor
    print(f"database={engine} units={Unit.objects.count()} users={User.objects.count()} runs={args.runs}")
    for label, url in [
        ("user list, page 1", "/tai-khoan/nguoi-dung/"),
        ("user list, filtered by role", f"/tai-khoan/nguoi-dung/?role={Role.UNIT_CLERK}&q=1"),
        ("unit list (whole tree)", "/don-vi/"),
        ("office dashboard", "/"),
    ]:
        r = measure(client, url, args.runs)
        print(
            f"{label:32s} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  queries {r['queries']:3d}  peak {r['peak_mb']:6.1f} MB"
        )


if __name__ == "__main__":
    main()
