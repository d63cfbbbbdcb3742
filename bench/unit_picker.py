"""Server time of pages with a unit picker, before (a plain select holding every unit) and after (the
autocomplete: the select holds only the chosen unit, Tom Select asks units:autocomplete), at 2,000 and
5,000 units, and the suggestions' own time for a typed query. Prints figures; asserts nothing.

    .venv/bin/python bench/unit_picker.py [--runs 20] [--dossiers 500]

"Before" is the same page in the same run with the unit field drawn the old way (forms.Select over the
field's whole queryset): the floor the autocomplete is compared with. Runs against DATABASE_URL if set,
else a fresh SQLite file in a temp dir.
"""

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt_portal.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DEBUG", "1")  # plain static storage (no collectstatic); no HTTPS redirect

import django

django.setup()

from django import forms  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from accounts.filters import UserFilter  # noqa: E402
from accounts.forms import RoleGrantForm  # noqa: E402
from bench.seed import office_and_units, rounds_and_dossiers  # noqa: E402
from core.text import search_key  # noqa: E402
from dossiers.filters import DossierFilter  # noqa: E402
from units.enums import UnitKind  # noqa: E402
from units.models import Unit  # noqa: E402


@contextlib.contextmanager
def plain_selects():
    """The unit filters of the dossier and user lists and the unit of the role form as they were: every unit
    an <option>."""
    filters = DossierFilter.base_filters["unit"], UserFilter.base_filters["unit"]
    role_field = RoleGrantForm.base_fields["unit"]
    widgets = [f.extra["widget"] for f in filters], role_field.widget
    for unit_filter in filters:
        unit_filter.extra["widget"] = forms.Select
    role_field.widget = forms.Select()
    try:
        yield
    finally:
        for unit_filter, widget in zip(filters, widgets[0], strict=True):
            unit_filter.extra["widget"] = widget
        role_field.widget = widgets[1]


def measure(client: Client, url: str, runs: int) -> tuple[float, int, int]:
    """(median ms, queries, response bytes)."""
    client.get(url)  # warm
    timings = []
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), len(connection.queries), len(response.content)


def fill_search_names() -> None:
    """bulk_create writes no search key: the names as units.Unit.save would fold them."""
    unset = Unit.objects.filter(search_name="").values_list("pk", "name")
    rows = [Unit(pk=pk, search_name=search_key(name)) for pk, name in unset]
    Unit.objects.bulk_update(rows, ["search_name"], batch_size=1000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--dossiers", type=int, default=500)
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    staff, units = office_and_units(40)
    rounds_and_dossiers(staff, units, args.dossiers)
    client = Client()
    client.force_login(staff)
    print(f"database={connection.vendor} dossiers={args.dossiers} runs={args.runs} (median ms, queries, KB)")
    pages = [
        ("dossier list, unit filter", "/ho-so/"),
        ("user list, unit filter", "/tai-khoan/nguoi-dung/"),
        ("account page, role form's unit", f"/tai-khoan/nguoi-dung/{staff.pk}/"),
    ]
    for size in (2000, 5000):
        Unit.objects.bulk_create(
            (
                Unit(name=f"Đơn vị đo kiểm {i}", code=f"bench-{i}", kind=UnitKind.values[i % len(UnitKind.values)])
                for i in range(Unit.objects.count(), size)
            ),
            batch_size=1000,
        )
        fill_search_names()
        print(f"\nunits={Unit.objects.count()}")
        for label, url in pages:
            with plain_selects():
                before = measure(client, url, args.runs)
            after = measure(client, url, args.runs)
            print(
                f"  {label:34s} before {before[0]:7.1f} ms {before[1]:3d} q {before[2] / 1024:6.0f} KB"
                f" | after {after[0]:6.1f} ms {after[1]:3d} q {after[2] / 1024:5.0f} KB | {before[0] / after[0]:4.1f}x"
            )
        for typed in ("do kiem 1234", "kiem"):
            ms, queries, size_bytes = measure(client, f"/don-vi/goi-y/?q={typed.replace(' ', '+')}", args.runs)
            print(f"  suggestions for {typed!r:22s} {ms:6.1f} ms {queries:3d} q {size_bytes / 1024:5.1f} KB")


if __name__ == "__main__":
    main()
