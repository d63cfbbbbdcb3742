"""The foreign keys to Unit now name units.Unit (#12): state only, the table is the same."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_search_text"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="campaign",
                    name="owner",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="owned_campaigns",
                        to="units.unit",
                        verbose_name="đơn vị chủ trì, phát động",
                    ),
                ),
                migrations.AlterField(
                    model_name="campaignregistration",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="campaign_registrations",
                        to="units.unit",
                        verbose_name="đơn vị",
                    ),
                ),
                migrations.AlterField(
                    model_name="exemplarymodel",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="exemplary_models",
                        to="units.unit",
                        verbose_name="đơn vị giới thiệu",
                    ),
                ),
                migrations.AlterField(
                    model_name="requestrecipient",
                    name="unit",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="submission_requests",
                        to="units.unit",
                        verbose_name="đơn vị",
                    ),
                ),
            ],
        ),
    ]
