"""A regime says how it treats the dossiers received before it began (Regime.transition), which text began it,
what it copied and whether its rules are confirmed. The schema only: the rows follow in 0019, its own transaction
(PostgreSQL refuses to alter a table with pending trigger events, as going back would after deleting rows)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0017_holiday_confirmed_generated'),
    ]

    operations = [
        migrations.AddField(
            model_name='regime',
            name='confirmed',
            field=models.BooleanField(default=True, help_text='Bỏ chọn: các quy định được sao chép từ chế độ trước, quản trị viên cần đối chiếu với văn bản.', verbose_name='đã xác nhận các quy định'),
        ),
        migrations.AddField(
            model_name='regime',
            name='copied_from',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='successors', to='dossiers.regime', verbose_name='sao chép quy định từ'),
        ),
        migrations.AddField(
            model_name='regime',
            name='introduced_by',
            field=models.CharField(blank=True, help_text='Văn bản mà từ ngày hiệu lực của nó chế độ này được áp dụng, ví dụ “Luật 06/2026/QH16”.', max_length=120, verbose_name='văn bản đặt ra chế độ'),
        ),
        migrations.AddField(
            model_name='regime',
            name='transition',
            field=models.CharField(choices=[('tu_ngay_tiep_nhan', 'Chỉ áp dụng cho hồ sơ tiếp nhận từ ngày hiệu lực'), ('neu_co_loi_hon', 'Hồ sơ tiếp nhận trước ngày hiệu lực giữ chế độ trước, trừ khi chế độ này có lợi hơn cho người được đề nghị')], default='tu_ngay_tiep_nhan', max_length=20, verbose_name='hồ sơ tiếp nhận trước ngày hiệu lực'),
        ),
    ]
