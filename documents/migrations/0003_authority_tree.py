
import django.db.models.deletion
from django.db import migrations, models

from units.migration_ops import owned_by_root


class Migration(migrations.Migration):
    """#13: the records belong to an authority; those made before belong to the root (units.migration_ops)."""

    dependencies = [
        ('documents', '0002_default_certificate_layouts'),
        ('units', '0002_authority_tree'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='numberregister',
            name='documents_register_unique_key',
        ),
        migrations.AddField(
            model_name='numberregister',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddConstraint(
            model_name='numberregister',
            constraint=models.UniqueConstraint(fields=('authority', 'year', 'doc_type', 'issuer_code'), name='documents_register_unique_in_authority'),
        ),
        owned_by_root('documents', 'numberregister'),
        migrations.AlterField(
            model_name='numberregister',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
