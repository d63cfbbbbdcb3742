
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from units.migration_ops import owned_by_root


class Migration(migrations.Migration):
    """#13: the records belong to an authority; those made before belong to the root (units.migration_ops)."""

    dependencies = [
        ('campaigns', '0006_unit_moved_to_units'),
        ('units', '0002_authority_tree'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='annualplan',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddField(
            model_name='campaign',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddField(
            model_name='submissionrequest',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='annualplan',
            name='year',
            field=models.PositiveSmallIntegerField(verbose_name='năm'),
        ),
        migrations.AddConstraint(
            model_name='annualplan',
            constraint=models.UniqueConstraint(fields=('authority', 'year'), name='plan_one_per_authority_year'),
        ),
        owned_by_root('campaigns', 'annualplan', 'campaign', 'submissionrequest'),
        migrations.AlterField(
            model_name='annualplan',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='campaign',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='submissionrequest',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
