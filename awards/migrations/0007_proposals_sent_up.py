
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0006_authority_tree'),
        ('dossiers', '0011_proposals_sent_up'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='sent_as',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sent_from', to='dossiers.dossier', verbose_name='hồ sơ ở cấp trên'),
        ),
        migrations.AddField(
            model_name='decision',
            name='sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='gửi lên lúc'),
        ),
    ]
