from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0015_award_deciders_from_column")]
    operations = [migrations.RemoveField(model_name="awardtype", name="decision_level")]
