"""#14, smaller defects: the payout list's "Đơn vị" has one source for its PDF and its Excel file — the
unit whose dossier proposed the person (the money is paid through it), not the work unit typed."""

import datetime
import io
import subprocess

import openpyxl
import pytest
from django.urls import reverse

from awards import decisions
from awards.documents_data import payout_dict

pytestmark = pytest.mark.django_db


def _issued_with_a_typed_work_unit(decided, office_staff):
    decided.nominees.filter(full_name="Nguyễn Thị Hoa").update(work_unit="Văn phòng – Thống kê xã")
    drafts = decisions.decisions_draft(by=office_staff, award_round=decided.round)
    decision = next(d for d in drafts if d.award.code == "ldtt")
    return decisions.decision_issue(by=office_staff, decision=decision, date=datetime.date(2025, 1, 15), signer="tm")


def test_the_payout_pdf_and_excel_name_the_dossiers_unit(client, decided, office_staff):
    decision = _issued_with_a_typed_work_unit(decided, office_staff)
    assert decision.snapshot["individuals"][0]["unit"] == "Văn phòng – Thống kê xã"  # the annex keeps what was typed
    assert [r["unit"] for r in payout_dict(decision)["rows"]] == ["UBND xã Cự Khê"]
    client.force_login(office_staff)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("exports:payout", args=[decision.pk])).content)).active
    assert [c.value for c in sheet[3]][:3] == [1, "Nguyễn Thị Hoa", "UBND xã Cự Khê"]
    pdf = client.get(reverse("awards:payout_pdf", args=[decision.pk])).content
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode().split())
    assert "Cộng UBND xã Cự Khê (01)" in text
    assert "Văn phòng – Thống kê xã" not in text


def test_a_snapshot_issued_before_keeps_its_one_unit_in_both(decided, office_staff):
    decision = _issued_with_a_typed_work_unit(decided, office_staff)
    for row in decision.snapshot["individuals"]:
        del row["dossier_unit"]
    data = payout_dict(decision)
    assert [r["unit"] for r in data["rows"]] == ["Văn phòng – Thống kê xã"]
    assert data["by_unit"] == [{"unit": "Văn phòng – Thống kê xã", "count": 1, "amount": 700_000}]
