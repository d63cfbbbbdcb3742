"""Who decides each award: the single column becomes a row from 31/7/2017, open-ended, for every award that
has one (an administrator's value is kept); then the catalogue's defaults are added where missing
(dossiers.catalogue_seed.complete_catalogue: the commune's LĐTT and Gia đình văn hóa from 2024, the abolished
district's titles from 01/7/2025 unconfirmed, the commune's new Giấy khen, the national awards and the
commendation kinds cống hiến, niên hạn, đối ngoại with their components)."""

import datetime

from django.db import migrations

from dossiers.catalogue_seed import complete_catalogue

SINCE_2017 = datetime.date(2017, 7, 31)
# The legal basis each level's converted row cites (as when this migration was written).
BASIS = {
    "huyen": "Luật TĐKT 2022 Điều 80 k2; cấp huyện kết thúc hoạt động từ 01/7/2025",
    "xa": "Luật TĐKT 2022 Điều 80 k3",
}
LEVELS = ("xa", "huyen", "tinh", "trung_uong")


def forward(apps, schema_editor):
    AwardType = apps.get_model("dossiers", "AwardType")
    AwardDecider = apps.get_model("dossiers", "AwardDecider")
    for award in AwardType.objects.exclude(decision_level=""):
        AwardDecider.objects.get_or_create(
            award=award,
            level=award.decision_level,
            valid_from=SINCE_2017,
            defaults={"legal_basis": BASIS.get(award.decision_level, ""), "confirmed": True},
        )
    complete_catalogue(lambda name: apps.get_model("dossiers", name))


def backward(apps, schema_editor):
    """The column again: each award's earliest row (its level before any later change of authority)."""
    AwardType = apps.get_model("dossiers", "AwardType")
    AwardDecider = apps.get_model("dossiers", "AwardDecider")
    for award in AwardType.objects.all():
        rows = sorted(AwardDecider.objects.filter(award=award), key=lambda d: (d.valid_from, -LEVELS.index(d.level)))
        if rows:
            AwardType.objects.filter(pk=award.pk).update(decision_level=rows[0].level)
    AwardDecider.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0014_award_decider")]
    operations = [migrations.RunPython(forward, backward)]
