"""Pages: who sees what, in Vietnamese, with query counts that stay flat as rows grow."""

import re

import pytest
from django.urls import reverse

from accounts.enums import Role
from campaigns.enums import CampaignKind, DocumentKind, ExemplaryStatus, PeriodKind
from campaigns.models import AnnualPlan, Campaign, ExemplaryModel, PlanTask, RequestRecipient
from campaigns.services.campaigns import campaign_join, campaign_save
from campaigns.services.exemplary import exemplary_review, exemplary_submit
from campaigns.services.plan import plan_save, plan_task_save
from campaigns.services.submissions import submission_upload
from tests.clock import at
from tests.factories import UnitFactory, user_with_role
from units.models import Authority

from .conftest import D, make_request, pdf

# The requests below are due in 2030: the module's clock stands on a day before them.
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 6, 5))]


def _units_with_clerks(n):
    for _ in range(n):
        user_with_role(Role.UNIT_CLERK, UnitFactory())


def _flat(client, url, django_assert_max_num_queries, grow, limit):
    with django_assert_max_num_queries(limit) as small:
        assert client.get(url).status_code == 200
    grow()
    with django_assert_max_num_queries(limit) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    return response.content.decode()


def test_board_query_count_is_flat(client, office_staff, clerk_a, django_assert_max_num_queries):
    Authority.root()
    request = make_request(office_staff, due=D(2030, 2, 6))
    submission_upload(by=clerk_a, recipient=request.recipients.get(), upload=pdf())
    client.force_login(office_staff)

    def grow():
        for unit in [UnitFactory() for _ in range(30)]:
            recipient = RequestRecipient.objects.create(request=request, unit=unit)
            clerk = user_with_role(Role.UNIT_CLERK, unit)
            submission_upload(by=clerk, recipient=recipient, upload=pdf())

    body = _flat(client, reverse("campaigns:request_detail", args=[request.pk]), django_assert_max_num_queries, grow, 14)
    assert "Nộp đúng hạn" in body
    assert body.count('data-state="dung_han"') == 31


def test_request_list_query_count_is_flat(client, office_staff, clerk_a, django_assert_max_num_queries):
    Authority.root()
    make_request(office_staff, due=D(2030, 2, 6))
    client.force_login(office_staff)

    def grow():
        _units_with_clerks(10)
        for n in range(15):
            make_request(office_staff, due=D(2030, 3, 1 + n), title=f"Báo cáo chuyên đề số {n}")

    body = _flat(client, reverse("campaigns:request_list"), django_assert_max_num_queries, grow, 12)
    assert "Báo cáo chuyên đề số 14" in body


def test_clerk_request_list_query_count_is_flat(client, office_staff, clerk_a, django_assert_max_num_queries):
    Authority.root()
    make_request(office_staff, due=D(2030, 2, 6))
    client.force_login(clerk_a)

    def grow():
        for n in range(15):
            make_request(office_staff, due=D(2030, 3, 1 + n), title=f"Báo cáo chuyên đề số {n}")

    body = _flat(client, reverse("campaigns:request_list"), django_assert_max_num_queries, grow, 12)
    assert body.count("Chưa nộp") == 16


def test_campaign_list_query_count_is_flat(client, clerk_a, office_staff, unit_a, django_assert_max_num_queries):
    Authority.root()
    client.force_login(clerk_a)
    campaign_save(by=office_staff, name="Người tốt, việc tốt", kind=CampaignKind.REGULAR, owner=unit_a, start_date=D(2026, 1, 1))

    def grow():
        for n in range(20):
            campaign = campaign_save(
                by=office_staff, name=f"Phong trào số {n}", kind=CampaignKind.ANNUAL, owner=unit_a, start_date=D(2026, 1, 1)
            )
            campaign_join(by=clerk_a, campaign=campaign, unit=unit_a, targets="Hoàn thành 100% chỉ tiêu")

    body = _flat(client, reverse("campaigns:campaign_list"), django_assert_max_num_queries, grow, 10)
    assert "Phong trào số 19" in body


