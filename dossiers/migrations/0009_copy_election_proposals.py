"""Copy each election's proposal link onto its dossier (Dossier.from_election), before clusters 0009 drops
Election.proposal; backwards, copy it back before 0008 drops the column."""

from django.db import migrations


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
        ("dossiers", "0008_dossier_from_election"),
    ]

    operations = [
        migrations.RunPython(copy_links, copy_links_back),
    ]
