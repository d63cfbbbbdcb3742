"""The regime of Luật 06/2026 (dossiers 0018) pays bonuses as NĐ 152/2025's does: its bonus policy is a copy."""

from django.db import migrations


def copy_policy(apps, schema_editor):
    Regime = apps.get_model("dossiers", "Regime")
    BonusPolicy = apps.get_model("awards", "BonusPolicy")
    source = BonusPolicy.objects.filter(regime__code="nd-152-2025").first()
    for regime in Regime.objects.filter(code="luat-06-2026"):
        defaults = {"rounding_mode": source.rounding_mode, "fund_source": source.fund_source} if source else {}
        BonusPolicy.objects.get_or_create(regime=regime, defaults=defaults)


def drop_policy(apps, schema_editor):
    """Going back: the policy goes before its regime does (dossiers 0019 going back deletes the regime)."""
    apps.get_model("awards", "BonusPolicy").objects.filter(regime__code="luat-06-2026").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0008_council_standing_vice_chair"),
        ("dossiers", "0019_regime_luat_06_2026"),
    ]

    operations = [migrations.RunPython(copy_policy, drop_policy)]
