
import django.db.models.deletion
from django.db import migrations, models

from units.migration_ops import owned_by_root


class Migration(migrations.Migration):
    """#13: the records belong to an authority; those made before belong to the root (units.migration_ops)."""

    dependencies = [
        ('clusters', '0009_election_proposal_on_the_dossier'),
        ('units', '0002_authority_tree'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='emulationgroup',
            name='group_unique_name_in_year',
        ),
        migrations.AddField(
            model_name='emulationgroup',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AddConstraint(
            model_name='emulationgroup',
            constraint=models.UniqueConstraint(fields=('authority', 'year', 'name'), name='group_unique_name_in_authority_year'),
        ),
        owned_by_root('clusters', 'emulationgroup'),
        migrations.AlterField(
            model_name='emulationgroup',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
