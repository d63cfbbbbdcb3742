"""Render every document template with the sample contexts of documents/samples.py, to look at them.

    python manage.py render_document_samples /tmp/docs-png [--png] [--dpi 60] [--nd30]

Writes <name>.pdf for each sample (and the blank-form certificate with the default layout), and with
--png one <name>-<page>.png per page through poppler's pdftoppm. With --nd30, also every kind for a district,
a commune and a province with awkward data (documents/samples_nd30.py), as tests/documents/test_nd30.py checks them.
"""

import shutil
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents import samples, samples_nd30
from documents.models import CertificateLayout
from documents.render import render_pdf


class Command(BaseCommand):
    help = "Xuất các văn bản mẫu (PDF, và PNG nếu có pdftoppm) để kiểm tra trình bày."

    def add_arguments(self, parser):
        parser.add_argument("outdir")
        parser.add_argument("--png", action="store_true", help="also one PNG per page (needs poppler-utils)")
        parser.add_argument("--dpi", type=int, default=60)
        parser.add_argument("--nd30", action="store_true", help="also every kind for a district, a commune and a province")

    def handle(self, *args, outdir, png, dpi, nd30=False, **options):
        folder = Path(outdir)
        folder.mkdir(parents=True, exist_ok=True)
        jobs = {name: (template, build()) for name, (template, build) in samples.ALL.items()}
        jobs["decision_300"] = ("documents/decision.html", samples.big_decision(300))
        layout = CertificateLayout.objects.filter(is_default=True).prefetch_related("fields").first()
        if layout:
            jobs["certificate_blank"] = (
                "documents/certificate_blank.html",
                {**samples.certificate(), "layout": layout.as_dict()},
            )
        if nd30:
            jobs.update({f"nd30-{name}": case for name, case in samples_nd30.cases().items()})
        if png and not shutil.which("pdftoppm"):
            raise CommandError("pdftoppm không có (cài poppler-utils)")
        for name, (template, context) in jobs.items():
            path = folder / f"{name}.pdf"
            path.write_bytes(render_pdf(template, context))
            if png:
                subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), str(folder / name)], check=True)
            self.stdout.write(f"{path}")
