# Run by scripts/prod_stage.sh as `manage.py shell -c "$(cat …)"` after seed_demo: the council's result for one
# nominee of the demo dossier at the council (UBND xã Cự Khê) is recorded, and the office drafts and issues the
# decision through the real services (numbered, rendered by WeasyPrint, the PDF stored with its SHA-256).
# Prints one JSON line: the decision's id, its PDF's path under MEDIA_ROOT and its recorded SHA-256.
import json

from django.utils import timezone

from accounts.models import User
from awards.decisions import decision_issue, decisions_draft
from awards.models import Decision
from dossiers.enums import DossierStatus, Outcome
from dossiers.models import Dossier

office = User.objects.get(username="noivu")
dossier = Dossier.objects.filter(status=DossierStatus.AT_COUNCIL).order_by("pk").first()
nominee = dossier.nominees.order_by("sort_order", "pk").first()
nominee.outcome = Outcome.APPROVED
nominee.save(update_fields=["outcome"])
dossier.status = DossierStatus.DECIDED
dossier.save(update_fields=["status"])
draft = decisions_draft(by=office, award_round=dossier.round)[0]
decision = decision_issue(by=office, decision=draft, date=timezone.localdate(), signer=Decision.Signer.CHAIR)
print(json.dumps({"id": decision.pk, "pdf": decision.pdf.name, "sha256": decision.pdf_sha256}))
