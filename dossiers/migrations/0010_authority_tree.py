
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from units.migration_ops import owned_by_root


class Migration(migrations.Migration):
    """#13: the records belong to an authority; those made before belong to the root (units.migration_ops)."""

    dependencies = [
        ('clusters', '0010_authority_tree'),
        ('dossiers', '0009_copy_election_proposals'),
        ('units', '0002_authority_tree'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='awardrecord',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddField(
            model_name='awardround',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddField(
            model_name='dossier',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='receipt_number',
            field=models.CharField(blank=True, max_length=30, null=True, verbose_name='số tiếp nhận'),
        ),
        migrations.AddConstraint(
            model_name='dossier',
            constraint=models.UniqueConstraint(fields=('authority', 'receipt_number'), name='dossier_receipt_unique_in_authority'),
        ),
        owned_by_root('dossiers', 'awardrecord', 'awardround', 'dossier'),
        migrations.AlterField(
            model_name='awardrecord',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='awardround',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
