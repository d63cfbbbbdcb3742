"""Two people editing one record: the second save from a page opened before the first is refused with a
Vietnamese message, the form comes back with what the second person typed, and the row keeps the
first person's values. Forms embedded in a page (a row's tick, review or upload) come back the same
way instead of a redirect that loses the input."""

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from campaigns.enums import CampaignKind, ExemplaryStatus, PeriodKind, SubmissionStatus
from campaigns.models import AnnualPlan, Campaign, CampaignRegistration, ExemplaryModel, Milestone, PlanTask
from campaigns.services.campaigns import campaign_save, milestone_save
from campaigns.services.exemplary import exemplary_submit
from campaigns.services.plan import plan_save, plan_task_mark, plan_task_save
from campaigns.services.submissions import submission_upload
from notifications.models import MessageTemplate
from tests.clock import at
from tests.factories import UserFactory, user_with_role
from units.models import Authority

from .conftest import D, make_request, pdf

# The 2026 plan and campaign (registered 20/02/2026, milestones in July): the clock stands in early March 2026.
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 3, 2))]

CONFLICT = (
    "Bản ghi này vừa được người khác cập nhật sau khi bạn mở trang. Vui lòng tải lại trang để xem nội dung mới rồi sửa lại."
)


@pytest.fixture
def office_b(db):
    return user_with_role(Role.OFFICE_STAFF, full_name="Đinh Văn Bình")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _opened(client, url, *, action: str | None = None) -> dict:
    """Open the page and read its form from the HTML as a browser would submit it (the hidden version
    included): the edit form (posting to the page itself), or the one posting to `action`."""
    response = client.get(url)
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content.decode())
    forms = [f for f in doc.forms if f.method.upper() == "POST" and (action is None or f.action == action)]
    form = forms[0] if action else next(f for f in forms if f.get("action") in (None, "", url))
    values = dict(form.form_values())
    for field in form.inputs:  # a browser sends an input without a value attribute as empty; lxml leaves it out
        if field.name and field.name not in values and field.get("type") in ("hidden", "text", None):
            values[field.name] = ""
        if field.tag == "textarea" and values.get(field.name, "").startswith("\n"):
            values[field.name] = values[field.name][1:]  # as a browser reads a textarea
    values.pop("csrfmiddlewaretoken")
    return values


@pytest.fixture
def plan(office_staff):
    return plan_save(by=office_staff, year=2026, title="Kế hoạch công tác thi đua, khen thưởng năm 2026")


@pytest.fixture
def task(office_staff, plan):
    return plan_task_save(
        by=office_staff, plan=plan, quarter=1, content="Phát động phong trào thi đua năm 2026", responsible="UBND huyện"
    )


@pytest.fixture
def campaign(office_staff, unit_a):
    return campaign_save(
        by=office_staff,
        name="Toàn dân chung sức xây dựng Nông thôn mới",
        kind=CampaignKind.THEMATIC,
        owner=unit_a,
        start_date=D(2026, 2, 15),
        end_date=D(2099, 12, 31),
    )


# --- Version checks on edit pages ----------------------------------------------------------------


