"""Authority and Unit leave the state of clusters for units, and the foreign keys of clusters name units.Unit
(#12): state only, the tables are the same."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_unit_moved_to_units"),
        ("campaigns", "0006_unit_moved_to_units"),
        ("clusters", "0007_search_name"),
        ("dossiers", "0007_unit_moved_to_units"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="Authority",
                ),
                migrations.AlterField(
                    model_name="pactsignature",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="units.unit", verbose_name="đơn vị"
                    ),
                ),
                migrations.AlterField(
                    model_name="election",
                    name="winner",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.unit",
                        verbose_name="đơn vị được suy tôn",
                    ),
                ),
                migrations.AlterField(
                    model_name="leadershipterm",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="units.unit", verbose_name="đơn vị"
                    ),
                ),
                migrations.AlterField(
                    model_name="emulationgroup",
                    name="head",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.unit",
                        verbose_name="đơn vị trưởng cụm, khối",
                    ),
                ),
                migrations.AlterField(
                    model_name="scorecard",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="score_cards",
                        to="units.unit",
                        verbose_name="đơn vị",
                    ),
                ),
                migrations.AlterField(
                    model_name="groupmember",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="group_memberships",
                        to="units.unit",
                        verbose_name="đơn vị",
                    ),
                ),
                migrations.AlterField(
                    model_name="electionvote",
                    name="candidate",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="units.unit"),
                ),
                migrations.AlterField(
                    model_name="emulationgroup",
                    name="deputy",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.unit",
                        verbose_name="đơn vị phó trưởng cụm, khối",
                    ),
                ),
                migrations.AlterField(
                    model_name="electionreceipt",
                    name="unit",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="units.unit"),
                ),
                migrations.DeleteModel(
                    name="Unit",
                ),
            ],
        ),
    ]
