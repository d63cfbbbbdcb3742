
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_form_token'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditentry',
            name='authority_id',
            field=models.PositiveIntegerField(blank=True, db_index=True, null=True, verbose_name='cơ quan'),
        ),
    ]
