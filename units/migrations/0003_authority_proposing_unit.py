
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('units', '0002_authority_tree'),
    ]

    operations = [
        migrations.AddField(
            model_name='authority',
            name='proposing_unit',
            field=models.OneToOneField(blank=True, help_text='Đơn vị thuộc cơ quan cấp trên mà tờ trình của cơ quan này được gửi dưới tên đó.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='represents', to='units.unit', verbose_name='đơn vị đại diện khi đề nghị cấp trên'),
        ),
    ]
