"""Authority and Unit move from clusters to units (#12): the tables keep their names (db_table), only
Django's state moves, and the content types follow so audit entries and permissions still point right."""

import core.models
import django.db.models.deletion
from django.db import migrations, models


MOVED = ["authority", "unit"]


def content_types_to_units(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="clusters", model__in=MOVED).update(app_label="units")


def content_types_to_clusters(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="units", model__in=MOVED).update(app_label="clusters")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('clusters', '0007_search_name'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Authority',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('level', models.CharField(choices=[('tinh', 'Cấp tỉnh'), ('huyen', 'Cấp huyện'), ('xa', 'Cấp xã')], default='huyen', max_length=8, verbose_name='cấp')),
                        ('name', models.CharField(default='ỦY BAN NHÂN DÂN', help_text='Viết hoa như trên văn bản, ví dụ: ỦY BAN NHÂN DÂN HUYỆN THANH OAI.', max_length=200, verbose_name='tên cơ quan ban hành')),
                        ('short_name', models.CharField(default='UBND', help_text='Ví dụ: UBND huyện Thanh Oai.', max_length=120, verbose_name='tên ngắn')),
                        ('parent_name', models.CharField(blank=True, help_text='Ví dụ: UBND THÀNH PHỐ HÀ NỘI.', max_length=200, verbose_name='cơ quan chủ quản')),
                        ('parent_addressee', models.CharField(blank=True, help_text='Dòng “Kính gửi” của tờ trình đề nghị cấp trên, ví dụ: Chủ tịch UBND thành phố Hà Nội.', max_length=200, verbose_name='kính gửi cấp trên')),
                        ('standing_office_name', models.CharField(default='Phòng Nội vụ', max_length=200, verbose_name='cơ quan thường trực thi đua, khen thưởng')),
                        ('council_name', models.CharField(default='Hội đồng Thi đua – Khen thưởng', max_length=200, verbose_name='tên Hội đồng')),
                        ('place_name', models.CharField(blank=True, default='', help_text='Dùng trong dòng “Thanh Oai, ngày … tháng … năm …”.', max_length=100, verbose_name='địa danh ghi trên văn bản')),
                        ('document_code', models.CharField(default='UBND', help_text='Ví dụ: UBND trong “Số: 15/QĐ-UBND”.', max_length=20, verbose_name='chữ viết tắt của cơ quan trên số văn bản')),
                        ('office_code', models.CharField(blank=True, default='NV', help_text='Sau ký hiệu cơ quan trong số công văn, ví dụ: NV trong “147/UBND-NV”.', max_length=20, verbose_name='ký hiệu cơ quan tham mưu')),
                        ('collective_signing', models.CharField(default='TM. ỦY BAN NHÂN DÂN', max_length=120, verbose_name='dòng thay mặt tập thể')),
                        ('chair_title', models.CharField(default='CHỦ TỊCH', max_length=120, verbose_name='chức danh người đứng đầu')),
                        ('deputy_signing', models.CharField(default='KT. CHỦ TỊCH', max_length=120, verbose_name='dòng ký thay')),
                        ('deputy_title', models.CharField(default='PHÓ CHỦ TỊCH', max_length=120, verbose_name='chức danh cấp phó')),
                        ('chair_name', models.CharField(blank=True, max_length=120, verbose_name='họ tên người đứng đầu')),
                        ('deputy_name', models.CharField(blank=True, max_length=120, verbose_name='họ tên cấp phó ký thay')),
                        ('address', models.CharField(blank=True, max_length=255, verbose_name='địa chỉ')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='thư điện tử')),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='điện thoại')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                    ],
                    options={
                        'verbose_name': 'cơ quan ban hành',
                        'verbose_name_plural': 'cơ quan ban hành',
                        'db_table': 'clusters_authority',
                    },
                ),
                migrations.CreateModel(
                    name='Unit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='tên đơn vị')),
                        ('code', models.SlugField(help_text='Mã ngắn, không dấu, không trùng.', max_length=40, unique=True, verbose_name='mã đơn vị')),
                        ('kind', models.CharField(choices=[('phong_ban', 'Phòng, ban chuyên môn'), ('xa', 'Xã, phường, thị trấn'), ('truong_hoc', 'Trường học'), ('su_nghiep', 'Đơn vị sự nghiệp'), ('mat_tran_doan_the', 'Mặt trận Tổ quốc và các đoàn thể'), ('to_chuc_hoi', 'Tổ chức hội'), ('luc_luong_vu_trang', 'Lực lượng vũ trang'), ('don_vi_tinh', 'Đơn vị tỉnh đóng trên địa bàn'), ('doanh_nghiep', 'Doanh nghiệp')], db_index=True, max_length=32, verbose_name='loại đơn vị')),
                        ('is_active', models.BooleanField(db_index=True, default=True, verbose_name='đang hoạt động')),
                        ('is_disadvantaged_area', models.BooleanField(default=False, verbose_name='vùng sâu, vùng xa, biên giới, vùng dân tộc thiểu số')),
                        ('head_name', models.CharField(blank=True, max_length=120, verbose_name='họ tên thủ trưởng')),
                        ('head_title', models.CharField(blank=True, max_length=120, verbose_name='chức vụ thủ trưởng')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='thư điện tử liên hệ')),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='điện thoại')),
                        ('address', models.CharField(blank=True, max_length=255, verbose_name='địa chỉ')),
                        ('sort_order', models.PositiveIntegerField(default=0, verbose_name='thứ tự')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('search_name', models.CharField(blank=True, db_index=True, default='', editable=False, max_length=200)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật lúc')),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='units.unit', verbose_name='đơn vị cấp trên')),
                    ],
                    options={
                        'verbose_name': 'đơn vị',
                        'verbose_name_plural': 'đơn vị',
                        'db_table': 'clusters_unit',
                        'ordering': ['sort_order', 'name'],
                        'constraints': [models.UniqueConstraint(fields=('name', 'parent'), name='unit_unique_name_in_parent')],
                    },
                    bases=(core.models.SearchKeyMixin, models.Model),
                ),
            ],
        ),
        migrations.RunPython(content_types_to_units, content_types_to_clusters),
    ]
