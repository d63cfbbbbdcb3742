"""The link between a cluster's leader election and the proposal dossier drafted from it moves to the
dossier's side (dossiers stand above clusters): the new column. 0009 copies the existing links, in a
migration of its own (on PostgreSQL, rows updated in a transaction hold pending constraint checks that
forbid altering the tables in the same transaction); then clusters 0009 drops Election.proposal."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0008_units_moved_to_units"),
        ("dossiers", "0007_unit_moved_to_units"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="from_election",
            field=models.OneToOneField(
                blank=True,
                help_text="Hồ sơ đề nghị cờ thi đua cho đơn vị được cụm, khối suy tôn (một hồ sơ cho một cuộc suy tôn).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="proposal",
                to="clusters.election",
                verbose_name="lập từ kết quả suy tôn",
            ),
        ),
    ]