def test_plan_page_query_count_is_flat(client, council_member, office_staff, django_assert_max_num_queries):
    Authority.root()
    plan = plan_save(by=office_staff, year=2026, title="Kế hoạch công tác thi đua, khen thưởng năm 2026")
    plan_task_save(by=office_staff, plan=plan, quarter=1, content="Phát động phong trào thi đua", responsible="UBND huyện")
    client.force_login(council_member)

    def grow():
        for n in range(20):
            plan_task_save(by=office_staff, plan=plan, quarter=1 + n % 4, content=f"Nhiệm vụ {n}", responsible="Phòng Nội vụ")

    body = _flat(client, reverse("campaigns:plan_detail", args=[2026]), django_assert_max_num_queries, grow, 10)
    assert "QUÝ IV" in body.upper()


def test_calendar_query_count_is_flat(client, office_staff, clerk_a, django_assert_max_num_queries):
    Authority.root()
    make_request(office_staff, due=D(2030, 2, 6))
    for user in (office_staff, clerk_a):
        client.force_login(user)

        def grow(prefix=user.pk):
            for n in range(5):
                make_request(office_staff, due=D(2030, 3, 1 + n), title=f"Yêu cầu {prefix}-{n}")

        _flat(client, reverse("campaigns:calendar"), django_assert_max_num_queries, grow, 14)


def test_exemplary_list_query_count_is_flat(client, office_staff, clerk_a, unit_a, django_assert_max_num_queries):
    Authority.root()
    client.force_login(office_staff)

    def grow(count=12):
        for n in range(count):
            item = exemplary_submit(
                by=clerk_a,
                unit=unit_a,
                kind="dien_hinh",
                period_kind=PeriodKind.MONTH,
                year=2026,
                period=1 + n,
                title=f"Gương số {n}",
                subject_name="Nguyễn Thị Hoa",
                summary="Tận tụy phục vụ Nhân dân.",
            )
            if n % 2 == 0:
                exemplary_review(by=office_staff, item=item, publish=True, expected_version=item.version)

    grow(2)  # one waiting, one published before the first measurement
    body = _flat(client, reverse("campaigns:exemplary_list"), django_assert_max_num_queries, grow, 10)
    assert "Gương số 11" in body


def test_dashboards_show_what_waits(client, office_staff, clerk_a):
    Authority.root()
    make_request(office_staff, due=D(2024, 11, 15), title="Báo cáo sơ kết 6 tháng đầu năm 2024")
    client.force_login(clerk_a)
    section = client.get(reverse("dashboard")).content.decode().split('id="panel-unit-requests"')[1]
    assert "Yêu cầu nộp đang chờ đơn vị" in section
    assert "Báo cáo sơ kết 6 tháng đầu năm 2024" in section
    assert "hạn 15/11/2024 · quá hạn" in " ".join(section.split())
    client.force_login(office_staff)
    section = client.get(reverse("dashboard")).content.decode().split('id="panel-office-requests"')[1]
    assert "Yêu cầu nộp đã quá hạn, còn đơn vị chưa nộp" in section
    assert "1 đơn vị chưa nộp hoặc bị trả lại · hạn 15/11/2024" in section


def test_pages_need_the_right_role(client, clerk_a, council_member):
    client.force_login(clerk_a)
    assert client.get(reverse("campaigns:request_create")).status_code == 403
    assert client.get(reverse("campaigns:reminder_settings")).status_code == 403
    assert client.get(reverse("campaigns:plan_create")).status_code == 403
    client.force_login(council_member)
    assert client.get(reverse("campaigns:request_list")).status_code == 403
    assert client.get(reverse("campaigns:calendar")).status_code == 200


@pytest.mark.time_machine(at(2026, 6, 5))  # the day the request is issued
def test_office_creates_a_request_through_the_page(client, office_staff, clerk_a, unit_b):
    client.force_login(office_staff)
    response = client.post(
        reverse("campaigns:request_create"),
        {
            "title": "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026",
            "document_kind": "bao_cao_so_ket",
            "recipient_mode": "tat_ca",
            "issued_on": "05/06/2026",
            "due_mode": "ngay_lam_viec",
            "due_days": "15",
            "outline": "I. NỘI DUNG SƠ KẾT",
        },
    )
    from campaigns.models import SubmissionRequest

    request = SubmissionRequest.objects.get()
    assert response.url == reverse("campaigns:request_detail", args=[request.pk])
    assert (request.due_date, request.recipients.count()) == (D(2026, 6, 26), 2)
    body = client.get(response.url).content.decode()
    assert "Nhắc 2 đơn vị chưa nộp" in body
    assert "15 ngày làm việc kể từ 05/06/2026" in body


