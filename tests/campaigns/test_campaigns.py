"""Campaigns, their registration (which a thematic award round needs), participation, the annual plan."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.enums import Role
from campaigns.demo.plan import CAO_LOC_TASKS
from campaigns.enums import CampaignKind
from campaigns.models import AnnualPlan, Campaign, PlanTask
from campaigns.services.campaigns import campaign_join, campaign_register, campaign_save
from campaigns.services.plan import plan_save, plan_task_mark, plan_task_save
from core.services import ConcurrentEditError
from dossiers.forms import AwardRoundForm
from dossiers.models import AwardRound
from tests.clock import at
from tests.factories import UnitFactory, user_with_role

from .conftest import D

# The campaign below runs 15/02–31/12/2026 and was registered on 20/02/2026: the clock stands on a
# morning in between, so joining it is still open on any real date.
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 3, 2))]


@pytest.fixture
def department(db):
    return UnitFactory(name="Phòng Kinh tế", code="phong-kinh-te", kind="phong_ban")


@pytest.fixture
def department_clerk(department):
    return user_with_role(Role.UNIT_CLERK, department, full_name="Vũ Đức Long")


def _thematic(by, owner, **kwargs):
    data = dict(
        name="Toàn dân chung sức xây dựng Nông thôn mới",
        kind=CampaignKind.THEMATIC,
        owner=owner,
        start_date=D(2026, 2, 15),
        end_date=D(2026, 12, 31),
        launch_document="Kế hoạch số 28/KH-UBND ngày 10/02/2026",
    )
    data.update(kwargs)
    return campaign_save(by=by, **data)


def _round_form(campaign):
    return AwardRoundForm(
        data={
            "name": "Chuyên đề “Toàn dân chung sức xây dựng Nông thôn mới”",
            "year": 2026,
            "commendation_kind": "chuyen_de",
            "campaign": campaign.pk if campaign else "",
            "campaign_name": "",
            "submission_deadline": "20/12/2026",
            "min_days_before_ceremony": 15,
            "is_open": "on",
        }
    )


def test_department_clerk_launches_a_campaign_in_its_own_name(department_clerk, department, unit_a):
    campaign = _thematic(department_clerk, department)
    assert (campaign.owner, campaign.is_registered, campaign.created_by) == (department, False, department_clerk)
    with pytest.raises(ValidationError) as exc:
        _thematic(department_clerk, unit_a, name="Phong trào của đơn vị khác")
    assert exc.value.message_dict == {"owner": ["Chỉ phát động phong trào với danh nghĩa đơn vị của mình."]}


def test_only_the_office_registers_and_a_registered_campaign_is_the_offices_to_change(office_staff, department_clerk, department):
    campaign = _thematic(department_clerk, department)
    with pytest.raises(PermissionDenied):
        campaign_register(
            by=department_clerk, campaign=campaign, number="03/ĐK-NV", date=D(2026, 2, 20), expected_version=campaign.version
        )
    campaign_register(
        by=office_staff, campaign=campaign, number="03/ĐK-NV", date=D(2026, 2, 20), expected_version=campaign.version
    )
    campaign.refresh_from_db()
    assert (campaign.registration_number, campaign.registration_date, campaign.is_registered) == (
        "03/ĐK-NV",
        D(2026, 2, 20),
        True,
    )
    assert department_clerk.has_perm("campaigns.change_campaign", campaign) is False
    assert office_staff.has_perm("campaigns.change_campaign", campaign) is True


def test_thematic_round_needs_a_registered_campaign(office_staff, department_clerk, department):
    form = _round_form(None)
    assert form.is_valid() is False
    assert form.errors["campaign"] == ["Đợt chuyên đề phải gắn với một phong trào đã đăng ký."]
    campaign = _thematic(department_clerk, department)
    form = _round_form(campaign)
    assert form.is_valid() is False
    assert form.errors["campaign"] == [
        "Phong trào “Toàn dân chung sức xây dựng Nông thôn mới” chưa đăng ký với cơ quan thường trực."
    ]
    campaign_register(
        by=office_staff, campaign=campaign, number="03/ĐK-NV", date=D(2026, 2, 20), expected_version=campaign.version
    )
    form = _round_form(Campaign.objects.get(pk=campaign.pk))
    assert form.is_valid() is True, form.errors
    assert form.cleaned_data["campaign_name"] == "Toàn dân chung sức xây dựng Nông thôn mới"


def test_office_saves_a_thematic_round_through_the_page(client, office_staff, department_clerk, department):
    campaign = _thematic(department_clerk, department)
    campaign_register(
        by=office_staff, campaign=campaign, number="03/ĐK-NV", date=D(2026, 2, 20), expected_version=campaign.version
    )
    client.force_login(office_staff)
    data = _round_form(campaign).data
    assert client.post(reverse("dossiers:round_add"), data).status_code == 302
    award_round = AwardRound.objects.get()
    assert (award_round.campaign, award_round.campaign_name) == (campaign, campaign.name)
    body = client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    assert "Chuyên đề “Toàn dân chung sức xây dựng Nông thôn mới”" in body


def test_unit_registers_participation_with_targets(office_staff, department, clerk_a, unit_a, clerk_b, unit_b):
    campaign = _thematic(office_staff, department)
    first = campaign_join(by=clerk_a, campaign=campaign, unit=unit_a, targets="Giữ vững chuẩn xã nông thôn mới nâng cao.")
    campaign_join(
        by=clerk_a,
        campaign=campaign,
        unit=unit_a,
        targets="Đạt chuẩn xã nông thôn mới kiểu mẫu.",
        expected_version=first.version,
    )
    assert list(campaign.registrations.values_list("unit__name", "targets")) == [
        ("UBND xã Cự Khê", "Đạt chuẩn xã nông thôn mới kiểu mẫu.")
    ]
    with pytest.raises(PermissionDenied):
        campaign_join(by=clerk_b, campaign=campaign, unit=unit_a, targets="…")
    with pytest.raises(ValidationError) as exc:
        campaign_join(by=clerk_b, campaign=campaign, unit=unit_b, targets="  ")
    assert exc.value.message_dict == {"targets": ["Ghi các chỉ tiêu, nội dung đơn vị đăng ký thi đua."]}


def test_campaign_page_lets_a_clerk_join(client, office_staff, department, clerk_a, unit_a):
    campaign = _thematic(office_staff, department)
    client.force_login(clerk_a)
    response = client.post(
        reverse("campaigns:campaign_join", args=[campaign.pk]),
        {"unit": unit_a.pk, "targets": "02 mô hình sản xuất được nhân rộng."},
        follow=True,
    )
    body = response.content.decode()
    assert "UBND xã Cự Khê đã đăng ký tham gia phong trào." in body
    assert "02 mô hình sản xuất được nhân rộng." in body


def test_plan_task_is_ticked_done_with_a_version(office_staff):
    plan = plan_save(by=office_staff, year=2026, title="Kế hoạch công tác thi đua, khen thưởng năm 2026")
    task = plan_task_save(
        by=office_staff,
        plan=plan,
        quarter=2,
        content="Báo cáo sơ kết công tác TĐKT 6 tháng đầu năm 2026",
        responsible="Phòng Nội vụ",
    )
    assert (task.number, task.due_date) == (1, D(2026, 6, 30))
    plan_task_mark(by=office_staff, task=task, done=True, note="Đã gửi UBND tỉnh ngày 28/6.", expected_version=1)
    task.refresh_from_db()
    assert (task.is_done, task.done_note, task.version) == (True, "Đã gửi UBND tỉnh ngày 28/6.", 2)
    stale = PlanTask.objects.get(pk=task.pk)
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        plan_task_mark(by=office_staff, task=stale, done=False, expected_version=1)


@pytest.mark.time_machine(at(2026, 12, 6))
def test_demo_holds_the_cao_loc_plan_as_written(demo_data):
    plan = AnnualPlan.objects.get(year=2026)
    tasks = list(plan.tasks.order_by("number"))
    assert len(tasks) == 19
    assert [t.quarter for t in tasks] == [1] * 7 + [2] * 5 + [3] * 3 + [4] * 4
    assert tasks[1].content == "Chấm điểm thi đua năm 2025 của huyện gửi cụm thi đua các huyện biên giới"
    assert tasks[3].responsible_list == ["UBND huyện", "Phòng Nội vụ", "Các cơ quan, đơn vị liên quan"]
    assert tasks[8].content.startswith("Phát động phong trào thi đua kỷ niệm 115 ngày sinh đồng chí Hoàng Văn Thụ")
    assert tasks[18].content == "Ban hành Kế hoạch công tác TĐKT năm 2027"
    assert [t.due_date for t in tasks[:1] + tasks[-1:]] == [D(2026, 3, 31), D(2026, 12, 31)]
    assert len(CAO_LOC_TASKS) == 19


@pytest.mark.time_machine(at(2026, 12, 6))
def test_demo_requests_follow_the_seed_deadlines(demo_data):
    from campaigns.models import SubmissionRequest

    due = dict(SubmissionRequest.objects.values_list("title", "due_date"))
    assert due == {
        "Kế hoạch phát động phong trào thi đua năm 2026 của cơ quan, đơn vị": D(2026, 2, 6),
        "Quy chế hoạt động, tiêu chí chấm điểm và bản ký giao ước thi đua năm 2026 của cụm, khối thi đua": D(2026, 2, 20),
        "Hồ sơ đề nghị khen thưởng năm học 2025 – 2026 ngành Giáo dục và Đào tạo": D(2026, 6, 12),
        # The six-month report goes through the clusters: members to their head, then heads to the office.
        "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 (đơn vị gửi trưởng cụm, khối)": D(2026, 6, 23),
        "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 (trưởng cụm, khối gửi báo cáo tổng hợp)": D(
            2026, 6, 30
        ),
        "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026": D(2026, 12, 11),  # 15 working days from 20/11
    }
    interim = SubmissionRequest.objects.get(title__endswith="6 tháng đầu năm 2026 (đơn vị gửi trưởng cụm, khối)")
    assert interim.outline.startswith("I. NỘI DUNG SƠ KẾT\n1. Công tác lãnh đạo, chỉ đạo")
    assert interim.next_steps.get().title.endswith("(trưởng cụm, khối gửi báo cáo tổng hợp)")
    thematic = AwardRound.objects.get(commendation_kind="chuyen_de", year=2026)
    assert (thematic.campaign.name, thematic.campaign.is_registered) == ("Toàn dân chung sức xây dựng Nông thôn mới", True)


def test_campaign_edit_audits_the_real_change_and_needs_the_version(office_staff, department):
    from core.models import AuditEntry

    campaign = _thematic(office_staff, department)
    opened = Campaign.objects.get(pk=campaign.pk)
    opened.launch_document = "Kế hoạch số 30/KH-UBND ngày 12/02/2026"  # as a ModelForm does before the service runs
    campaign_save(
        by=office_staff,
        campaign=opened,
        expected_version=campaign.version,
        launch_document="Kế hoạch số 30/KH-UBND ngày 12/02/2026",
    )
    entry = AuditEntry.objects.filter(action="campaign_update").latest("id")
    assert entry.changes == {
        "launch_document": ["Kế hoạch số 28/KH-UBND ngày 10/02/2026", "Kế hoạch số 30/KH-UBND ngày 12/02/2026"]
    }
    with pytest.raises(ConcurrentEditError):
        campaign_save(by=office_staff, campaign=Campaign.objects.get(pk=campaign.pk), name="Không ghi phiên bản")
    assert Campaign.objects.get(pk=campaign.pk).name == "Toàn dân chung sức xây dựng Nông thôn mới"
