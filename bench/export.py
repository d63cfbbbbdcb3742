"""Excel export of 50,000 nominees, end to end through the exporter. Prints figures; asserts nothing.

    .venv/bin/python bench/export.py [--dossiers 5000] [--nominees 10]

Uses DATABASE_URL when set (e.g. a throwaway PostgreSQL: see scripts/test.sh), else a fresh SQLite
file in a temp dir. Three measurements of the nominee list ("Cá nhân, tập thể được đề nghị") as office
staff see it, unfiltered: the exporter alone (rows built through the list's selectors, one COUNT,
streamed into a temporary file), the same under tracemalloc for the peak of Python memory, and the
Celery job path (ExportJob, progress saved every 2,000 rows, the file stored under MEDIA_ROOT). Then
the biggest list still sent back at once (EXPORT_SYNC_MAX_ROWS = 2,000 rows) through a POST request.
"""

import argparse
import datetime
import os
import resource
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
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp())

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.seed import office_and_units, rounds_and_dossiers  # noqa: E402
from dossiers.enums import Outcome, TaskRating, Verdict  # noqa: E402
from dossiers.models import AwardRound, AwardType, Dossier, Nominee  # noqa: E402
from reports.exports import engine, jobs  # noqa: E402
from reports.exports.registry import get_export  # noqa: E402
from reports.models import ExportJob  # noqa: E402
from tdkt_portal.celery import app  # noqa: E402

POSITIONS = ["Chuyên viên", "Phó Chủ tịch UBND xã", "Giáo viên", "Công chức Văn hóa – Xã hội", "Kế toán"]


def build(dossiers: int, per_dossier: int) -> tuple[User, AwardRound]:
    call_command("migrate", verbosity=0)
    staff, units = office_and_units(40)
    rounds = rounds_and_dossiers(staff, units, dossiers, title="Đề nghị khen thưởng số {i}", receipt=True)
    awards = list(AwardType.objects.filter(subject="ca_nhan"))
    batch = []
    for n, dossier_id in enumerate(Dossier.objects.values_list("id", flat=True)):
        for j in range(per_dossier):
            batch.append(
                Nominee(
                    dossier_id=dossier_id,
                    award=awards[(n + j) % len(awards)],
                    full_name=f"Nguyễn Thị Người Thứ {n}-{j}",
                    gender="nu" if j % 2 else "nam",
                    date_of_birth=datetime.date(1970 + (n + j) % 30, 1 + j % 12, 1 + n % 28),
                    ethnic_minority=j == 3,
                    position=POSITIONS[j % len(POSITIONS)],
                    task_rating=TaskRating.EXCELLENT,
                    months_worked=12,
                    verdict=Verdict.ELIGIBLE,
                    appraisal_verdict=Verdict.ELIGIBLE,
                    outcome=Outcome.APPROVED if j % 4 else "",
                    sort_order=j,
                )
            )
        if len(batch) >= 5000:
            Nominee.objects.bulk_create(batch)
            batch = []
    Nominee.objects.bulk_create(batch)
    return staff, rounds[0]


def export_once(staff, params: dict) -> tuple[float, int, int, int]:
    """(seconds, rows, queries, bytes) of build → count → write through the exporter."""
    export = get_export("nguoi-de-nghi")
    reset_queries()
    start = time.perf_counter()
    rows = export.build(staff, params)
    total = rows.count()
    with engine.write_to_tempfile(export, rows) as handle:
        size = handle.seek(0, os.SEEK_END)
    seconds = time.perf_counter() - start
    return seconds, total, len(connection.queries), size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=5000)
    parser.add_argument("--nominees", type=int, default=10, help="nominees per dossier")
    args = parser.parse_args()
    setup_test_environment()
    settings.DEBUG = True  # record queries
    app.conf.task_always_eager = True  # the job runs in this process: no message left in a shared queue
    started = time.perf_counter()
    staff, award_round = build(args.dossiers, args.nominees)
    print(
        f"database={connection.vendor} dossiers={Dossier.objects.count()} nominees={Nominee.objects.count()} "
        f"(built in {time.perf_counter() - started:.0f} s)"
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    export_once(staff, {})  # warm-up (catalogue, translations, first-query caches)
    seconds, total, queries, size = export_once(staff, {})
    print(f"exporter, {total} rows: {seconds:.1f} s, {total / seconds:,.0f} rows/s, {queries} queries, file {size / 1e6:.1f} MB")
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS of the process: {rss_before:.0f} MB after building the data, {rss_after:.0f} MB after exporting")

    tracemalloc.start()
    seconds_traced, _, _, _ = export_once(staff, {})
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    print(f"peak Python memory while exporting {total} rows (tracemalloc): {peak:.1f} MB ({seconds_traced:.0f} s traced)")

    half = {"round": str(award_round.pk)}
    seconds_half, total_half, queries_half, _ = export_once(staff, half)
    print(f"exporter, one round ({total_half} rows): {seconds_half:.1f} s, {queries_half} queries")

    export = get_export("nguoi-de-nghi")
    reset_queries()
    start = time.perf_counter()
    rows = export.build(staff, {})
    # Outside a transaction the on-commit dispatch runs at once; eager, the task runs here.
    job = jobs.export_job_start(by=staff, export=export, params={}, rows=rows, total=rows.count())
    seconds_job = time.perf_counter() - start
    job = ExportJob.objects.get(pk=job.pk)
    print(
        f"job path, {job.total} rows: {seconds_job:.1f} s, status {job.status}, done {job.done}/{job.total}, "
        f"{len(connection.queries)} queries (progress saved every {engine.CHUNK_SIZE} rows), file {job.file.size / 1e6:.1f} MB"
    )

    limit = engine.sync_max_rows()
    sync_round = AwardRound.objects.create(name="Đợt đo kiểm", year=2026, commendation_kind="thuong_xuyen")
    first = list(Dossier.objects.order_by("pk").values_list("pk", flat=True)[: limit // args.nominees])
    Dossier.objects.filter(pk__in=first).update(round=sync_round)
    client = Client()
    client.force_login(staff)
    url = f"/xuat-excel/nguoi-de-nghi/?round={sync_round.pk}"
    client.post(url)
    reset_queries()
    start = time.perf_counter()
    response = client.post(url)
    seconds_sync = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    print(
        f"sync download of the largest list sent at once ({limit} rows): {seconds_sync * 1000:.0f} ms, "
        f"{len(connection.queries)} queries, {len(response.content) / 1e3:.0f} kB"
    )


if __name__ == "__main__":
    main()
