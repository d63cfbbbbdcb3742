
import django.db.models.deletion
from django.db import migrations, models

from units.migration_ops import owned_by_root


class Migration(migrations.Migration):
    """#13: the records belong to an authority; those made before belong to the root (units.migration_ops)."""

    dependencies = [
        ('units', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='authority',
            options={'ordering': ['parent_id', 'name'], 'verbose_name': 'cơ quan ban hành', 'verbose_name_plural': 'cơ quan ban hành'},
        ),
        migrations.AddField(
            model_name='authority',
            name='code',
            field=models.SlugField(blank=True, help_text='Mã ngắn, không dấu, không trùng.', max_length=40, null=True, unique=True, verbose_name='mã cơ quan'),
        ),
        migrations.AddField(
            model_name='authority',
            name='parent',
            field=models.ForeignKey(blank=True, help_text='Để trống cho cơ quan cao nhất của hệ thống (UBND tỉnh).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='units.authority', verbose_name='cơ quan cấp trên'),
        ),
        migrations.AddField(
            model_name='unit',
            name='authority',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        owned_by_root('units', 'unit'),
        migrations.AlterField(
            model_name='unit',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
