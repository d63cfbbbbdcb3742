
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0010_authority_tree'),
    ]

    operations = [
        migrations.AddField(
            model_name='nominee',
            name='proposed_from',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sent_up_as', to='dossiers.nominee', verbose_name='đề nghị từ cấp dưới'),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='channel',
            field=models.CharField(choices=[('truc_tuyen', 'Trực tuyến trên Cổng'), ('mot_cua', 'Trực tiếp tại Bộ phận Một cửa'), ('buu_chinh', 'Qua bưu chính'), ('cap_duoi', 'Tờ trình cấp dưới gửi lên qua Cổng')], default='truc_tuyen', max_length=16, verbose_name='hình thức nộp'),
        ),
    ]
