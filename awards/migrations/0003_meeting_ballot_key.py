"""Each ballot gets its own random key (core.ballots); votes stop being linkable once it closes.

Existing data: an open ballot gets a key and its votes' tokens are re-keyed (the old ones were
HMACs under the server's secret), so members keep seeing and changing their votes; a closed ballot's
votes are rewritten shuffled with random tokens."""

import hashlib
import hmac
import random
import secrets

from django.conf import settings
from django.db import migrations, models


def rekey(apps, schema_editor):
    Meeting = apps.get_model("awards", "Meeting")
    CouncilMember = apps.get_model("awards", "CouncilMember")
    Vote = apps.get_model("awards", "Vote")
    for meeting in Meeting.objects.filter(status="dang_bieu_quyet"):
        key = secrets.token_hex(32)
        for member in CouncilMember.objects.filter(council_id=meeting.council_id):
            old = hmac.new(settings.SECRET_KEY.encode(), f"ballot:{meeting.pk}:{member.pk}".encode(), hashlib.sha256)
            new = hmac.new(bytes.fromhex(key), f"ballot:{meeting.pk}:{member.pk}".encode(), hashlib.sha256)
            Vote.objects.filter(item__meeting=meeting, voter_token=old.hexdigest()).update(voter_token=new.hexdigest())
        Meeting.objects.filter(pk=meeting.pk).update(ballot_key=key)
    closed = Vote.objects.filter(item__meeting__status="da_kiem_phieu")
    rows = list(closed.values("item_id", "choice"))
    closed.delete()
    random.SystemRandom().shuffle(rows)
    Vote.objects.bulk_create(Vote(voter_token=secrets.token_hex(32), **row) for row in rows)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0002_bonus_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="ballot_key",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
