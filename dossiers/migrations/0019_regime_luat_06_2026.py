"""The catalogue gains Luật 06/2026/QH16's regime from
01/10/2026 (dossiers.catalogue_seed.SUCCESSORS: NĐ 152/2025's award rules copied, unconfirmed; a dossier received
before keeps the 2022 law unless the new rule is more favourable), and NĐ 152's row ends on 30/09/2026 when it
was open. An administrator's rows are kept (complete_catalogue adds what is missing by code)."""

import datetime

from django.db import migrations

from dossiers.catalogue_seed import complete_catalogue


def forward(apps, schema_editor):
    complete_catalogue(lambda name: apps.get_model("dossiers", name))


def backward(apps, schema_editor):
    """The regime goes with its copied rules; NĐ 152's row is open again if it ended the day before it."""
    Regime = apps.get_model("dossiers", "Regime")
    regime = Regime.objects.filter(code="luat-06-2026").first()
    if regime is None:
        return
    Regime.objects.filter(code="nd-152-2025", valid_to=regime.valid_from - datetime.timedelta(days=1)).update(valid_to=None)
    regime.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0018_regime_transition_luat_06_2026"),
    ]

    operations = [migrations.RunPython(forward, backward)]
