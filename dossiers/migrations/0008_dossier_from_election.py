"""The link between a cluster's leader election and the proposal dossier drafted from it moves to the
dossier's side (dossiers stand above clusters): the existing links are copied before clusters 0009 drops
Election.proposal."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    Election = apps.get_model("clusters", "Election")
    Dossier = apps.get_model("dossiers", "Dossier")
    for election_id, dossier_id in Election.objects.filter(proposal__isnull=False).values_list("pk", "proposal_id"):
        Dossier.objects.filter(pk=dossier_id).update(from_election_id=election_id)


def copy_links_back(apps, schema_editor):
    Election = apps.get_model("clusters", "Election")
    Dossier = apps.get_model("dossiers", "Dossier")
    for dossier_id, election_id in Dossier.objects.filter(from_election__isnull=False).values_list("pk", "from_election_id"):
        Election.objects.filter(pk=election_id).update(proposal_id=dossier_id)


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0008_units_moved_to_units"),
        ("dossiers", "0007_unit_moved_to_units"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="from_election",
            field=models.OneToOneField(
                blank=True,
                help_text="Hồ sơ đề nghị cờ thi đua cho đơn vị được cụm, khối suy tôn (một hồ sơ cho một cuộc suy tôn).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="proposal",
                to="clusters.election",
                verbose_name="lập từ kết quả suy tôn",
            ),
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
