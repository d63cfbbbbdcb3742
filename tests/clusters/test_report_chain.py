"""The report chain unit → cluster head → office, made of two linked submission requests
(campaigns.services.requests.report_chain_create): the members send to their head, who accepts or returns and
then sends the cluster's consolidated report to the office."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from campaigns.enums import DocumentKind, ItemType, Receiver, RecipientMode, SubmissionStatus
from campaigns.models import Reminder, ReminderSettings, RequestRecipient, SubmissionRequest
from campaigns.selectors import requests as selectors
from campaigns.services import requests as campaign_services
from campaigns.services import submissions as submission_services
from campaigns.services.reminders import reminder_scan
from clusters import services
from clusters.enums import LeaderMethod, LeaderPosition
from core.models import AuditEntry
from notifications.models import Notification
from tests.factories import UnitFactory, user_with_role

from .conftest import CLOCK, JAN_8, pdf

# Launched on 20/11/2026 (CLOCK): the year-end report's dues (04/12, 11/12/2026) are still ahead.
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(CLOCK)]
D = datetime.date
TITLE = "Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026"
MEMBERS_TITLE = f"{TITLE} (đơn vị gửi trưởng cụm, khối)"
HEADS_TITLE = f"{TITLE} (trưởng cụm, khối gửi báo cáo tổng hợp)"


@pytest.fixture
def unit_d(db):
    return UnitFactory(name="UBND xã Dân Hòa", code="xa-d")


@pytest.fixture
def unit_e(db):
    return UnitFactory(name="UBND xã Kim Thư", code="xa-e")


@pytest.fixture
def clerk_d(unit_d):
    return user_with_role(Role.UNIT_CLERK, unit_d, full_name="Lưu Văn Đức")


@pytest.fixture
def clerk_e(unit_e):
    return user_with_role(Role.UNIT_CLERK, unit_e, full_name="Ngô Thị Én")


@pytest.fixture
def group2(office_staff, unit_d, unit_e):
    """Cụm thi đua số 2 (2026): unit_d heads it, unit_e is a member."""
    group = services.group_create(by=office_staff, year=2026, kind="cum", name="Cụm thi đua số 2", units=[unit_d, unit_e])
    services.group_set_leader(
        by=office_staff, group=group, unit=unit_d, position=LeaderPosition.HEAD, method=LeaderMethod.APPOINTED, on=JAN_8
    )
    group.refresh_from_db()
    return group


def _chain(
    office_staff, groups, *, kind=DocumentKind.INTERIM_REPORT, member_due=None, head_due=None, issued_on=None, announce=False
):
    today = timezone.localdate()
    return campaign_services.report_chain_create(
        by=office_staff,
        year=2026,
        kind=kind,
        groups=groups,
        member_due=member_due or today + datetime.timedelta(days=10),
        head_due=head_due or today + datetime.timedelta(days=20),
        issued_on=issued_on,
        announce=announce,
    )


def _row(request, unit) -> RequestRecipient:
    return RequestRecipient.objects.select_related("request", "unit", "group").get(request=request, unit=unit)


def test_chain_sends_members_to_their_head_and_heads_to_the_office(
    office_staff, group, group2, unit_a, unit_b, unit_c, unit_d, unit_e, clerk_a, clerk_b, clerk_c
):
    members, heads = _chain(office_staff, [group, group2], announce=True)
    assert (members.title, members.recipient_mode, members.receiver, members.document_kind) == (
        MEMBERS_TITLE,
        RecipientMode.CLUSTERS,
        Receiver.CLUSTER_HEAD,
        DocumentKind.INTERIM_REPORT,
    )
    # The head units send the cluster's own report instead of reporting to themselves.
    assert {(r.unit_id, r.group_id) for r in members.recipients.all()} == {
        (unit_b.pk, group.pk),
        (unit_c.pk, group.pk),
        (unit_e.pk, group2.pk),
    }
    assert (heads.title, heads.recipient_mode, heads.receiver, heads.follows) == (
        HEADS_TITLE,
        RecipientMode.CLUSTER_HEADS,
        Receiver.OFFICE,
        members,
    )
    assert {(r.unit_id, r.group_id) for r in heads.recipients.all()} == {(unit_a.pk, group.pk), (unit_d.pk, group2.pk)}
    assert list(members.next_steps.all()) == [heads]
    member_due, head_due = f"{members.due_date:%d/%m/%Y}", f"{heads.due_date:%d/%m/%Y}"
    assert list(Notification.objects.filter(recipient=clerk_c).values_list("title", flat=True)) == [
        f"Yêu cầu nộp: {MEMBERS_TITLE} – hạn {member_due}"
    ]
    assert list(Notification.objects.filter(recipient=clerk_a).values_list("title", flat=True)) == [
        f"Yêu cầu nộp: {HEADS_TITLE} – hạn {head_due}"
    ]
    entries = AuditEntry.objects.filter(action="request_create").order_by("id")
    assert [e.changes.get("follows") for e in entries] == [None, [None, MEMBERS_TITLE]]


def test_unit_uploads_head_is_told_returns_then_accepts_and_the_office_accepts_the_summary(
    office_staff, group, unit_a, unit_c, clerk_a, clerk_b, clerk_c
):
    members, heads = _chain(office_staff, [group])
    row = _row(members, unit_c)
    submission_services.submission_upload(by=clerk_c, recipient=row, upload=pdf("bao-cao-so-ket-thanh-mai.pdf"))
    assert list(Notification.objects.filter(recipient=clerk_a).values_list("title", flat=True)) == [
        f"UBND xã Thanh Mai đã nộp: {MEMBERS_TITLE}"
    ]
    row.refresh_from_db()
    for outsider in (office_staff, clerk_b):  # the office is not the receiver; nor is the deputy
        with pytest.raises(PermissionDenied):
            submission_services.submission_accept(by=outsider, recipient=row, expected_version=row.version)

    submission_services.submission_return(
        by=clerk_a, recipient=row, reason="Thiếu số liệu khen thưởng 6 tháng.", expected_version=row.version
    )
    assert list(Notification.objects.filter(recipient=clerk_c).values_list("title", flat=True)) == [
        f"Trả lại để sửa: {MEMBERS_TITLE}"
    ]
    submission_services.submission_upload(by=clerk_c, recipient=row, upload=pdf("bao-cao-so-ket-bo-sung.pdf"))
    row.refresh_from_db()
    submission_services.submission_accept(by=clerk_a, recipient=row, expected_version=row.version)

    summary = _row(heads, unit_a)
    submission_services.submission_upload(by=clerk_a, recipient=summary, upload=pdf("tong-hop-cum-1.pdf"))
    summary.refresh_from_db()
    with pytest.raises(PermissionDenied):  # the head does not accept its own summary
        submission_services.submission_accept(by=clerk_a, recipient=summary, expected_version=summary.version)
    submission_services.submission_accept(by=office_staff, recipient=summary, expected_version=summary.version)

    assert list(RequestRecipient.objects.order_by("request_id", "unit__name").values_list("unit__name", "status")) == [
        ("UBND xã Bích Hòa", SubmissionStatus.MISSING),
        ("UBND xã Thanh Mai", SubmissionStatus.ACCEPTED),
        ("UBND xã Cự Khê", SubmissionStatus.ACCEPTED),
    ]
    assert [r.submissions.count() for r in (_row(members, unit_c), summary)] == [2, 1]


def test_unit_of_another_cluster_can_neither_see_nor_upload_nor_review(
    client, office_staff, group, group2, unit_c, clerk_c, clerk_d, clerk_e
):
    members, heads = _chain(office_staff, [group, group2])
    row_c = _row(members, unit_c)
    with pytest.raises(PermissionDenied):
        submission_services.submission_upload(by=clerk_e, recipient=row_c, upload=pdf())
    submission_services.submission_upload(by=clerk_c, recipient=row_c, upload=pdf())
    row_c.refresh_from_db()
    with pytest.raises(PermissionDenied):  # the head of Cụm 2 reviews only its own members
        submission_services.submission_accept(by=clerk_d, recipient=row_c, expected_version=row_c.version)
    assert [r.unit.name for r in selectors.board_rows(members, unit_ids=selectors.board_unit_ids(members, viewer=clerk_d))] == [
        "UBND xã Kim Thư"
    ]
    client.force_login(clerk_e)
    assert client.get(reverse("campaigns:group_reports", args=[group.pk])).status_code == 404
    assert client.get(reverse("campaigns:request_detail", args=[heads.pk])).status_code == 404
    page = client.get(reverse("campaigns:request_detail", args=[members.pk])).content.decode()
    assert (page.count('id="dv-'), "UBND xã Thanh Mai" in page) == (1, False)


def test_reminders_reach_the_members_and_the_heads(office_staff, group, unit_a, unit_b, unit_c, clerk_a, clerk_b, clerk_c):
    ReminderSettings.load()  # 7, 3, 1, 0 working days before
    members, heads = _chain(office_staff, [group], issued_on=D(2026, 6, 1), member_due=D(2026, 6, 23), head_due=D(2026, 6, 30))
    accepted = _row(members, unit_b)
    RequestRecipient.objects.filter(pk=accepted.pk).update(status=SubmissionStatus.ACCEPTED)
    result = reminder_scan(today=D(2026, 6, 22))  # one working day before 23/6, six before 30/6
    reminded = set(
        Reminder.objects.filter(item_type=ItemType.SUBMISSION).values_list("item_id", "recipient__full_name", "offset")
    )
    assert reminded == {(_row(members, unit_c).pk, "Chu Thị Huệ", 1), (_row(heads, unit_a).pk, "Phạm Thị Lan", 7)}
    assert result.reminders == 2


def test_group_page_shows_late_and_overdue_from_the_requests(client, office_staff, group, unit_a, unit_b, unit_c, clerk_c):
    members, heads = _chain(office_staff, [group], issued_on=D(2026, 6, 1), member_due=D(2026, 6, 23), head_due=D(2026, 6, 30))
    late = _row(members, unit_c)
    submission_services.submission_upload(by=clerk_c, recipient=late, upload=pdf())
    RequestRecipient.objects.filter(pk=late.pk).update(submitted_at=timezone.make_aware(datetime.datetime(2026, 6, 25, 9)))
    (round_,) = selectors.group_reports(group=group, viewer=office_staff, today=D(2026, 7, 1))
    assert [(r.unit.name, r.status, r.board_state, r.overdue) for r in round_.rows] == [
        ("UBND xã Bích Hòa", SubmissionStatus.MISSING, "chua_nop", True),
        ("UBND xã Thanh Mai", SubmissionStatus.SUBMITTED, "tre_han", False),
    ]
    assert (round_.upward, round_.head_row.unit, round_.head_row.overdue) == (heads, unit_a, True)
    client.force_login(office_staff)
    page = client.get(reverse("campaigns:group_reports", args=[group.pk]), HTTP_HX_REQUEST="true").content.decode()
    thanh_mai = page.split('data-unit="UBND xã Thanh Mai"')[1].split("</tr>")[0]
    assert ("Đã nộp, chờ trưởng cụm, khối xem xét" in thanh_mai, "Nộp trễ hạn" in thanh_mai) == (True, True)
    bich_hoa = page.split('data-unit="UBND xã Bích Hòa"')[1].split("</tr>")[0]
    assert ("Chưa nộp" in bich_hoa, "Quá hạn" in bich_hoa) == (True, True)


def _shown(client, user, group):
    client.force_login(user)
    response = client.get(reverse("campaigns:group_reports", args=[group.pk]), HTTP_HX_REQUEST="true")
    if response.status_code != 200:
        return response.status_code
    return sorted(part.split('"')[0] for part in response.content.decode().split('data-unit="')[1:])


def test_group_report_rows_member_sees_own_and_the_head_head_and_office_see_all(
    client, office_staff, group, group2, clerk_a, clerk_b, clerk_c, clerk_e, council_member
):
    _chain(office_staff, [group, group2])
    everyone = ["UBND xã Bích Hòa", "UBND xã Cự Khê", "UBND xã Thanh Mai"]
    assert _shown(client, office_staff, group) == everyone
    assert _shown(client, clerk_a, group) == everyone  # the head: every member and its own summary
    assert _shown(client, clerk_c, group) == ["UBND xã Cự Khê", "UBND xã Thanh Mai"]  # own row and the head's
    assert _shown(client, clerk_e, group) == 404  # a member of another cluster
    assert _shown(client, council_member, group) == 404  # submission requests are not the council's
    assert _shown(client, user_with_role(Role.UNIT_CLERK, UnitFactory(name="UBND xã Ngoài Cụm")), group) == 404


def test_group_reports_need_a_fixed_number_of_queries(client, office_staff, group, django_assert_max_num_queries):
    for n in range(3):
        services.group_update(
            by=office_staff,
            group=group,
            expected_version=group.version,
            name=group.name,
            regulations="",
            units=[*[m.unit for m in group.memberships.all()], UnitFactory(name=f"UBND xã Thêm {n}")],
        )
        group.refresh_from_db()
    _chain(office_staff, [group])
    _chain(office_staff, [group], kind=DocumentKind.FINAL_REPORT)
    client.force_login(office_staff)
    # session, user, roles, group, rows, visible requests, two Django permission tables, unread count
    with django_assert_max_num_queries(9):
        response = client.get(reverse("campaigns:group_reports", args=[group.pk]), HTTP_HX_REQUEST="true")
    assert response.content.decode().count('data-unit="') == 12  # twice: five members and the head's summary


def test_chain_refuses_headless_groups_wrong_order_other_years_and_a_second_click(office_staff, group, unit_d):
    member = UnitFactory(name="UBND xã Tân Ước", code="xa-tan-uoc")
    headless = services.group_create(by=office_staff, year=2026, kind="khoi", name="Khối chưa có trưởng", units=[unit_d, member])
    with pytest.raises(ValidationError) as exc:
        _chain(office_staff, [group, headless], member_due=D(2026, 12, 20), head_due=D(2026, 12, 20))
    assert exc.value.message_dict == {
        "groups": ["Chưa có đơn vị trưởng: Khối chưa có trưởng. Giao trưởng cụm, khối trước khi yêu cầu báo cáo."],
        "head_due": ["Hạn gửi cơ quan thường trực phải sau hạn các đơn vị gửi trưởng cụm, khối."],
    }
    next_year = services.group_create(by=office_staff, year=2027, kind="cum", name="Cụm thi đua số 1", units=[])
    with pytest.raises(ValidationError) as exc:
        _chain(office_staff, [next_year])
    assert exc.value.message_dict == {"groups": ["Chỉ chọn các cụm, khối của năm 2026."]}
    _chain(office_staff, [group])
    with pytest.raises(ValidationError) as exc:
        _chain(office_staff, [group])
    assert exc.value.messages == [
        f"Đã có yêu cầu “{MEMBERS_TITLE}” đang theo dõi cho cụm, khối đã chọn; mở yêu cầu đó thay vì tạo lại."
    ]
    assert SubmissionRequest.objects.count() == 2
    # Another group may have its own chain of the same kind and title.
    services.group_set_leader(
        by=office_staff, group=headless, unit=unit_d, position=LeaderPosition.HEAD, method=LeaderMethod.APPOINTED, on=JAN_8
    )
    _chain(office_staff, [headless])
    assert SubmissionRequest.objects.count() == 4


def test_only_the_office_launches_a_chain(clerk_a, group):
    with pytest.raises(PermissionDenied):
        _chain(clerk_a, [group])


def test_office_launches_the_chain_from_the_form(client, office_staff, group, group2, unit_b, clerk_a):
    client.force_login(office_staff)
    url = reverse("campaigns:report_chain_create") + "?nam=2026"
    page = client.get(url).content.decode()
    assert ("Cụm thi đua số 1 – trưởng: UBND xã Cự Khê" in page, "Cụm thi đua số 2 – trưởng: UBND xã Dân Hòa" in page) == (
        True,
        True,
    )
    response = client.post(
        url,
        {
            "kind": DocumentKind.FINAL_REPORT,
            "groups": [group.pk],
            "member_due": "04/12/2026",
            "head_due": "11/12/2026",
            "document_number": "215/UBND-NV",
            "description": "Gửi kèm biểu số liệu khen thưởng năm 2026.",
        },
    )
    members = SubmissionRequest.objects.get(
        title="Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026 (đơn vị gửi trưởng cụm, khối)"
    )
    assert response.url == reverse("campaigns:request_detail", args=[members.pk])
    heads = members.next_steps.get()
    assert (members.due_date, heads.due_date, heads.document_number, members.recipients.count()) == (
        D(2026, 12, 4),
        D(2026, 12, 11),
        "215/UBND-NV",
        2,
    )
    # Each step's page links to the other for the head.
    client.force_login(clerk_a)
    page = client.get(reverse("campaigns:request_detail", args=[heads.pk])).content.decode()
    assert f'href="/yeu-cau-nop/{members.pk}/"' in page.split('id="chain"')[1].split("</div>\n      </div>")[0]


def test_chain_form_keeps_what_was_typed_and_says_what_is_wrong(client, office_staff, group):
    client.force_login(office_staff)
    response = client.post(
        reverse("campaigns:report_chain_create") + "?nam=2026",
        {
            "kind": DocumentKind.INTERIM_REPORT,
            "groups": [group.pk],
            "member_due": "30/06/2026",
            "head_due": "23/06/2026",
            "issued_on": "05/06/2026",
            "title": "Báo cáo sơ kết phong trào thi đua 6 tháng đầu năm 2026",
        },
    )
    page = response.content.decode()
    assert (response.status_code, SubmissionRequest.objects.count()) == (200, 0)
    assert "Hạn gửi cơ quan thường trực phải sau hạn các đơn vị gửi trưởng cụm, khối." in page
    assert 'value="Báo cáo sơ kết phong trào thi đua 6 tháng đầu năm 2026"' in page
    assert 'value="30/06/2026"' in page


def test_only_the_office_opens_the_chain_form(client, clerk_a, group):
    client.force_login(clerk_a)
    assert client.get(reverse("campaigns:report_chain_create")).status_code == 403


def test_cluster_page_loads_the_report_status_for_those_who_may_see_it(client, office_staff, group, clerk_c, council_member):
    partial = reverse("campaigns:group_reports", args=[group.pk])
    for user, shown in ((office_staff, True), (clerk_c, True), (council_member, False)):
        client.force_login(user)
        page = client.get(reverse("clusters:group_detail", args=[group.pk])).content.decode()
        assert (f'hx-get="{partial}"' in page) == shown
    client.force_login(clerk_c)
    full = client.get(partial).content.decode()  # without HTMX: a page of its own
    assert "Tình hình báo cáo của Cụm thi đua số 1 năm 2026" in full
