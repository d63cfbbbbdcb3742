
import django.db.models.deletion
from django.db import migrations, models

from units.migration_ops import owned_by_root


class Migration(migrations.Migration):
    """#13: the records belong to an authority; those made before belong to the root (units.migration_ops)."""

    dependencies = [
        ('awards', '0005_print_job_retry'),
        ('units', '0002_authority_tree'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='certificate',
            name='certificate_register_unique',
        ),
        migrations.AddField(
            model_name='certificate',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddField(
            model_name='council',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddField(
            model_name='decision',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='council',
            name='year',
            field=models.PositiveSmallIntegerField(verbose_name='năm'),
        ),
        migrations.AddConstraint(
            model_name='certificate',
            constraint=models.UniqueConstraint(fields=('authority', 'year', 'register_number'), name='certificate_register_unique_in_authority'),
        ),
        migrations.AddConstraint(
            model_name='council',
            constraint=models.UniqueConstraint(fields=('authority', 'year'), name='council_one_per_authority_year'),
        ),
        owned_by_root('awards', 'certificate', 'council', 'decision'),
        migrations.AlterField(
            model_name='certificate',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='council',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='decision',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
