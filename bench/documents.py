"""Rendering time and memory of the documents service. Prints figures; asserts nothing.

    .venv/bin/python bench/documents.py [--certificates 100] [--rows 500] [--chunk 100] [--runs 3]

Times are warm (one render first loads fonts and templates). Memory: the peak of Python allocations
during one render (tracemalloc, which also slows that run down) and the process's peak RSS at the end.
No database is needed.
"""

import argparse
import io
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django
from pypdf import PdfReader

django.setup()

from documents import samples  # noqa: E402
from documents.render import render_many, render_pdf  # noqa: E402


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def timed(label: str, func, runs: int) -> bytes:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = func()
        times.append(time.perf_counter() - start)
    print(
        f"{label:<48} median {statistics.median(times):6.2f} s  (min {min(times):.2f}, runs {runs})  {len(pdf) / 1024:7.0f} KiB"
    )
    return pdf


def peak(label: str, func) -> None:
    tracemalloc.start()
    func()
    _, high = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<48} peak Python allocations {high / 2**20:7.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=100)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--chunk", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    certificates = [samples.certificate(register_number=str(100 + i)) for i in range(args.certificates)]
    decision = samples.big_decision(args.rows)

    render_pdf("documents/certificate.html", certificates[0])  # warm up: fonts, templates
    render_pdf("documents/decision.html", samples.decision())

    one = timed("1 certificate (render_pdf)", lambda: render_pdf("documents/certificate.html", certificates[0]), args.runs * 5)
    many = timed(
        f"{args.certificates} certificates (render_many, chunk {args.chunk})",
        lambda: render_many("documents/certificate.html", certificates, chunk_size=args.chunk),
        args.runs,
    )
    big = timed(
        f"decision + {args.rows}-row annex (render_pdf)", lambda: render_pdf("documents/decision.html", decision), args.runs
    )
    print(f"pages: certificate {pages(one)}, batch {pages(many)}, decision {pages(big)}")

    peak(
        f"{args.certificates} certificates (render_many)",
        lambda: render_many("documents/certificate.html", certificates, chunk_size=args.chunk),
    )
    peak(f"decision + {args.rows}-row annex", lambda: render_pdf("documents/decision.html", decision))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