def test_plan_edit_second_save_from_a_stale_page_is_refused(office_staff, office_b, plan):
    url = reverse("campaigns:plan_edit", args=[2026])
    a, b = _signed_in(office_staff), _signed_in(office_b)
    seen_by_a, seen_by_b = _opened(a, url), _opened(b, url)
    assert seen_by_a["version"] == seen_by_b["version"] == "1"
    response = a.post(url, ({**seen_by_a, "document_number": "12/KH-UBND"}))
    assert response.status_code == 302
    response = b.post(url, ({**seen_by_b, "document_number": "99/KH-UBND", "source_note": "Bản của B"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in body
    assert 'value="99/KH-UBND"' in body
    assert 'value="Bản của B"' in body
    assert AnnualPlan.objects.values_list("document_number", "source_note", "version").get() == ("12/KH-UBND", "", 2)


def test_plan_task_edit_second_save_from_a_stale_page_is_refused(office_staff, office_b, plan, task):
    url = reverse("campaigns:plan_task_edit", args=[2026, task.pk])
    a, b = _signed_in(office_staff), _signed_in(office_b)
    seen_by_a, seen_by_b = _opened(a, url), _opened(b, url)
    assert a.post(url, ({**seen_by_a, "content": "Phát động phong trào thi đua năm 2026 (bản A)"})).status_code == 302
    response = b.post(url, ({**seen_by_b, "content": "Nội dung B gõ", "responsible": "Phòng Nội vụ"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in body
    assert "Nội dung B gõ</textarea>" in body
    assert "Phòng Nội vụ</textarea>" in body
    assert PlanTask.objects.values_list("content", "responsible", "version").get() == (
        "Phát động phong trào thi đua năm 2026 (bản A)",
        "UBND huyện",
        2,
    )


def test_plan_task_edit_cannot_undo_a_tick_made_meanwhile(office_staff, office_b, plan, task):
    url = reverse("campaigns:plan_task_edit", args=[2026, task.pk])
    b = _signed_in(office_b)
    seen_by_b = _opened(b, url)
    plan_task_mark(by=office_staff, task=task, done=True, note="Đã ban hành kế hoạch.", expected_version=1)
    response = b.post(url, ({**seen_by_b, "content": "Sửa nội dung"}))
    assert CONFLICT in response.content.decode()
    assert PlanTask.objects.values_list("content", "done_note").get() == (
        "Phát động phong trào thi đua năm 2026",
        "Đã ban hành kế hoạch.",
    )


def test_milestone_edit_second_save_from_a_stale_page_is_refused(office_staff, office_b, campaign):
    milestone = milestone_save(by=office_staff, campaign=campaign, kind="so_ket", title="Sơ kết 6 tháng", due_date=D(2026, 7, 15))
    url = reverse("campaigns:milestone_edit", args=[campaign.pk, milestone.pk])
    a, b = _signed_in(office_staff), _signed_in(office_b)
    seen_by_a, seen_by_b = _opened(a, url), _opened(b, url)
    assert a.post(url, ({**seen_by_a, "due_date": "20/07/2026"})).status_code == 302
    response = b.post(url, ({**seen_by_b, "title": "Sơ kết giữa kỳ", "report_note": "Ghi chú của B"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in body
    assert 'value="Sơ kết giữa kỳ"' in body
    assert "Ghi chú của B</textarea>" in body
    assert Milestone.objects.values_list("title", "due_date", "report_note", "version").get() == (
        "Sơ kết 6 tháng",
        D(2026, 7, 20),
        "",
        2,
    )


def test_milestone_edit_without_a_version_is_refused(office_staff, campaign):
    milestone = milestone_save(by=office_staff, campaign=campaign, kind="so_ket", title="Sơ kết 6 tháng", due_date=D(2026, 7, 15))
    from core.services import ConcurrentEditError

    with pytest.raises(ConcurrentEditError):
        milestone_save(by=office_staff, campaign=campaign, milestone=milestone, title="Không ghi phiên bản")
    assert Milestone.objects.get().title == "Sơ kết 6 tháng"


def test_message_template_second_save_from_a_stale_page_is_refused(office_staff, office_b):
    url = reverse("campaigns:message_template_edit", args=["reminder_manual"])
    a, b = _signed_in(office_staff), _signed_in(office_b)
    seen_by_a, seen_by_b = _opened(a, url), _opened(b, url)
    assert a.post(url, {**seen_by_a, "title": "Đề nghị nộp gấp (A)"}).status_code == 302
    response = b.post(url, {**seen_by_b, "title": "Tiêu đề của B", "inapp_body": "Nội dung B gõ"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mẫu này vừa được người khác sửa hoặc khôi phục sau khi bạn mở trang." in body
    assert 'value="Tiêu đề của B"' in body
    assert "Nội dung B gõ</textarea>" in body
    assert MessageTemplate.objects.values_list("title", "inapp_body").get() == ("Đề nghị nộp gấp (A)", "")


def test_message_template_restore_from_a_stale_page_keeps_the_new_wording(office_staff, office_b):
    url = reverse("campaigns:message_template_edit", args=["reminder_manual"])
    a, b = _signed_in(office_staff), _signed_in(office_b)
    a.post(url, {**_opened(a, url), "title": "Bản thứ nhất"})
    seen_by_a, seen_by_b = _opened(a, url), _opened(b, url)
    assert a.post(url, {**seen_by_a, "title": "Bản thứ hai"}).status_code == 302
    response = b.post(reverse("campaigns:message_template_restore", args=["reminder_manual"]), seen_by_b)
    assert response.status_code == 200
    assert "Mẫu này vừa được người khác sửa hoặc khôi phục sau khi bạn mở trang." in response.content.decode()
    assert MessageTemplate.objects.values_list("title", flat=True).get() == "Bản thứ hai"
    # The page drawn again at the restore address still saves to the edit address.
    assert f'action="{url}"' in response.content.decode()


def test_reminder_settings_second_save_from_a_stale_page_is_refused(office_staff, office_b):
    from campaigns.models import ReminderSettings

    url = reverse("campaigns:reminder_settings")
    a, b = _signed_in(office_staff), _signed_in(office_b)
    seen_by_a, seen_by_b = _opened(a, url), _opened(b, url)
    assert a.post(url, {**seen_by_a, "scan_hour": 6}).status_code == 302
    response = b.post(url, {**seen_by_b, "offsets_before": "10, 5, 0"})
    body = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in body
    assert 'value="10, 5, 0"' in body
    config = ReminderSettings.load()
    assert (config.scan_hour, config.offsets_before, config.version) == (6, "7, 3, 1, 0", 2)


# --- Version checks on forms embedded in a page ---------------------------------------------------


def test_campaign_registration_from_a_stale_page_is_refused(office_staff, office_b, campaign):
    url = reverse("campaigns:campaign_detail", args=[campaign.pk])
    a, b = _signed_in(office_staff), _signed_in(office_b)
    action = reverse("campaigns:campaign_register", args=[campaign.pk])
    seen_by_a, seen_by_b = _opened(a, url, action=action), _opened(b, url, action=action)
    assert seen_by_a["version"] == seen_by_b["version"] == "1"
    assert a.post(action, {**seen_by_a, "number": "03/ĐK-NV", "date": "20/02/2026"}).status_code == 302
    response = b.post(action, {**seen_by_b, "number": "04/ĐK-NV", "date": "21/02/2026"})
    body = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in body
    assert 'value="04/ĐK-NV"' in body
    assert 'value="21/02/2026"' in body
    assert Campaign.objects.values_list("registration_number", "registration_date").get() == ("03/ĐK-NV", D(2026, 2, 20))


def test_unit_registration_from_a_stale_page_is_refused(campaign, clerk_a, unit_a):
    colleague = user_with_role(Role.UNIT_CLERK, unit_a, full_name="Ngô Thị Mai")
    url = reverse("campaigns:campaign_detail", args=[campaign.pk])
    action = reverse("campaigns:campaign_join", args=[campaign.pk])
    a, b = _signed_in(clerk_a), _signed_in(colleague)
    seen_by_a, seen_by_b = _opened(a, url, action=action), _opened(b, url, action=action)
    assert seen_by_a["seen"] == seen_by_b["seen"] == ""  # neither saw a registration of the unit
    assert a.post(action, {**seen_by_a, "targets": "Chỉ tiêu của A"}).status_code == 302
    response = b.post(action, {**seen_by_b, "targets": "Chỉ tiêu của B"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "UBND xã Cự Khê vừa được đăng ký tham gia phong trào sau khi bạn mở trang." in body
    assert "Chỉ tiêu của B</textarea>" in body
    assert CampaignRegistration.objects.values_list("targets", "version").get() == ("Chỉ tiêu của A", 1)
    # Opened again, the page shows A's targets and version: B may now change them knowingly.
    seen_now = _opened(b, url, action=action)
    assert (seen_now["seen"], seen_now["targets"]) == (f"{unit_a.pk}:1", "Chỉ tiêu của A")
    assert b.post(action, {**seen_now, "targets": "Chỉ tiêu của B"}).status_code == 302
    assert CampaignRegistration.objects.values_list("targets", "version").get() == ("Chỉ tiêu của B", 2)


def test_plan_task_tick_from_a_stale_page_keeps_the_typed_result(office_staff, office_b, plan, task):
    url, action = reverse("campaigns:plan_detail", args=[2026]), reverse("campaigns:plan_task_mark", args=[2026, task.pk])
    a, b = _signed_in(office_staff), _signed_in(office_b)
    seen_by_a, seen_by_b = _opened(a, url, action=action), _opened(b, url, action=action)
    assert seen_by_a == seen_by_b == {"version": "1", "done": "on", "note": ""}
    assert a.post(action, {**seen_by_a, "note": "Kết quả của A"}).status_code == 302
    response = b.post(action, {**seen_by_b, "note": "Kết quả của B"})
    body = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in body
    assert 'value="Kết quả của B"' in body
    assert PlanTask.objects.values_list("done_note", "done_by", "version").get() == ("Kết quả của A", office_staff.pk, 2)


def test_exemplary_review_from_a_stale_page_is_refused(office_staff, office_b, clerk_a, unit_a):
    item = exemplary_submit(
        by=clerk_a,
        unit=unit_a,
        kind="dien_hinh",
        period_kind=PeriodKind.QUARTER,
        year=2026,
        period=1,
        title="Gương bà Nguyễn Thị Hoa",
        subject_name="Nguyễn Thị Hoa",
        summary="Tận tụy phục vụ Nhân dân.",
    )
    a, b = _signed_in(office_staff), _signed_in(office_b)
    url, action = reverse("campaigns:exemplary_list"), reverse("campaigns:exemplary_review", args=[item.pk])
    seen_by_a, seen_by_b = _opened(a, url, action=action), _opened(b, url, action=action)
    assert seen_by_a == seen_by_b == {"version": "1", "note": ""}
    assert a.post(action, {**seen_by_a, "publish": "1", "note": "Đăng Trang thông tin"}).status_code == 302
    response = b.post(action, {**seen_by_b, "publish": "0", "note": "Ý kiến của B"})
    body = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in body
    assert 'value="Ý kiến của B"' in body
    assert "Đã được xem xét: đã chọn tuyên truyền (Lê Thị Hương)." in body
    assert ExemplaryModel.objects.values_list("status", "publish_note", "reviewed_by").get() == (
        ExemplaryStatus.PUBLISHED,
        "Đăng Trang thông tin",
        office_staff.pk,
    )


def test_submission_review_from_a_stale_page_keeps_the_typed_reason(office_staff, office_b, clerk_a):
    Authority.root()
    request = make_request(office_staff, due=D(2030, 2, 6))
    row = request.recipients.get()
    submission_upload(by=clerk_a, recipient=row, upload=pdf())
    row.refresh_from_db()
    url, accept, action = (
        reverse("campaigns:request_detail", args=[request.pk]),
        reverse("campaigns:submission_accept", args=[request.pk, row.pk]),
        reverse("campaigns:submission_return", args=[request.pk, row.pk]),
    )
    a, b = _signed_in(office_staff), _signed_in(office_b)
    seen_by_a, seen_by_b = _opened(a, url, action=action), _opened(b, url, action=action)
    assert seen_by_a == seen_by_b == {"version": str(row.version), "reason": ""}
    assert a.post(accept, seen_by_a).status_code == 302
    response = b.post(action, {**seen_by_b, "reason": "Thiếu chữ ký của thủ trưởng"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đơn vị vừa nộp lại hoặc người khác vừa xem xét; vui lòng tải lại trang." in body
    assert 'value="Thiếu chữ ký của thủ trưởng"' in body
    row.refresh_from_db()
    assert (row.status, row.return_reason, row.reviewed_by) == (SubmissionStatus.ACCEPTED, "", office_staff)


# --- Invalid input comes back with what was typed --------------------------------------------------


def test_campaign_registration_with_a_bad_date_keeps_the_number(office_staff, campaign):
    client = _signed_in(office_staff)
    response = client.post(
        reverse("campaigns:campaign_register", args=[campaign.pk]),
        {"number": "05/ĐK-NV", "date": "31/02/2026", "version": campaign.version},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ghi ngày theo dạng dd/mm/yyyy." in body
    assert 'value="05/ĐK-NV"' in body
    assert Campaign.objects.values_list("registration_number", flat=True).get() == ""


def test_unit_registration_in_an_ended_campaign_keeps_the_targets(office_staff, clerk_a, unit_a):
    ended = campaign_save(
        by=office_staff,
        name="Thi đua đặc biệt năm 2020",
        kind=CampaignKind.THEMATIC,
        owner=unit_a,
        start_date=D(2020, 1, 1),
        end_date=D(2020, 12, 31),
    )
    client = _signed_in(clerk_a)
    response = client.post(
        reverse("campaigns:campaign_join", args=[ended.pk]), {"unit": unit_a.pk, "targets": "Hoàn thành 100% chỉ tiêu"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Phong trào đã kết thúc ngày 31/12/2020." in body
    assert "Hoàn thành 100% chỉ tiêu</textarea>" in body
    assert CampaignRegistration.objects.count() == 0


def test_unit_registration_without_a_unit_keeps_the_targets(campaign, unit_a, unit_b):
    clerk = UserFactory(roles=[(Role.UNIT_CLERK, unit_a), (Role.UNIT_CLERK, unit_b)], full_name="Lý Văn Đức")
    client = _signed_in(clerk)
    response = client.post(reverse("campaigns:campaign_join", args=[campaign.pk]), {"unit": "", "targets": "Chỉ tiêu chung"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ tiêu chung</textarea>" in body
    assert CampaignRegistration.objects.count() == 0


def test_upload_without_a_file_keeps_the_note(office_staff, clerk_a):
    Authority.root()
    request = make_request(office_staff, due=D(2030, 2, 6))
    row = request.recipients.get()
    client = _signed_in(clerk_a)
    response = client.post(reverse("campaigns:submission_upload", args=[request.pk, row.pk]), {"note": "Bản ký số"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Bản ký số"' in body
    assert "Chọn tệp văn bản cần nộp." in body
    assert row.submissions.count() == 0


def test_upload_of_a_bad_file_keeps_the_note_and_says_why(office_staff, clerk_a):
    Authority.root()
    request = make_request(office_staff, due=D(2030, 2, 6))
    row = request.recipients.get()
    client = _signed_in(clerk_a)
    response = client.post(
        reverse("campaigns:submission_upload", args=[request.pk, row.pk]),
        {"note": "Bản gửi lần đầu", "file": pdf("bao-cao.pdf", b"MZ\x90\x00 not a PDF")},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Bản gửi lần đầu"' in body
    assert "Tệp “bao-cao.pdf” không phải tệp" in body
    assert row.submissions.count() == 0


def test_exemplary_review_with_a_bad_choice_keeps_the_note(office_staff, clerk_a, unit_a):
    item = exemplary_submit(
        by=clerk_a,
        unit=unit_a,
        kind="dien_hinh",
        period_kind=PeriodKind.MONTH,
        year=2026,
        period=3,
        title="Gương ông Trần Văn Cường",
        subject_name="Trần Văn Cường",
        summary="Hiến đất làm đường.",
    )
    client = _signed_in(office_staff)
    response = client.post(
        reverse("campaigns:exemplary_review", args=[item.pk]), {"publish": "2", "note": "Ý kiến đã gõ", "version": 1}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ý kiến đã gõ"' in body
    assert ExemplaryModel.objects.values_list("status", flat=True).get() == ExemplaryStatus.SUBMITTED


def test_a_link_followed_from_a_re_rendered_page_goes_back_to_the_page(office_staff, campaign):
    client = _signed_in(office_staff)
    response = client.get(reverse("campaigns:exemplary_review", args=[1]) + "?page=2")
    assert (response.status_code, response.url) == (302, reverse("campaigns:exemplary_list") + "?page=2")
    response = client.get(reverse("campaigns:campaign_register", args=[campaign.pk]))
    assert (response.status_code, response.url) == (302, reverse("campaigns:campaign_detail", args=[campaign.pk]))
    assert client.put(reverse("campaigns:campaign_register", args=[campaign.pk])).status_code == 405


def test_an_upload_posted_twice_from_one_drawn_form_is_stored_once(office_staff, clerk_a):
    Authority.root()
    request = make_request(office_staff, due=D(2030, 2, 6))
    row = request.recipients.get()
    client = _signed_in(clerk_a)
    page = lxml.html.fromstring(client.get(reverse("campaigns:request_detail", args=[request.pk])).content)
    [token] = page.xpath("//form[contains(@action, '/nop/') or .//input[@name='file']]//input[@name='once']/@value")
    url = reverse("campaigns:submission_upload", args=[request.pk, row.pk])
    first = client.post(url, {"once": token, "note": "Bản ký số", "file": pdf("bao-cao.pdf")})
    second = client.post(url, {"once": token, "note": "Bản ký số", "file": pdf("bao-cao.pdf")}, follow=True)
    assert (first.status_code, row.submissions.count()) == (302, 1)
    assert "Thao tác này đã được thực hiện." in second.content.decode()
