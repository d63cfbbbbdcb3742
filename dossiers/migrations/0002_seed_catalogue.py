"""Seed the legal catalogue with the values of shared/docs/domain.md (data in dossiers/catalogue_seed.py)."""

from django.db import migrations

from dossiers.catalogue_seed import seed_catalogue


def seed(apps, schema_editor):
    seed_catalogue(lambda name: apps.get_model("dossiers", name))


def unseed(apps, schema_editor):
    for model in ("ComponentRequirement", "Holiday", "BaseSalary", "AwardRule", "AwardType", "Regime"):
        apps.get_model("dossiers", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
