"""The province revokes the decision that took over a commune's proposed row (#13): the commune's Tờ trình page
says so (number, date, reason) instead of "approved", and neither ledger counts the award any more."""

import pytest
from django.urls import reverse

from awards import decisions
from awards.models import Decision
from awards.upward import proposal_progress, proposal_send, tell_revoked
from dossiers.enums import DossierStatus, Outcome, Verdict
from dossiers.models import AwardRecord, Dossier, Nominee
from dossiers.selectors import ledger_records
from dossiers.services import dossier_transition
from notifications.links import in_authority
from notifications.models import Notification
from reports.statistics import Period, decided_above

from .test_upward import TODAY, frozen, proposal, province_round  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
REASON = "Phát hiện cá nhân bị kỷ luật khiển trách trong năm"


@pytest.fixture
def revoked(proposal, commune_x, office_staff, province_round):  # noqa: F811
    """Phong Thổ's Tờ trình sent up, the province's decision on it issued, then revoked."""
    sent = proposal_send(by=commune_x.office, decision=proposal)
    copy = sent.nominees.get()
    Nominee.objects.filter(pk=copy.pk).update(appraisal_verdict=Verdict.ELIGIBLE, outcome=Outcome.APPROVED)
    Dossier.objects.filter(pk=sent.pk).update(status=DossierStatus.AT_COUNCIL)
    sent.refresh_from_db()
    dossier_transition(sent, to=DossierStatus.DECIDED, by=office_staff)
    (draft,) = decisions.decisions_draft(by=office_staff, award_round=province_round)
    issued = decisions.decision_issue(by=office_staff, decision=draft, date=TODAY.date(), signer="tm")
    assert list(ledger_records(authority_id=commune_x.authority.pk)) == list(AwardRecord.objects.all())  # counted, once
    return decisions.decision_revoke(by=office_staff, decision=issued, reason=REASON)


def test_the_commune_sees_the_provinces_decision_revoked(client, revoked, proposal, commune_x):  # noqa: F811
    assert revoked.status == Decision.Status.REVOKED
    proposal.refresh_from_db()
    (row,) = proposal_progress(proposal)["rows"]
    assert row["decision"] is None and row["revoked"] == revoked
    client.force_login(commune_x.office)
    body = " ".join(client.get(reverse("awards:decision", args=[proposal.pk])).content.decode().split())
    on = f"{TODAY:%d/%m/%Y}"
    assert f"Quyết định khen thưởng số {revoked.number} ngày {on} đã bị thu hồi, hủy bỏ ngày {on}" in body
    assert f"Lý do: {REASON}" in body
    assert "được khen theo Quyết định" not in body
    assert "Được khen" not in body.split('id="upward-results"')[1].split("</ul>")[0]  # the vote no longer reads as an award


def test_neither_ledger_counts_the_revoked_award(revoked, commune_x, commune_y, province):
    assert not AwardRecord.objects.filter(award__code="cstd-tinh").exists()
    assert not ledger_records(authority_id=commune_x.authority.pk).exists()
    assert not ledger_records(authority_id=province.pk).exists()
    assert decided_above(Period.whole_year(TODAY.year), authority_id=commune_x.authority.pk) == 0
    assert not ledger_records(authority_id=commune_y.authority.pk).exists()


def test_the_communes_office_is_told_of_the_revoke(revoked, proposal, commune_x, commune_y, office_staff):  # noqa: F811
    """awards.decisions.decision_revoke calls tell_revoked (wired there); here it is called as it would be."""
    Notification.objects.all().delete()
    assert tell_revoked(revoked) == 1
    (told,) = Notification.objects.all()
    assert told.recipient == commune_x.office
    assert told.title == "Tờ trình gửi cấp trên: Quyết định khen thưởng đã bị thu hồi, hủy bỏ"
    assert f"Quyết định số {revoked.number} ngày {TODAY:%d/%m/%Y} đã bị thu hồi, hủy bỏ. Lý do: {REASON}" in told.body
    assert told.url == in_authority(reverse("awards:decision", args=[proposal.pk]), commune_x.authority.pk)
    # A decision that decided no Tờ trình from below tells nobody.
    assert tell_revoked(proposal) == 0
