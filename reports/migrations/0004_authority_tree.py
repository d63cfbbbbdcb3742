
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from units.migration_ops import owned_by_root


class Migration(migrations.Migration):
    """#13: the records belong to an authority; those made before belong to the root (units.migration_ops)."""

    dependencies = [
        ('reports', '0003_export_job_retry'),
        ('units', '0002_authority_tree'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='reviewreport',
            name='review_report_one_per_kind_year',
        ),
        migrations.AddField(
            model_name='reviewreport',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddConstraint(
            model_name='reviewreport',
            constraint=models.UniqueConstraint(fields=('authority', 'kind', 'year'), name='review_report_one_per_authority_kind_year'),
        ),
        owned_by_root('reports', 'reviewreport'),
        migrations.AlterField(
            model_name='reviewreport',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
