from django.db import migrations


def seed(apps, schema_editor):
    Regime = apps.get_model("dossiers", "Regime")
    BonusPolicy = apps.get_model("awards", "BonusPolicy")
    for regime in Regime.objects.all():
        BonusPolicy.objects.get_or_create(regime=regime)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("dossiers", "0002_seed_catalogue")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
