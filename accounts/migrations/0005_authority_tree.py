
import django.db.models.deletion
from django.db import migrations, models

from units.migration_ops import owned_by_root


class Migration(migrations.Migration):
    """#13: the records belong to an authority; those made before belong to the root (units.migration_ops)."""

    dependencies = [
        ('accounts', '0004_unit_moved_to_units'),
        ('units', '0002_authority_tree'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='roleassignment',
            name='role_unique_without_unit',
        ),
        migrations.AddField(
            model_name='roleassignment',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='role_assignments', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddConstraint(
            model_name='roleassignment',
            constraint=models.UniqueConstraint(condition=models.Q(('unit__isnull', True)), fields=('user', 'role', 'authority'), name='role_unique_in_authority'),
        ),
        owned_by_root('accounts', 'roleassignment'),
        migrations.AlterField(
            model_name='roleassignment',
            name='authority',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='role_assignments', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
