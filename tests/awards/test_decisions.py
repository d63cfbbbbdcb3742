import datetime
import hashlib
import subprocess

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from awards import decisions, printing
from awards.models import Certificate, Decision
from core.models import AuditEntry
from dossiers.enums import Outcome, Subject
from dossiers.models import AwardRecord, AwardType, Nominee

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def test_drafts_split_decided_here_from_proposed_upward(decided, office_staff):
    drafts = decisions.decisions_draft(by=office_staff, award_round=decided.round)
    kinds = {d.award.code: d.kind for d in drafts}
    assert kinds == {"ldtt": Decision.Kind.DECISION, "cstd-tinh": Decision.Kind.PROPOSAL}
    ldtt = next(d for d in drafts if d.award.code == "ldtt")
    assert ldtt.title == "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2024"
    assert decisions.decisions_draft(by=office_staff, award_round=decided.round) == []


def _issue(decided, office_staff, code="ldtt", date=datetime.date(2025, 1, 15)):
    drafts = decisions.decisions_draft(by=office_staff, award_round=decided.round)
    decision = next(d for d in drafts if d.award.code == code)
    return decisions.decision_issue(
        by=office_staff,
        decision=decision,
        date=date,
        signer="tm",
        proposal_ref="Tờ trình số 12/TTr-NV ngày 10/01/2025 của Phòng Nội vụ",
    )


def test_issue_numbers_computes_money_and_stores_the_pdf(decided, office_staff):
    decision = _issue(decided, office_staff)
    assert (decision.number, decision.status) == ("01/QĐ-UBND", Decision.Status.ISSUED)
    line = decision.lines.get()
    assert (line.base_salary, str(line.exact_amount), line.amount) == (2_340_000, "702000.00", 700_000)
    pdf = decision.pdf.read()
    assert hashlib.sha256(pdf).hexdigest() == decision.pdf_sha256
    text = _pdf_text(pdf)
    for expected in [
        "QUYẾT ĐỊNH",
        "Số: 01/QĐ-UBND",
        "Thanh Oai, ngày 15 tháng 01 năm 2025",
        "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2024",
        "Nguyễn Thị Hoa",
        "700.000",
        "Bảy trăm nghìn đồng",
        "Xét đề nghị của Trưởng phòng Nội vụ tại Tờ trình số 12/TTr-NV",
    ]:
        assert expected in " ".join(text.split()), expected
    record = AwardRecord.objects.get(nominee__full_name="Nguyễn Thị Hoa")
    assert (record.decision_number, record.decision_date) == ("01/QĐ-UBND", datetime.date(2025, 1, 15))


def test_issued_decision_does_not_change_when_a_name_is_corrected(decided, office_staff):
    decision = _issue(decided, office_staff)
    before = (decision.snapshot, decision.pdf_sha256)
    Nominee.objects.filter(full_name="Nguyễn Thị Hoa").update(full_name="Nguyễn Thị Hòa")
    decision.refresh_from_db()
    assert (decision.snapshot, decision.pdf_sha256) == before
    assert decision.snapshot["individuals"][0]["full_name"] == "Nguyễn Thị Hoa"
    with pytest.raises(ValidationError):
        decisions.decision_issue(by=office_staff, decision=decision, date=datetime.date(2025, 2, 1), signer="tm")


def test_proposal_upward_is_a_to_trinh_without_money(decided, office_staff):
    proposal = _issue(decided, office_staff, code="cstd-tinh")
    assert proposal.number == "01/TTr-UBND"
    assert proposal.lines.get().amount == 0
    text = " ".join(_pdf_text(proposal.pdf.read()).split())
    assert "TỜ TRÌNH" in text
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Hà Nội" in text


def test_certificates_verify_publicly_and_show_revocation(client, decided, office_staff):
    decision = _issue(decided, office_staff)
    certificate = Certificate.objects.get()
    url = reverse("certificate_verify", args=[certificate.token])
    body = client.get(url).content.decode()
    assert "Giấy khen, giấy chứng nhận hợp lệ" in body
    assert "Bà Nguyễn Thị Hoa" in body
    assert "01/QĐ-UBND" in body
    assert "1980" not in body  # no other personal data (the birth date)
    decisions.decision_revoke(by=office_staff, decision=decision, reason="Hồ sơ khai sai thành tích")
    assert "ĐÃ BỊ THU HỒI" in client.get(url).content.decode()
    assert AwardRecord.objects.filter(nominee__full_name="Nguyễn Thị Hoa").exists() is False
    assert AuditEntry.objects.get(action="decision_revoke").note == "Hồ sơ khai sai thành tích"
    assert client.get(reverse("certificate_verify", args=["khong-co"])).status_code == 404


def test_revocation_needs_a_reason(decided, office_staff):
    decision = _issue(decided, office_staff)
    with pytest.raises(ValidationError):
        decisions.decision_revoke(by=office_staff, decision=decision, reason=" ")
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.ISSUED


