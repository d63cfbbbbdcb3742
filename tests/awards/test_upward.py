"""A Tờ trình sent up in the portal (#13): from a commune's issued proposal to a received dossier in the
province's queue, returned for a supplement, answered, decided at the province, seen back at the commune."""

import datetime
import subprocess

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import decisions
from awards.models import Decision
from awards.upward import proposal_progress, proposal_resubmit, proposal_send, send_problem
from core.models import AuditEntry
from dossiers.enums import Channel, DossierStatus, Outcome, Subject, TaskRating, Verdict
from dossiers.models import Attachment, AwardRecord, AwardRound, AwardType, Dossier, Nominee
from dossiers.selectors import ledger_records
from dossiers.services import dossier_transition
from notifications.links import in_authority
from notifications.models import Notification
from reports.statistics import Period, decided_above
from units.enums import UnitKind
from units.models import Unit

from ..factories import UnitFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 7, 9, 0)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def province_round(province):
    return AwardRound.objects.create(
        authority=province, name="Tổng kết năm 2026 (tỉnh)", year=2026, commendation_kind="thuong_xuyen"
    )


@pytest.fixture
def proposal(commune_x, province, province_round):
    """Phong Thổ's council passed a CSTĐ tỉnh nominee and its office issued the Tờ trình."""
    representative = UnitFactory(authority=province, name="UBND xã Phong Thổ", code="ubnd-phong-tho", kind=UnitKind.COMMUNE)
    commune = commune_x.authority
    commune.proposing_unit = representative
    commune.parent_addressee = "Chủ tịch UBND tỉnh Lai Châu"
    commune.office_code = "VP"  # its Văn phòng HĐND và UBND drafts and files its documents
    commune.save()
    award_round = AwardRound.objects.create(
        authority=commune, name="Tổng kết năm 2026", year=2026, commendation_kind="thuong_xuyen"
    )
    dossier = Dossier.objects.create(
        unit=commune_x.unit,
        round=award_round,
        commendation_kind="thuong_xuyen",
        title="Đề nghị khen thưởng năm 2026",
        created_by=commune_x.clerk,
        status=DossierStatus.AT_COUNCIL,
    )
    nominee = Nominee.objects.create(
        dossier=dossier,
        subject=Subject.INDIVIDUAL,
        award=AwardType.objects.get(code="cstd-tinh"),
        full_name="Lò Văn Thanh",
        gender="nam",
        date_of_birth=datetime.date(1982, 8, 3),
        position="Hiệu trưởng",
        task_rating=TaskRating.EXCELLENT,
        months_worked=12,
        appraisal_verdict=Verdict.ELIGIBLE,
        outcome=Outcome.APPROVED,
    )
    report = Attachment(dossier=dossier, nominee=nominee, component="bao_cao_thanh_tich", uploaded_by=commune_x.clerk)
    report.original_name, report.content_type, report.size, report.sha256 = "bao-cao.pdf", "application/pdf", len(PDF), "x"
    report.file.save("bao-cao.pdf", SimpleUploadedFile("bao-cao.pdf", PDF), save=True)
    dossier_transition(dossier, to=DossierStatus.DECIDED, by=commune_x.office)
    (draft,) = decisions.decisions_draft(by=commune_x.office, award_round=award_round)
    assert draft.kind == Decision.Kind.PROPOSAL
    return decisions.decision_issue(by=commune_x.office, decision=draft, date=datetime.date(2026, 12, 7), signer="tm")


def test_the_proposal_arrives_as_a_received_dossier_in_the_provinces_queue(proposal, commune_x, province, office_staff):
    sent = proposal_send(by=commune_x.office, decision=proposal)
    assert (sent.authority, sent.unit.name, sent.channel) == (province, "UBND xã Phong Thổ", Channel.UPWARD)
    assert sent.status == DossierStatus.RECEIVED
    assert sent.receipt_number == "2026-00001"  # the province's register
    assert sent.due_date > datetime.date(2026, 12, 7)
    (copy,) = sent.nominees.all()
    assert copy.proposed_from.full_name == "Lò Văn Thanh" and copy.outcome == ""  # the province votes again
    files = {(a.component, a.original_name) for a in sent.attachments.all()}
    assert ("bao_cao_thanh_tich", "bao-cao.pdf") in files
    assert any(component == "to_trinh" for component, _name in files)
    # A second click returns the same dossier; the province's office is told, the commune's is not.
    assert proposal_send(by=commune_x.office, decision=proposal) == sent
    assert Dossier.objects.filter(channel=Channel.UPWARD).count() == 1
    assert Notification.objects.filter(recipient=office_staff, url__contains=f"/{sent.pk}/").exists()
    assert not Notification.objects.filter(recipient=commune_x.office, url__contains=f"/{sent.pk}/").exists()
    assert AuditEntry.objects.filter(action="proposal_sent", object_id=proposal.pk).exists()
    # Sent, it can no longer be revoked here: the province holds it.
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match="đã gửi lên cấp trên"):
        decisions.decision_revoke(by=commune_x.office, decision=proposal, reason="Nhầm người")


def test_the_communes_proposal_is_filed_by_its_own_office(proposal):
    text = subprocess.run(["pdftotext", "-", "-"], input=proposal.pdf.read(), capture_output=True, check=True).stdout.decode()
    assert "Lưu: VT, VP." in " ".join(text.split())
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lai Châu." in " ".join(text.split())


