"""The province's annual plan reaches every commune's office (#13): a task given to lower levels is seen by each
commune's office under "Nhiệm vụ cấp trên giao", which reports its own part done; the province reads how many
communes have reported and which have not. A commune never sees another's report, nor a task not given to it."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import PlanTaskReport
from campaigns.services.plan import plan_save, plan_task_report, plan_task_save
from campaigns.services.reminders import reminder_scan
from core.models import AuditEntry
from core.services import ConcurrentEditError
from tests.authorities import make_commune
from tests.clock import at

from .conftest import D

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 3, 2))]

FROM_ABOVE = reverse("campaigns:requests_from_above")


@pytest.fixture
def plan(province, office_staff):
    return plan_save(by=office_staff, year=2026, title="Kế hoạch công tác thi đua, khen thưởng năm 2026")


@pytest.fixture
def given(plan, office_staff, commune_x, commune_y):
    """Task 1 is given to every commune (already overdue); task 2 is the province's own."""
    task = plan_task_save(
        by=office_staff,
        plan=plan,
        quarter=1,
        content="Tổ chức Hội nghị điển hình tiên tiến cấp xã",
        responsible="UBND các xã, phường",
        due_date=D(2026, 2, 27),
        for_lower_levels=True,
    )
    plan_task_save(by=office_staff, plan=plan, quarter=1, content="Sơ kết công tác Sở Nội vụ", responsible="Sở Nội vụ")
    return task


def _report(client, task, *, version, done_on="01/03/2026", note="Đã tổ chức hội nghị ngày 01/3"):
    url = reverse("campaigns:from_above_task_report", args=[task.pk])
    data = {f"t{task.pk}-version": version, f"t{task.pk}-done_on": done_on, f"t{task.pk}-note": note}
    return client.post(url, data, follow=True)


def test_only_an_authority_with_communes_may_give_a_task_to_them(client, plan, office_staff, commune_x):
    client.force_login(office_staff)
    assert "Giao cho UBND cấp xã" in client.get(reverse("campaigns:plan_task_add", args=[2026])).content.decode()
    own = plan_save(by=commune_x.office, year=2026, title="Kế hoạch năm 2026 của xã Phong Thổ")
    client.force_login(commune_x.office)
    assert "Giao cho UBND cấp xã" not in client.get(reverse("campaigns:plan_task_add", args=[2026])).content.decode()
    with pytest.raises(ValidationError) as refused:
        plan_task_save(by=commune_x.office, plan=own, quarter=1, content="Việc", responsible="Thôn", for_lower_levels=True)
    assert "không có UBND cấp xã trực thuộc" in str(refused.value)


def test_each_commune_office_sees_the_task_given_and_not_the_provinces_own(client, given, commune_x, commune_y):
    for place in (commune_x, commune_y):
        client.force_login(place.office)
        page = client.get(FROM_ABOVE).content.decode()
        assert "Nhiệm vụ cấp trên giao" in page
        assert "Tổ chức Hội nghị điển hình tiên tiến cấp xã" in page and "27/02/2026" in page
        assert "Quá hạn, chưa báo cáo" in page
        assert "Sơ kết công tác Sở Nội vụ" not in page
    # The plan page of a commune links to the section.
    plan_save(by=commune_x.office, year=2026, title="Kế hoạch năm 2026 của xã Phong Thổ")
    client.force_login(commune_x.office)
    assert "#nhiem-vu-cap-tren" in client.get(reverse("campaigns:plan_detail", args=[2026])).content.decode()


def test_a_commune_reports_and_never_sees_another_communes_report(client, given, commune_x, commune_y):
    client.force_login(commune_x.office)
    done = _report(client, given, version=0).content.decode()
    assert "Đã báo cáo kết quả thực hiện nhiệm vụ 1 của UBND tỉnh Lai Châu." in done
    report = PlanTaskReport.objects.get()
    assert (report.authority, report.done_on, report.done_by, report.version) == (
        commune_x.authority,
        D(2026, 3, 1),
        commune_x.office,
        1,
    )
    assert AuditEntry.objects.filter(action="plan_task_report", authority_id=commune_x.authority.pk).count() == 1
    client.force_login(commune_y.office)
    page = client.get(FROM_ABOVE).content.decode()
    assert "Đã tổ chức hội nghị ngày 01/3" not in page and "Quá hạn, chưa báo cáo" in page


def test_only_a_communes_office_may_report(client, given, commune_x, office_staff, plan):
    own = plan_task_save(by=office_staff, plan=plan, quarter=2, content="Việc riêng của tỉnh", responsible="Sở Nội vụ")
    for person, task in ((commune_x.clerk, given), (office_staff, given), (commune_x.office, own)):
        client.force_login(person)
        assert _report(client, task, version=0).status_code == 404
    assert not PlanTaskReport.objects.exists()