def test_payout_lists_in_pdf_and_excel(client, decided, office_staff):
    import io

    import openpyxl

    decision = _issue(decided, office_staff)
    client.force_login(office_staff)
    pdf = client.get(reverse("awards:payout_pdf", args=[decision.pk])).content
    assert "DANH SÁCH CHI TIỀN THƯỞNG" in " ".join(_pdf_text(pdf).split()).upper()
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("exports:payout", args=[decision.pk])).content))
    sheet = workbook.active
    assert [c.value for c in sheet[2]] == [
        "STT",
        "Họ và tên / Tập thể",
        "Đơn vị",
        "Danh hiệu, hình thức",
        "Số tiền (đồng)",
        "Ký nhận",
    ]
    assert [c.value for c in sheet[3]][:5] == [1, "Nguyễn Thị Hoa", "UBND xã Cự Khê", "Lao động tiên tiến", 700000]
    assert sheet["B5"].value == "Bằng chữ: Bảy trăm nghìn đồng"


def test_batch_print_makes_one_pdf_with_progress(client, decided, office_staff, django_capture_on_commit_callbacks):
    decision = _issue(decided, office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        job = decisions.print_job_start(by=office_staff, decision=decision, blank_form=False)
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("xong", 1, 1)
    text = " ".join(_pdf_text(job.file.read()).split())
    assert "GIẤY CHỨNG NHẬN" in text
    assert "Bà Nguyễn Thị Hoa" in text
    client.force_login(office_staff)
    assert "Tải tệp PDF để in" in client.get(reverse("awards:print_job", args=[job.pk])).content.decode()


def test_household_and_collective_go_to_their_annex_sections(decided, office_staff, unit_a):
    from awards.documents_data import decision_dict

    gk = AwardType.objects.get(code="gk-huyen-tap-the")
    collective = Nominee.objects.create(
        dossier=decided, subject=Subject.COLLECTIVE, award=gk, full_name="Tổ Một cửa", outcome=Outcome.APPROVED
    )
    decision = Decision.objects.create(kind="quyet_dinh", round=decided.round, award=gk, created_by=office_staff, title="t")
    from awards.models import DecisionLine

    line = DecisionLine.objects.create(decision=decision, nominee=collective, amount=1_400_000)
    data = decision_dict(decision, [line], number="2/QĐ-UBND", date=datetime.date(2025, 9, 1), signer="kt")
    assert data["collectives"][0]["full_name"] == "Tổ Một cửa"
    assert data["individuals"] == []
    article = "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho 01 tập thể (có danh sách kèm theo)."
    assert data["articles"][0] == article
    assert data["signer"]["signing_line"] == "KT. CHỦ TỊCH"


def test_print_job_whose_worker_died_fails_then_retry_makes_one_new_pdf(
    client, decided, office_staff, django_capture_on_commit_callbacks
):
    from awards.models import PrintJob
    from awards.tasks import print_jobs_sweep

    decision = _issue(decided, office_staff)
    job = decisions.print_job_start(by=office_staff, decision=decision, blank_form=False)  # not dispatched: no commit
    start = timezone.now()
    PrintJob.objects.filter(pk=job.pk).update(status=PrintJob.Status.RUNNING, heartbeat_at=start)
    with time_machine.travel(start + datetime.timedelta(minutes=4), tick=False):
        assert print_jobs_sweep() == 0  # still within JOB_STALE_MINUTES (5)
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        assert print_jobs_sweep() == 1
    job.refresh_from_db()
    assert (job.status, job.error) == (
        PrintJob.Status.FAILED,
        "Việc tạo tệp in đã dừng giữa chừng (tiến trình xử lý nền bị tắt hoặc khởi động lại). Hãy bấm “Thử lại”.",
    )
    client.force_login(office_staff)
    page = client.get(reverse("awards:print_job", args=[job.pk])).content.decode()
    assert reverse("awards:print_job_retry", args=[job.pk]) in page

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("awards:print_job_retry", args=[job.pk]))
        second = client.post(reverse("awards:print_job_retry", args=[job.pk]))  # a double click
    new = PrintJob.objects.get(retry_of=job)
    assert first["Location"] == second["Location"] == reverse("awards:print_job", args=[new.pk])
    assert PrintJob.objects.count() == 2
    new.refresh_from_db()
    assert (new.status, new.done, new.total) == (PrintJob.Status.DONE, 1, 1)
    assert AuditEntry.objects.filter(action="print_job_retry").count() == 1
    printing.print_job_run(job_id=job.pk)  # the dead worker's message, redelivered: left alone
    job.refresh_from_db()
    assert job.status == PrintJob.Status.FAILED


def test_print_job_the_broker_refused_fails_at_once(decided, office_staff, django_capture_on_commit_callbacks, settings):
    from awards.models import PrintJob
    from tdkt_portal.celery import app

    decision = _issue(decided, office_staff)
    app.conf.task_always_eager = False
    keys = ("broker_url", "broker_write_url", "broker_read_url")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update({key: "redis://127.0.0.1:1/0" for key in keys})  # nothing listens on port 1
    app._pool = None
    app.amqp._producer_pool = None
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = decisions.print_job_start(by=office_staff, decision=decision, blank_form=False)
    finally:
        app.conf.update(previous)
        app._pool = None
        app.amqp._producer_pool = None
        app.conf.task_always_eager = True
    job.refresh_from_db()
    assert (job.status, job.error) == (
        PrintJob.Status.FAILED,
        "Không kết nối được hàng đợi xử lý nền nên chưa tạo được tệp in. Hãy bấm “Thử lại” sau ít phút.",
    )