def test_another_commune_cannot_send_it_and_a_commune_without_a_representative_cannot_send(proposal, commune_x, commune_y):
    with pytest.raises(PermissionDenied):  # another authority's office: refused before anything is sent
        proposal_send(by=commune_y.office, decision=proposal)
    assert not Dossier.objects.filter(channel=Channel.UPWARD).exists()
    commune = commune_x.authority
    commune.proposing_unit = None
    commune.save()
    proposal.refresh_from_db()
    assert "Chưa khai báo UBND xã Phong Thổ là đơn vị của" in send_problem(proposal)
    with pytest.raises(ValidationError):
        proposal_send(by=commune_x.office, decision=proposal)


def test_returned_supplemented_decided_and_seen_back_at_the_commune(proposal, commune_x, office_staff, province_round):
    sent = proposal_send(by=commune_x.office, decision=proposal)
    dossier_transition(sent, to=DossierStatus.RETURNED, by=office_staff, note="Bổ sung xác nhận sáng kiến cấp tỉnh.")
    proposal.refresh_from_db()
    progress = proposal_progress(proposal)
    assert progress["dossier"].is_returned and progress["dossier"].return_reason == "Bổ sung xác nhận sáng kiến cấp tỉnh."
    # The commune's office is told, with the way back to its Tờ trình (opening in the commune, notifications.links).
    told = Notification.objects.get(recipient=commune_x.office, title__contains="Yêu cầu bổ sung")
    assert told.url == in_authority(reverse("awards:decision", args=[proposal.pk]), commune_x.authority.pk)

    with pytest.raises(ValidationError):  # an empty answer is refused and changes nothing
        proposal_resubmit(by=commune_x.office, decision=proposal, note="", uploads=[])
    upload = SimpleUploadedFile("xac-nhan-sang-kien.pdf", PDF, content_type="application/pdf")
    proposal_resubmit(by=commune_x.office, decision=proposal, note="Đã bổ sung xác nhận.", uploads=[upload])
    sent.refresh_from_db()
    assert sent.status == DossierStatus.RECEIVED
    assert sent.attachments.filter(original_name="xac-nhan-sang-kien.pdf").exists()

    # The province appraises, its council passes the nominee, it decides and issues the decision.
    copy = sent.nominees.get()
    Nominee.objects.filter(pk=copy.pk).update(appraisal_verdict=Verdict.ELIGIBLE, outcome=Outcome.APPROVED)
    Dossier.objects.filter(pk=sent.pk).update(status=DossierStatus.AT_COUNCIL)
    sent.refresh_from_db()
    dossier_transition(sent, to=DossierStatus.DECIDED, by=office_staff)
    (draft,) = decisions.decisions_draft(by=office_staff, award_round=province_round)
    assert draft.kind == Decision.Kind.DECISION  # the province decides the CSTĐ tỉnh
    issued = decisions.decision_issue(by=office_staff, decision=draft, date=datetime.date(2026, 12, 7), signer="tm")

    (row,) = proposal_progress(proposal)["rows"]
    assert row["decision"] == issued and row["nominee"].proposed_from.dossier.authority == commune_x.authority
    # One ledger row for the award: the province's (it decided), in the commune's ledger too; the commune's
    # statistics name it beside its own figures.
    (record,) = AwardRecord.objects.filter(award__code="cstd-tinh")
    assert (record.authority, record.decision_number) == (province_round.authority, issued.number)
    assert list(ledger_records(authority_id=commune_x.authority.pk)) == [record]
    assert decided_above(Period.whole_year(2026), authority_id=commune_x.authority.pk) == 1


def test_the_proposals_page_sends_it_and_shows_where_it_stands(client, proposal, commune_x, commune_y):
    client.force_login(commune_x.office)
    page = reverse("awards:decision", args=[proposal.pk])
    assert "Gửi tờ trình lên cấp trên" in client.get(page).content.decode()
    response = client.post(reverse("awards:proposal_send", args=[proposal.pk]), follow=True)
    body = response.content.decode()
    assert "Đã gửi tờ trình lên UBND tỉnh Lai Châu: số tiếp nhận 2026-00001" in body
    assert 'id="upward-status"' in body
    # Another commune's office: the page and the action are not found.
    client.force_login(commune_y.office)
    assert client.get(page).status_code == 404
    assert client.post(reverse("awards:proposal_send", args=[proposal.pk])).status_code == 404


def test_a_failed_supplement_keeps_the_typed_note(client, proposal, commune_x, office_staff):
    sent = proposal_send(by=commune_x.office, decision=proposal)
    dossier_transition(sent, to=DossierStatus.RETURNED, by=office_staff, note="Bổ sung xác nhận sáng kiến.")
    client.force_login(commune_x.office)
    bad = SimpleUploadedFile("virus.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(reverse("awards:proposal_supplement", args=[proposal.pk]), {"note": "Gửi kèm xác nhận", "file": bad})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Gửi kèm xác nhận" in body
    sent.refresh_from_db()
    assert sent.status == DossierStatus.RETURNED and not sent.attachments.filter(original_name="virus.exe").exists()


def test_the_province_unit_is_the_communes_name_in_the_province(proposal, province):
    assert Unit.objects.get(code="ubnd-phong-tho").authority == province
