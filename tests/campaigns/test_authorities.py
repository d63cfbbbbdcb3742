"""Campaigns, plans, requests, the calendar and reminders of one authority are its own (#13): two communes
under one province never see, address or are reminded of each other's."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.enums import CampaignKind, ExemplaryKind, PeriodKind, RecipientMode
from campaigns.models import AnnualPlan, SubmissionRequest
from campaigns.selectors.calendar import calendar_entries
from campaigns.services.campaigns import campaign_join, campaign_register, campaign_save
from campaigns.services.exemplary import exemplary_review, exemplary_submit
from campaigns.services.plan import plan_save
from campaigns.services.reminders import reminder_scan

from .conftest import D, make_request


def _campaign(place, name="Phong trào thi đua “Xã nông thôn mới”"):
    return campaign_save(by=place.office, name=name, kind=CampaignKind.REGULAR, owner=place.unit, start_date=D(2026, 1, 1))


def test_a_campaign_belongs_to_its_office_authority_and_another_commune_gets_404(client, commune_x, commune_y):
    campaign = _campaign(commune_x)
    assert campaign.authority == commune_x.authority
    client.force_login(commune_y.office)
    assert client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("campaigns:campaign_edit", args=[campaign.pk])).status_code == 404
    assert campaign.name not in client.get(reverse("campaigns:campaign_list")).content.decode()
    client.force_login(commune_x.office)
    assert campaign.name in client.get(reverse("campaigns:campaign_list")).content.decode()


def test_a_campaign_owner_or_a_joining_unit_of_another_authority_is_refused(commune_x, commune_y):
    with pytest.raises(ValidationError) as refused:
        campaign_save(
            by=commune_x.office, name="Thi đua", kind=CampaignKind.REGULAR, owner=commune_y.unit, start_date=D(2026, 1, 1)
        )
    assert list(refused.value.message_dict) == ["owner"]
    campaign = _campaign(commune_x)
    with pytest.raises(ValidationError):
        campaign_join(by=commune_y.clerk, campaign=campaign, unit=commune_y.unit, targets="Hoàn thành 100% chỉ tiêu")


def test_each_authority_keeps_its_own_plan_of_a_year(client, commune_x, commune_y):
    for place in (commune_x, commune_y):
        plan_save(by=place.office, year=2026, title=f"Kế hoạch công tác TĐKT năm 2026 – {place.authority.short_name}")
    assert AnnualPlan.objects.filter(year=2026).count() == 2
    client.force_login(commune_y.office)
    body = client.get(reverse("campaigns:plan_detail", args=[2026])).content.decode()
    assert "Kế hoạch công tác TĐKT năm 2026 – UBND xã Sìn Suối Hồ" in body
    assert "UBND xã Phong Thổ" not in body


def test_a_request_to_all_units_reaches_only_the_authoritys_units(client, commune_x, commune_y, unit_a):
    request = make_request(commune_x.office, due=D(2026, 3, 31), recipient_mode=RecipientMode.ALL)
    assert request.authority == commune_x.authority
    assert [r.unit for r in request.recipients.all()] == [commune_x.unit]
    client.force_login(commune_y.office)
    assert client.get(reverse("campaigns:request_detail", args=[request.pk])).status_code == 404
    assert client.get(reverse("campaigns:request_letter", args=[request.pk])).status_code == 404
    assert request.title not in client.get(reverse("campaigns:request_list")).content.decode()


def test_a_request_naming_a_unit_of_another_authority_is_refused(commune_x, commune_y):
    with pytest.raises(ValidationError) as refused:
        make_request(commune_x.office, due=D(2026, 3, 31), recipient_mode=RecipientMode.NAMED, units=[commune_y.unit])
    assert list(refused.value.message_dict) == ["units"]
    assert SubmissionRequest.objects.count() == 0


def test_the_calendar_lists_only_the_authoritys_deadlines(commune_x, commune_y):
    make_request(commune_x.office, due=D(2026, 3, 31), title="Báo cáo của xã Phong Thổ")
    make_request(commune_y.office, due=D(2026, 3, 31), title="Báo cáo của xã Sìn Suối Hồ")
    titles = [e.title for e in calendar_entries(viewer=commune_y.office, start=D(2026, 3, 1), end=D(2026, 4, 30))]
    assert titles == ["Hạn nộp: Báo cáo của xã Sìn Suối Hồ"]
    titles = [e.title for e in calendar_entries(viewer=commune_x.clerk, start=D(2026, 3, 1), end=D(2026, 4, 30))]
    assert titles == ["Nộp báo cáo của xã Phong Thổ"]


def test_published_exemplary_models_stay_in_their_authority(client, commune_x, commune_y):
    item = exemplary_submit(
        by=commune_x.clerk,
        unit=commune_x.unit,
        kind=ExemplaryKind.NEW_MODEL,
        period_kind=PeriodKind.QUARTER,
        year=2026,
        period=1,
        title="Mô hình “Thư viện xanh” của trường",
        subject_name="Trường Tiểu học xã Phong Thổ",
        summary="Thư viện ngoài trời cho học sinh.",
    )
    exemplary_review(by=commune_x.office, item=item, publish=True, expected_version=item.version)
    client.force_login(commune_x.clerk)
    assert item.title in client.get(reverse("campaigns:exemplary_list")).content.decode()
    client.force_login(commune_y.office)
    assert item.title not in client.get(reverse("campaigns:exemplary_list")).content.decode()


def test_each_office_gets_a_digest_of_its_own_overdue_items(
    commune_x, commune_y, office_staff, settings_working, django_capture_on_commit_callbacks
):
    make_request(commune_x.office, due=D(2024, 11, 15), title="Báo cáo của xã Phong Thổ")
    make_request(commune_y.office, due=D(2024, 11, 15), title="Báo cáo của xã Sìn Suối Hồ")
    with django_capture_on_commit_callbacks(execute=True):
        reminder_scan(today=D(2024, 11, 26))
    digests = {m.to[0]: m.body for m in mail.outbox if m.subject.startswith("Tổng hợp việc quá hạn")}
    assert sorted(digests) == sorted([commune_x.office.email, commune_y.office.email])
    assert "Báo cáo của xã Phong Thổ" in digests[commune_x.office.email]
    assert "Sìn Suối Hồ" not in digests[commune_x.office.email]
    assert "Báo cáo của xã Sìn Suối Hồ" in digests[commune_y.office.email]
    assert "Phong Thổ" not in digests[commune_y.office.email]
    # The clerks are reminded of their own unit's request as before.
    reminded = {m.to[0] for m in mail.outbox if not m.subject.startswith("Tổng hợp")}
    assert reminded == {commune_x.clerk.email, commune_y.clerk.email}


def test_the_reminder_page_lists_only_reminders_to_the_authoritys_people(
    client, commune_x, commune_y, settings_working, django_capture_on_commit_callbacks
):
    make_request(commune_x.office, due=D(2024, 11, 15), title="Báo cáo của xã Phong Thổ")
    make_request(commune_y.office, due=D(2024, 11, 15), title="Báo cáo của xã Sìn Suối Hồ")
    with django_capture_on_commit_callbacks(execute=True):
        reminder_scan(today=D(2024, 11, 26))
    client.force_login(commune_y.office)
    shown = client.get(reverse("campaigns:reminder_settings")).context["recent"]
    assert {r.recipient for r in shown} == {commune_y.office, commune_y.clerk}


def test_another_authoritys_office_may_not_register_a_campaign_even_through_the_service(commune_x, office_staff):
    campaign = _campaign(commune_x)
    with pytest.raises(PermissionDenied):
        campaign_register(by=office_staff, campaign=campaign, number="12/ĐK", date=D(2026, 1, 5), expected_version=1)
    campaign_register(by=commune_x.office, campaign=campaign, number="12/ĐK", date=D(2026, 1, 5), expected_version=1)
    campaign.refresh_from_db()
    assert campaign.registration_number == "12/ĐK"
