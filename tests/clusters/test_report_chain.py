"""Reports go unit → cluster head → office."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusters import group_services as services
from clusters.enums import ReportStatus
from clusters.models import ChainReport
from notifications.models import Notification
from tests.factories import UnitFactory

from .conftest import pdf


@pytest.fixture
def call(office_staff, group):
    return services.report_call_create(
        by=office_staff, year=2026, period="so_ket", unit_due=datetime.date(2026, 6, 23), group_due=datetime.date(2026, 6, 30)
    )


def test_unit_report_goes_to_the_cluster_head_not_the_office(call, clerk_a, clerk_c, unit_c, office_staff):
    report = services.unit_report_submit(by=clerk_c, call=call, unit=unit_c, upload=pdf("bao-cao-so-ket.pdf"))
    assert (report.unit, report.group.head.name, report.status, report.to_office) == (
        unit_c,
        "UBND xã Cự Khê",
        ReportStatus.SUBMITTED,
        False,
    )
    assert list(Notification.objects.filter(recipient=clerk_a).values_list("title", flat=True)) == [
        "UBND xã Thanh Mai đã gửi Báo cáo sơ kết 6 tháng năm 2026"
    ]
    with pytest.raises(PermissionDenied):
        services.report_review(by=office_staff, report=report, accept=True)


def test_head_accepts_the_unit_report_then_sends_the_summary_to_the_office(call, group, clerk_a, clerk_c, unit_c, office_staff):
    report = services.unit_report_submit(by=clerk_c, call=call, unit=unit_c, upload=pdf())
    services.report_review(by=clerk_a, report=report, accept=True)
    summary = services.group_report_submit(by=clerk_a, call=call, group=group, upload=pdf("tong-hop-cum-1.pdf"))
    assert summary.to_office is True
    assert (
        Notification.objects.filter(
            recipient=office_staff, title="Cụm thi đua số 1 năm 2026 đã gửi Báo cáo sơ kết 6 tháng năm 2026"
        ).count()
        == 1
    )
    services.report_review(by=office_staff, report=summary, accept=True)
    assert list(ChainReport.objects.order_by("id").values_list("unit__name", "status")) == [
        ("UBND xã Thanh Mai", ReportStatus.ACCEPTED),
        (None, ReportStatus.ACCEPTED),
    ]


def test_head_returns_a_unit_report_with_a_reason_and_the_unit_resubmits(call, clerk_a, clerk_c, unit_c):
    report = services.unit_report_submit(by=clerk_c, call=call, unit=unit_c, upload=pdf())
    with pytest.raises(ValidationError) as exc:
        services.report_review(by=clerk_a, report=report, accept=False)
    assert exc.value.messages == ["Vui lòng ghi lý do trả lại."]
    services.report_review(by=clerk_a, report=report, accept=False, reason="Thiếu số liệu khen thưởng.")
    assert Notification.objects.filter(recipient=clerk_c, body="Thiếu số liệu khen thưởng.").count() == 1
    again = services.unit_report_submit(by=clerk_c, call=call, unit=unit_c, upload=pdf())
    assert (again.pk, again.status, again.return_reason) == (report.pk, ReportStatus.SUBMITTED, "")


def test_group_report_by_a_member_who_is_not_the_head_is_denied(call, group, clerk_b):
    with pytest.raises(PermissionDenied):
        services.group_report_submit(by=clerk_b, call=call, group=group, upload=pdf())


def test_unit_report_from_a_unit_in_no_group_is_refused(call, office_staff):
    from accounts.enums import Role
    from tests.factories import user_with_role

    loner = UnitFactory(name="UBND xã Kim An")
    with pytest.raises(ValidationError) as exc:
        services.unit_report_submit(by=user_with_role(Role.UNIT_CLERK, loner), call=call, unit=loner, upload=pdf())
    assert exc.value.messages == ["Đơn vị chưa thuộc cụm, khối nào trong năm 2026."]
