"""An election's proposal dossier is now linked from the dossier (Dossier.from_election, dossiers 0008,
which copied the links first): clusters no longer names a model of an app above it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0008_units_moved_to_units"),
        ("dossiers", "0008_dossier_from_election"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="election",
            name="proposal",
        ),
    ]