def test_a_report_is_changed_from_the_version_shown_and_a_stale_page_is_refused(client, given, commune_x):
    client.force_login(commune_x.office)
    _report(client, given, version=0)
    # A second click of the same report makes no second record.
    _report(client, given, version=0)
    assert PlanTaskReport.objects.count() == 1
    # A page opened before the first report cannot overwrite it, and keeps what was typed.
    stale = _report(client, given, version=0, note="Báo cáo từ trang cũ").content.decode()
    assert "vừa được người khác cập nhật" in stale and "Báo cáo từ trang cũ" in stale
    changed = _report(client, given, version=1, note="Đã tổ chức hội nghị, 120 đại biểu")
    assert changed.status_code == 200
    report = PlanTaskReport.objects.get()
    assert (report.note, report.version) == ("Đã tổ chức hội nghị, 120 đại biểu", 2)
    with pytest.raises(ConcurrentEditError):
        plan_task_report(by=commune_x.office, task=given, done_on=D(2026, 3, 1), note="Cũ", expected_version=1)
    future = _report(client, given, version=2, done_on="05/03/2026").content.decode()
    assert "không được sau ngày hôm nay" in future
    assert PlanTaskReport.objects.get().done_on == D(2026, 3, 1)


def test_the_province_reads_how_many_communes_reported_and_which_not(client, given, commune_x, commune_y, office_staff):
    dissolved = make_commune("xa-cu", "Cũ", parent=commune_x.authority.parent)
    dissolved.authority.dissolved_on = D(2025, 7, 1)
    dissolved.authority.save()
    plan_task_report(by=commune_x.office, task=given, done_on=D(2026, 2, 20), note="Đã tổ chức", expected_version=0)
    client.force_login(office_staff)
    plan_page = client.get(reverse("campaigns:plan_detail", args=[2026])).content.decode()
    assert "1/2 xã, phường đã báo cáo hoàn thành" in plan_page
    drill = client.get(reverse("campaigns:plan_task_lower", args=[2026, given.pk])).content.decode()
    assert "UBND xã Phong Thổ" in drill and "Đã tổ chức" in drill and "20/02/2026" in drill
    row_y = drill.split(f'id="cap-duoi-{commune_y.authority.pk}"')[1].split("</tr>")[0]
    assert "Chưa báo cáo" in row_y and "Quá hạn" in row_y and "table-danger" in drill
    assert "UBND xã Cũ" not in drill
    # A commune cannot read the province's drill-down (its own plans only).
    client.force_login(commune_x.office)
    assert client.get(reverse("campaigns:plan_task_lower", args=[2026, given.pk])).status_code == 404


def _flat(client, urls, django_assert_max_num_queries, grow, limit):
    """Each page's number of queries stays the same after `grow()` adds rows, and within `limit`."""
    counts = []
    for url in urls:
        with django_assert_max_num_queries(limit) as small:
            assert client.get(url).status_code == 200
        counts.append(len(small.captured_queries))
    grow()
    bodies = []
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(limit) as large:
            response = client.get(url)
        assert response.status_code == 200
        assert len(large.captured_queries) == count
        bodies.append(response.content.decode())
    return bodies


def test_the_communes_section_keeps_its_queries_as_tasks_grow(
    client, given, plan, office_staff, commune_x, django_assert_max_num_queries
):
    plan_task_report(by=commune_x.office, task=given, done_on=D(2026, 2, 20), note="Đã tổ chức", expected_version=0)
    client.force_login(commune_x.office)

    def grow():
        for n in range(8):
            task = plan_task_save(
                by=office_staff,
                plan=plan,
                quarter=1 + n % 4,
                content=f"Nhiệm vụ cấp xã {n}",
                responsible="UBND xã",
                for_lower_levels=True,
            )
            if n % 2:
                plan_task_report(by=commune_x.office, task=task, done_on=D(2026, 3, 1), note=f"Xong {n}", expected_version=0)

    (body,) = _flat(client, [FROM_ABOVE], django_assert_max_num_queries, grow, 16)
    assert "Nhiệm vụ cấp xã 7" in body and "Xong 7" in body


def test_the_drill_down_keeps_its_queries_as_communes_grow(client, given, province, office_staff, django_assert_max_num_queries):
    client.force_login(office_staff)

    def grow():
        for n in range(6):
            place = make_commune(f"xa-moi-{n}", f"Mới {n}", parent=province)
            plan_task_report(by=place.office, task=given, done_on=D(2026, 2, 25), note=f"Báo cáo {n}", expected_version=0)

    urls = [reverse("campaigns:plan_task_lower", args=[2026, given.pk]), reverse("campaigns:plan_detail", args=[2026])]
    drill, plan_page = _flat(client, urls, django_assert_max_num_queries, grow, 14)
    assert "Báo cáo 5" in drill and "6/8" in drill
    assert "6/8 xã, phường đã báo cáo hoàn thành" in plan_page


def test_an_overdue_task_reminds_each_commune_office_that_has_not_reported(
    given, commune_x, commune_y, office_staff, settings_working, django_capture_on_commit_callbacks
):
    plan_task_report(by=commune_x.office, task=given, done_on=D(2026, 2, 20), note="Đã tổ chức", expected_version=0)
    with django_capture_on_commit_callbacks(execute=True):
        reminder_scan(today=D(2026, 3, 2))
    digests = {m.to[0]: m.body for m in mail.outbox if m.subject.startswith("Tổng hợp việc quá hạn")}
    # Sìn Suối Hồ has not reported: its own office is reminded; Phong Thổ has, and owes nothing else.
    assert "Tổ chức Hội nghị điển hình tiên tiến cấp xã" in digests[commune_y.office.email]
    assert commune_x.office.email not in digests
    # The province's own digest keeps its task until the province ticks it done, as before.
    assert "Tổ chức Hội nghị điển hình tiên tiến cấp xã" in digests[office_staff.email]
