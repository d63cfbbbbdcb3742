"""In the browser: a commune scores itself with evidence, the cluster head reviews and adjusts one line
with a reason, the office finalises, and the published ranking appears to the commune."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.enums import Role
from accounts.models import User
from clusters import services
from clusters.demo import seed_clusters
from clusters.models import EmulationGroup, ScoreCard
from tests.factories import user_with_role
from units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CU_KHE = {"1": 10, "2": 10, "3": 9, "4": 30, "5": 18, "6": 10, "7": 8}
OTHERS = {
    "tt-kim-bai": {"1": 10, "2": 10, "3": 10, "4": 30, "5": 18, "6": 10, "7": 8, "8": 0},  # 96
    "xa-bich-hoa": {"1": 10, "2": 10, "3": 8, "4": 25, "5": 16, "6": 10, "7": 8, "10": 5},  # 87 + 5 = 92
    "xa-binh-minh": {"1": 10, "2": 10, "3": 8, "4": 25, "5": 15, "6": 10, "7": 10},  # 88
    "xa-cao-duong": {"1": 10, "2": 10, "3": 8, "4": 25, "5": 15, "6": 10, "7": 7},  # 85
    "xa-cao-vien": {"1": 10, "2": 10, "3": 8, "4": 25, "5": 15, "6": 10, "7": 7, "11": 5},  # 80
}


def _prefill(group, head_clerk):
    """The other members score themselves and the head reviews them (through the services)."""
    sheet = group.sheet
    codes = dict(sheet.criteria.values_list("code", "id"))
    for code, points in OTHERS.items():
        unit = Unit.objects.get(code=code)
        clerk = User.objects.filter(role_assignments__unit=unit, role_assignments__role=Role.UNIT_CLERK).first()
        clerk = clerk or user_with_role(Role.UNIT_CLERK, unit)
        card = ScoreCard.objects.get(sheet=sheet, unit=unit)
        services.card_self_score(
            by=clerk, card=card, expected_version=card.version, entries={codes[c]: (p, "") for c, p in points.items()}
        )
        for line in card.lines.select_related("criterion"):
            if line.criterion.evidence and line.self_points:
                services.evidence_add(by=clerk, line=line, upload=SimpleUploadedFile("minh-chung.pdf", PDF))
        card.refresh_from_db()
        services.card_submit(by=clerk, card=card, expected_version=card.version)
        card.refresh_from_db()
        reviewer = head_clerk
        if unit.pk == group.head_id:  # the head's own card is reviewed by the deputy unit
            deputy = group.deputy
            reviewer = User.objects.filter(role_assignments__unit=deputy, role_assignments__role=Role.UNIT_CLERK).first()
            reviewer = reviewer or user_with_role(Role.UNIT_CLERK, deputy)
        services.card_review(by=reviewer, card=card, expected_version=card.version, entries={})


def test_cluster_scoring_self_score_review_finalise_ranking(page, live_server, demo_data, login, screenshot):
    units = {u.code: u for u in Unit.objects.all()}
    seed_clusters(units)
    group = EmulationGroup.objects.get(year=2026, name="Cụm thi đua số 1")
    _prefill(group, User.objects.get(username="vanthu.kimbai"))
    card = ScoreCard.objects.get(sheet=group.sheet, unit__code="xa-cu-khe")
    lines = {ln.criterion.code: ln.pk for ln in card.lines.select_related("criterion")}

    # The clerk of Cự Khê scores the commune, attaches the evidence the sheet asks for, and sends it.
    login(page, "vanthu.cukhe", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/cum-khoi/{group.pk}/")
    expect(page.get_by_role("heading", name="Cụm thi đua số 1")).to_be_visible()
    screenshot(page, "cluster-page-member")
    page.get_by_role("link", name="UBND xã Cự Khê").click()
    for code, points in CU_KHE.items():
        page.get_by_label(f"Tự chấm mục {code}", exact=True).fill(str(points))
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    expect(page.get_by_text("Đã lưu điểm tự chấm.")).to_be_visible()
    for code in ("1", "3", "4"):
        page.locator("#ev-line").select_option(str(lines[code]))
        page.locator("#ev-file").set_input_files(
            files=[{"name": f"minh-chung-muc-{code}.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        page.get_by_role("button", name="Tải lên").click()
        expect(page.get_by_text("Đã tải lên minh chứng.")).to_be_visible()
    screenshot(page, "cluster-card-self-score")
    page.get_by_role("button", name="Gửi trưởng cụm, khối").click()
    expect(page.get_by_text("Đã gửi phiếu tự chấm điểm đến trưởng cụm, khối.")).to_be_visible()
    expect(page.locator("#card-status")).to_have_text("Đã gửi trưởng cụm, khối")

    # The head (Kim Bài) lowers line 4 with a reason.
    page.context.clear_cookies()
    login(page, "vanthu.kimbai", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/cum-khoi/phieu/{card.pk}/")
    page.get_by_label("Trưởng cụm chấm mục 4", exact=True).fill("27")
    page.get_by_label("Lý do điều chỉnh mục 4", exact=True).fill("Tỷ lệ hộ nghèo giảm chưa đạt chỉ tiêu.")
    page.get_by_role("button", name="Lưu kết quả thẩm định").click()
    expect(page.get_by_text("Đã lưu kết quả thẩm định.")).to_be_visible()
    expect(page.locator("#card-total")).to_have_text("92")
    screenshot(page, "cluster-card-review")

    # The office finalises; the ranking is published.
    page.context.clear_cookies()
    login(page, "noivu", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/cum-khoi/{group.pk}/")
    screenshot(page, "cluster-page-office")
    page.get_by_role("button", name="Chốt điểm và công bố xếp hạng").click()
    expect(page.get_by_text("Đã chốt điểm và công bố bảng xếp hạng.")).to_be_visible()

    # Cự Khê now sees the published ranking: tied with Bích Hòa on 92, ahead on criteria points.
    page.context.clear_cookies()
    login(page, "vanthu.cukhe", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/cum-khoi/{group.pk}/xep-hang/")
    rows = page.locator("#ranking-table tbody tr")
    expect(rows).to_have_count(6)
    expect(rows.nth(0)).to_contain_text("UBND thị trấn Kim Bài")
    expect(rows.nth(1).locator("td")).to_have_text(["2", "UBND xã Cự Khê", "92", "0", "0", "92"])
    expect(rows.nth(2).locator("td")).to_have_text(["3", "UBND xã Bích Hòa", "87", "5", "0", "92"])
    expect(page.locator("#tie-rule")).to_contain_text("Bằng tổng điểm thì đơn vị có điểm tiêu chí")
    screenshot(page, "cluster-ranking")
    card.refresh_from_db()
    assert (card.self_total, card.total, card.status) == (D(95), D(92), "da_chot")
