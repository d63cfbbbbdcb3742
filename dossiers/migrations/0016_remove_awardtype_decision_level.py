from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0015_award_deciders_from_column")]
    operations = [
        # A default first, so going back can add the column to a table with rows (0015 then fills it).
        migrations.AlterField(
            model_name="awardtype",
            name="decision_level",
            field=models.CharField(
                blank=True,
                default="",
                choices=[
                    ("xa", "Chủ tịch UBND cấp xã"),
                    ("huyen", "Chủ tịch UBND cấp huyện"),
                    ("tinh", "Chủ tịch UBND cấp tỉnh"),
                    ("trung_uong", "Cấp trung ương"),
                ],
                max_length=16,
                verbose_name="thẩm quyền quyết định",
            ),
        ),
        migrations.RemoveField(model_name="awardtype", name="decision_level"),
    ]
