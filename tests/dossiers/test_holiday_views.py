"""The page staff confirm a year's days off on (#14): the installation's, audited, safe to click twice."""

import datetime

import pytest
from django.urls import reverse

from core.models import AuditEntry
from dossiers import holidays
from dossiers.models import Holiday
from tests.clock import at

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 12, 5))]


def page(year=2027):
    return reverse("dossiers:holiday_year", args=[year])


def test_the_page_shows_next_years_generated_days_waiting(client, office_staff):
    client.force_login(office_staff)
    body = client.get(page()).content.decode()
    assert "Lịch nghỉ lễ, Tết năm 2027" in body
    assert "Tết Nguyên đán Đinh Mùi" in body and "06/02/2027" in body
    assert f"Còn {len(holidays.default_holidays(2027))} ngày chưa được xác nhận" in body
    assert "Xác nhận lịch nghỉ năm 2027" in body


def test_only_the_installations_office_opens_it(client, clerk_a, council_member, commune_x, system_admin):
    for user in (clerk_a, council_member, commune_x.office):
        client.force_login(user)
        assert client.get(page()).status_code == 403
        assert client.post(reverse("dossiers:holiday_confirm", args=[2027])).status_code == 403
    client.force_login(system_admin)
    assert client.get(page()).status_code == 200
    assert client.get(page(1800)).status_code == 404


def test_adding_a_swapped_day_then_confirming_the_year(client, office_staff):
    client.force_login(office_staff)
    client.get(page())
    form = client.get(page()).context["form"]
    data = {"date": "04/02/2027", "name": "Tết Nguyên đán Đinh Mùi (28 Tết)", "once": form["once"].value()}
    response = client.post(page(), data, follow=True)
    assert "Đã thêm ngày nghỉ 04/02/2027." in response.content.decode()
    client.post(page(), data)  # a second click makes no second row
    added = Holiday.objects.get(date=D(2027, 2, 4))
    assert (added.confirmed, added.generated) == (True, False)
    assert AuditEntry.objects.filter(action="holiday.add").count() == 1
    response = client.post(reverse("dossiers:holiday_confirm", args=[2027]), follow=True)
    assert "Đã xác nhận lịch nghỉ lễ, Tết năm 2027" in response.content.decode()
    assert not Holiday.objects.filter(date__year=2027, confirmed=False).exists()
    response = client.post(reverse("dossiers:holiday_confirm", args=[2027]), follow=True)
    assert "Lịch nghỉ lễ, Tết năm 2027 đã được xác nhận trước đó." in response.content.decode()


def test_an_invalid_day_keeps_what_was_typed(client, office_staff):
    client.force_login(office_staff)
    form = client.get(page()).context["form"]
    response = client.post(page(), {"date": "04/02/2028", "name": "Nghỉ bù", "once": form["once"].value()})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ngày này không thuộc năm 2027." in body
    assert 'value="Nghỉ bù"' in body
    response = client.post(page(), {"date": "01/01/2027", "name": "Tết", "once": form["once"].value()})
    assert "Ngày 01/01/2027 đã có trong lịch nghỉ." in response.content.decode()


def test_deleting_a_day_and_filling_in_the_labour_codes_days_again(client, system_admin):
    client.force_login(system_admin)
    client.get(page())
    day = Holiday.objects.get(date=D(2027, 9, 3))
    url = reverse("dossiers:holiday_delete", args=[2027])
    assert "Đã xóa ngày nghỉ 03/09/2027." in client.post(url, {"ngay": day.pk}, follow=True).content.decode()
    assert "Thao tác này đã được thực hiện." in client.post(url, {"ngay": day.pk}, follow=True).content.decode()
    assert 'name="ngay"' in client.get(page()).content.decode()
    assert AuditEntry.objects.filter(action="holiday.delete").count() == 1
    response = client.post(reverse("dossiers:holiday_generate", args=[2027]), follow=True)
    assert "Đã thêm 1 ngày nghỉ theo Bộ luật Lao động, chờ xác nhận." in response.content.decode()
    assert Holiday.objects.filter(date=D(2027, 9, 3), generated=True, confirmed=False).exists()


def test_the_admin_action_confirms_the_years_of_the_chosen_days(client, system_admin):
    holidays.generate_year(2027)
    system_admin.is_staff = system_admin.is_superuser = True
    system_admin.save()
    client.force_login(system_admin)
    chosen = Holiday.objects.filter(date=D(2027, 1, 1)).values_list("pk", flat=True)
    url = reverse("admin:dossiers_holiday_changelist")
    response = client.post(url, {"action": "confirm_years", "_selected_action": list(chosen)}, follow=True)
    assert f"Đã xác nhận {len(holidays.default_holidays(2027))} ngày của năm 2027." in response.content.decode()
    assert not Holiday.objects.filter(date__year=2027, confirmed=False).exists()


def test_the_admin_menu_leads_to_this_years_days_off(client, system_admin, office_staff, commune_x):
    client.force_login(system_admin)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("dossiers:holidays") in page and "Lịch nghỉ lễ, Tết" in page
    assert client.get(reverse("dossiers:holidays")).status_code == 200
    client.force_login(commune_x.office)  # a commune's office: not the installation's calendar
    assert reverse("dossiers:holidays") not in client.get(reverse("dashboard")).content.decode()