@pytest.mark.time_machine(at(2026, 6, 5))
def test_the_request_form_posted_twice_makes_one_request(client, office_staff, clerk_a):
    from campaigns.models import SubmissionRequest

    client.force_login(office_staff)
    html = client.get(reverse("campaigns:request_create")).content.decode()
    token = re.search(r'name="once" value="([0-9a-f-]{36})"', html).group(1)
    data = {
        "once": token,
        "title": "Báo cáo tổng kết năm 2026",
        "document_kind": "bao_cao_tong_ket",
        "recipient_mode": "tat_ca",
        "issued_on": "05/06/2026",
        "due_mode": "ngay_lam_viec",
        "due_days": "10",
    }
    first = client.post(reverse("campaigns:request_create"), data)
    second = client.post(reverse("campaigns:request_create"), data, follow=True)
    assert (second.redirect_chain[0][0], SubmissionRequest.objects.count()) == (first["Location"], 1)
    assert "Thao tác này đã được thực hiện." in second.content.decode()


def test_request_form_keeps_input_on_error(client, office_staff):
    client.force_login(office_staff)
    body = client.post(
        reverse("campaigns:request_create"),
        {"title": "Kế hoạch năm 2026", "document_kind": "ke_hoach", "recipient_mode": "theo_loai", "due_mode": "ngay"},
    ).content.decode()
    assert "Chọn hạn nộp." in body
    assert 'value="Kế hoạch năm 2026"' in body


def test_reminder_settings_page_saves_and_checks_offsets(client, office_staff):
    from campaigns.models import ReminderSettings

    config = ReminderSettings.load()
    client.force_login(office_staff)
    data = {
        "scan_hour": 6,
        "offsets_before": "5; 2; 0",
        "count_working_days": "on",
        "overdue_every_days": 3,
        "escalate_after_days": 9,
        "overdue_stop_after_days": 30,
        "digest_enabled": "on",
        "remind_award_rounds": "on",
        "remind_dossier_limits": "on",
        "version": config.version,
    }
    assert client.post(reverse("campaigns:reminder_settings"), data).status_code == 302
    config.refresh_from_db()
    assert (config.scan_hour, config.offsets_before, config.offsets, config.overdue_every_days) == (6, "5, 2, 0", [5, 2, 0], 3)
    body = client.post(reverse("campaigns:reminder_settings"), {**data, "offsets_before": "bảy", "version": config.version})
    assert "Nhập các số ngày, cách nhau bằng dấu phẩy, ví dụ: 7, 3, 1, 0." in body.content.decode()


def test_staff_edit_a_template_and_restore_it(client, office_staff):
    from notifications.models import MessageTemplate

    client.force_login(office_staff)
    url = reverse("campaigns:message_template_edit", args=["reminder_manual"])
    body = client.get(url).content.decode()
    assert "Cơ quan thường trực thi đua, khen thưởng đề nghị {{ unit_name }} nộp văn bản sau:" in body
    bad = client.post(url, {"title": "", "email_body": "{% for item in items %}", "inapp_body": ""}).content.decode()
    assert "Mẫu có lỗi cú pháp" in bad
    client.post(url, {"title": "Đề nghị nộp gấp", "email_body": "Đề nghị nộp gấp.", "inapp_body": "", "stamp": ""})
    template = MessageTemplate.objects.get(key="reminder_manual")
    assert (template.title, template.email_body, template.inapp_body) == ("Đề nghị nộp gấp", "Đề nghị nộp gấp.", "")
    stamp = client.get(url).context["form"]["stamp"].value()
    client.post(reverse("campaigns:message_template_restore", args=["reminder_manual"]), {"stamp": stamp})
    assert MessageTemplate.objects.count() == 0


