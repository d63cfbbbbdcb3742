"""An election's proposal dossier is now linked from the dossier (Dossier.from_election, dossiers 0008,
whose links dossiers 0009 copied first): clusters no longer names a model of an app above it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0008_units_moved_to_units"),
        ("dossiers", "0009_copy_election_proposals"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="election",
            name="proposal",
        ),
    ]
