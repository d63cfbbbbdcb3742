
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0011_proposals_sent_up'),
        ('units', '0003_authority_proposing_unit'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='awardrecord',
            index=models.Index(fields=['authority', 'decision_date'], name='ledger_authority_date'),
        ),
    ]
