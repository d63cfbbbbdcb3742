
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('units', '0004_authority_dissolved_successor'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='authority',
            constraint=models.UniqueConstraint(django.db.models.functions.comparison.Coalesce('parent', models.Value(0)), condition=models.Q(('parent__isnull', True)), name='authority_one_root'),
        ),
    ]
