"""The office dashboard warns while the next 90 days' days off are not confirmed (#14)."""

import pytest
from django.urls import reverse

from dossiers import holidays
from dossiers.models import Holiday
from tests.clock import at

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 12, 5))]


def test_the_office_is_warned_until_next_year_is_confirmed(client, office_staff):
    holidays.generate_year(2027)
    client.force_login(office_staff)
    body = client.get(reverse("dashboard")).content.decode()
    assert "Lịch nghỉ lễ, Tết đến ngày 05/03/2027 chưa được xác nhận" in body
    assert reverse("dossiers:holiday_year", args=[2027]) in body
    holidays.confirm_year(by=office_staff, year=2027)
    assert 'id="holiday-warning"' not in client.get(reverse("dashboard")).content.decode()


def test_a_year_with_no_row_at_all_is_not_confirmed_either(client, system_admin):
    Holiday.objects.filter(date__year=2027).delete()
    client.force_login(system_admin)
    assert client.get(reverse("dashboard")).context["holiday_warning"]["years"] == [2027]


def test_a_communes_office_is_warned_without_the_link(client, commune_x):
    client.force_login(commune_x.office)
    body = client.get(reverse("dashboard")).content.decode()
    assert 'id="holiday-warning"' in body
    assert "Đề nghị quản trị hệ thống xác nhận lịch nghỉ năm 2027." in body
    assert reverse("dossiers:holiday_year", args=[2027]) not in body


@pytest.mark.time_machine(at(2026, 6, 1))
def test_no_warning_when_the_next_90_days_are_confirmed(client, office_staff):
    client.force_login(office_staff)
    assert client.get(reverse("dashboard")).context["holiday_warning"] is None
