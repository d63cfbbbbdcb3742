"""The foreign keys to Unit now name units.Unit (#12): state only, the table is the same."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0006_search_name"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="awardrecord",
                    name="collective_unit",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="award_records",
                        to="units.unit",
                        verbose_name="tập thể (đơn vị)",
                    ),
                ),
                migrations.AlterField(
                    model_name="dossier",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="dossiers",
                        to="units.unit",
                        verbose_name="đơn vị đề nghị",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="unit",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="units.unit",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
        ),
    ]
