"""The office appraises seven nominees in one table and one save (#14): a row that needs a reason is named
and every row keeps what was typed; after the save the message shows in the table, and the page has not moved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.enums import Role
from accounts.models import User
from dossiers import services
from dossiers.enums import CommendationKind, ComponentType, DossierStatus, Subject, TaskRating, Verdict
from dossiers.models import AwardRound, AwardType, Dossier
from units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAMES = ["Lò Văn Dũng", "Vàng Thị Mai", "Tao Văn Hùng", "Lý Thị Sen", "Giàng A Páo", "Phạm Văn Tú", "Hoàng Thị Lan"]


def _received_dossier() -> Dossier:
    """Kim Bài's dossier of seven LĐTT nominees, sent and received (the steps other browser tests walk)."""
    clerk, office = User.objects.get(username="vanthu.kimbai"), User.objects.get(username="noivu")
    unit = Unit.objects.get(pk=sorted(clerk.unit_ids(Role.UNIT_CLERK))[0])
    award_round = AwardRound.objects.filter(
        is_open=True, authority_id=unit.authority_id, commendation_kind=CommendationKind.REGULAR
    ).first()
    dossier = services.dossier_create(by=clerk, unit=unit, award_round=award_round, title="Đề nghị công nhận Lao động tiên tiến")
    ldtt = AwardType.objects.get(code="ldtt")
    for number, name in enumerate(NAMES, start=1):
        dossier.refresh_from_db()
        services.nominee_save(
            by=clerk,
            dossier=dossier,
            expected_version=dossier.version,
            subject=Subject.INDIVIDUAL,
            award=ldtt,
            full_name=name,
            gender="nam",
            date_of_birth=f"19{80 + number}-0{number}-1{number}",
            months_worked=12,
            task_rating=TaskRating.GOOD,
        )
    for component in (ComponentType.PROPOSAL, ComponentType.MINUTES):
        upload = SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf")
        services.attachment_add(by=clerk, dossier=dossier, component=component, upload=upload)
    dossier.refresh_from_db()
    services.dossier_transition(dossier, to=DossierStatus.SUBMITTED, by=clerk)
    services.dossier_transition(dossier, to=DossierStatus.RECEIVED, by=office)
    return dossier


def test_seven_nominees_appraised_in_one_save(page, live_server, demo_data, login, screenshot):
    dossier = _received_dossier()
    login(page, "noivu", DEMO_PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 700})
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    rows = page.locator("#nominees tbody tr")
    expect(rows).to_have_count(7)
    for name in NAMES:
        rows.filter(has_text=name).get_by_label("Kết luận thẩm định").select_option(label="Đủ điều kiện")
    rows.filter(has_text="Vàng Thị Mai").get_by_label("Kết luận thẩm định").select_option(label="Không đủ điều kiện")
    rows.filter(has_text="Tao Văn Hùng").get_by_label("Kết luận thẩm định").select_option(label="Cần kiểm tra")
    rows.filter(has_text="Tao Văn Hùng").get_by_label("Ý kiến thẩm định").fill("Xác minh lại số tháng công tác.")
    rows.filter(has_text="Hoàng Thị Lan").get_by_label("Ý kiến thẩm định").fill("Thành tích nổi bật.")

    # Saved without the reason the second row needs: nothing is saved, the row is named, every row keeps its input.
    save = page.get_by_role("button", name="Lưu kết luận thẩm định").last
    save.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    save.click()
    card = page.locator("#nguoi-duoc-de-nghi")
    expect(card.get_by_role("alert").first).to_contain_text("Dòng 2 (Vàng Thị Mai): Hãy ghi lý do")
    expect(rows.filter(has_text="Tao Văn Hùng").get_by_label("Ý kiến thẩm định")).to_have_value("Xác minh lại số tháng công tác.")
    expect(rows.filter(has_text="Vàng Thị Mai").get_by_label("Kết luận thẩm định")).to_have_value(Verdict.INELIGIBLE)
    assert not dossier.nominees.exclude(appraisal_verdict="").exists()

    rows.filter(has_text="Vàng Thị Mai").get_by_label("Ý kiến thẩm định").fill("Chưa đủ 10 tháng công tác trong năm.")
    page.get_by_role("button", name="Lưu kết luận thẩm định").last.click()
    expect(card.get_by_role("alert")).to_have_text("Đã lưu kết luận thẩm định của 7 người, tập thể.")
    # The page stayed where the office was working (the table was drawn again in place, no reload to the top).
    expect(page.get_by_role("button", name="Lưu kết luận thẩm định").last).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > before / 2 > 100
    screenshot(page, "dossier-bulk-appraisal")
    verdicts = dict(dossier.nominees.values_list("full_name", "appraisal_verdict"))
    assert verdicts == {
        **dict.fromkeys(NAMES, Verdict.ELIGIBLE),
        "Vàng Thị Mai": Verdict.INELIGIBLE,
        "Tao Văn Hùng": Verdict.CHECK,
    }

    # Every verdict recorded: the appraisal can be finished.
    page.locator("#actions form").get_by_role("button", name="Hoàn thành thẩm định").click()
    expect(page.locator("#dossier-status")).to_have_text("Đã thẩm định")
