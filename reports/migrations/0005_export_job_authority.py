
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0004_authority_tree'),
        ('units', '0002_authority_tree'),
    ]

    operations = [
        migrations.AddField(
            model_name='exportjob',
            name='authority',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
        migrations.AlterField(
            model_name='reviewreport',
            name='authority',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.authority', verbose_name='cơ quan'),
        ),
    ]
