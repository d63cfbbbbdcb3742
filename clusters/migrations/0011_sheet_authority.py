import django.db.models.deletion
from django.db import migrations, models

from units.migration_ops import owned_by_root


def sheets_of_their_group(apps, schema_editor):
    """A group's sheet belongs to the group's authority; a template (no group) to the root (below)."""
    ScoringSheet = apps.get_model("clusters", "ScoringSheet")
    for sheet in ScoringSheet.objects.filter(authority=None, group__isnull=False).select_related("group"):
        sheet.authority_id = sheet.group.authority_id
        sheet.save(update_fields=["authority"])


class Migration(migrations.Migration):
    """#13: scoring sheets, the office's templates too, belong to an authority."""

    dependencies = [
        ('clusters', '0010_authority_tree'),
        ('units', '0002_authority_tree'),
    ]

    operations = [
        migrations.AddField(
            model_name='scoringsheet',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.RunPython(sheets_of_their_group, migrations.RunPython.noop),
        owned_by_root('clusters', 'scoringsheet', refuse_back=False),
        migrations.AlterField(
            model_name='scoringsheet',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