def test_exemplary_flow_unit_submits_office_publishes(client, office_staff, clerk_a, clerk_b, unit_a):
    client.force_login(clerk_a)
    response = client.post(
        reverse("campaigns:exemplary_create"),
        {
            "unit": unit_a.pk,
            "kind": "mo_hinh_moi",
            "period_kind": "quy",
            "year": 2026,
            "period": 3,
            "title": "Mô hình “Tổ tự quản vệ sinh môi trường”",
            "subject_name": "Chi hội Phụ nữ thôn Cự Khê",
            "summary": "Phân loại rác tại nguồn ở 100% hộ gia đình.",
        },
        follow=True,
    )
    assert "Đã gửi giới thiệu: Mô hình “Tổ tự quản vệ sinh môi trường”." in response.content.decode()
    item = ExemplaryModel.objects.get()
    assert (item.status, item.period_label) == (ExemplaryStatus.SUBMITTED, "Quý III/2026")
    client.force_login(clerk_b)
    assert (
        "Tổ tự quản"
        not in client.get(reverse("campaigns:exemplary_list"))
        .content.decode()
        .split("<main")[1]
        .split("</main>")[0]
        .split('role="alert"')[-1]
    )
    client.force_login(office_staff)
    client.post(
        reverse("campaigns:exemplary_review", args=[item.pk]),
        {"publish": "1", "note": "Đăng Trang thông tin huyện.", "version": item.version},
    )
    client.force_login(clerk_b)
    body = client.get(reverse("campaigns:exemplary_list")).content.decode()
    assert "Mô hình “Tổ tự quản vệ sinh môi trường”" in body
    assert "Chi hội Phụ nữ thôn Cự Khê – UBND xã Cự Khê" in body


def test_quarter_out_of_range_is_refused(clerk_a, unit_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        exemplary_submit(
            by=clerk_a,
            unit=unit_a,
            kind="dien_hinh",
            period_kind=PeriodKind.QUARTER,
            year=2026,
            period=5,
            title="Gương",
            subject_name="Ông A",
            summary="…",
        )
    assert exc.value.message_dict == {"period": ["Tháng từ 1 đến 12, quý từ 1 đến 4."]}


def test_unused_models_import_guard():
    assert (Campaign._meta.verbose_name, AnnualPlan._meta.verbose_name, PlanTask._meta.verbose_name) == (
        "phong trào thi đua",
        "kế hoạch công tác TĐKT năm",
        "nhiệm vụ trong kế hoạch",
    )


def test_request_letter_is_a_numbered_cong_van(client, office_staff, clerk_a):
    import subprocess

    Authority.objects.filter(pk=Authority.root().pk).update(
        name="ỦY BAN NHÂN DÂN HUYỆN THANH OAI",
        short_name="UBND huyện Thanh Oai",
        place_name="Thanh Oai",
        document_code="UBND",
        office_code="NV",
        standing_office_name="Phòng Nội vụ",
    )
    req = make_request(
        office_staff,
        due=D(2026, 6, 30),
        issued=D(2026, 6, 1),
        title="Báo cáo sơ kết 6 tháng đầu năm 2026",
        document_kind=DocumentKind.INTERIM_REPORT,
        outline="I. Công tác chỉ đạo\nII. Kết quả phong trào thi đua",
    )
    client.force_login(clerk_a)
    assert client.get(reverse("campaigns:request_letter", args=[req.pk])).status_code == 403
    client.force_login(office_staff)
    draft = client.get(reverse("campaigns:request_letter", args=[req.pk]))
    req.refresh_from_db()
    assert req.document_number == ""  # looking at the draft takes no number
    assert draft.status_code == 200
    client.post(reverse("campaigns:request_letter_number", args=[req.pk]))
    client.post(reverse("campaigns:request_letter_number", args=[req.pk]))
    first = client.get(reverse("campaigns:request_letter", args=[req.pk]))
    again = first
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=b"".join(first.streaming_content), capture_output=True, check=True
        )
        .stdout.decode()
        .split()
    )
    assert "Số: 01/UBND-NV" in text
    assert "V/v đề nghị gửi báo cáo sơ kết 6 tháng đầu năm 2026" in text
    assert "Nội dung báo cáo sơ kết theo đề cương sau:" in text
    assert "Thanh Oai, ngày 01 tháng 6 năm 2026" in text
    assert "Kính gửi: Các cơ quan, đơn vị, địa phương." in text
    assert "trước ngày 30/06/2026" in text
    assert "II. Kết quả phong trào thi đua" in text
    assert again.status_code == 200
    req.refresh_from_db()
    assert req.document_number == "01/UBND-NV"  # the second click keeps the number
