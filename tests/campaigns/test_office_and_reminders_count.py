"""#14, smaller defects: a request never asks the office itself, and the board's reminder button counts
only the units it can still remind today (once a day per unit)."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.enums import Role
from campaigns.enums import RecipientMode
from campaigns.services.reminders import reminder_send_manual
from tests.clock import at
from tests.factories import UnitFactory, user_with_role
from units.enums import UnitKind

from .conftest import make_request

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 11, 20))]


@pytest.fixture
def office_in_unit(db):
    """The standing office's staff, working in the Phòng Nội vụ unit (as the demo's office does)."""
    unit = UnitFactory(name="Phòng Nội vụ", code="phong-noi-vu", kind=UnitKind.DEPARTMENT)
    return user_with_role(Role.OFFICE_STAFF, unit, full_name="Lê Thị Hương")


def test_a_request_to_all_units_or_a_kind_does_not_ask_the_office_itself(office_in_unit, unit_a):
    finance = UnitFactory(name="Phòng Tài chính – Kế hoạch", code="phong-tc", kind=UnitKind.DEPARTMENT)
    to_all = make_request(office_in_unit, due=D(2026, 12, 15))
    assert sorted(r.unit.name for r in to_all.recipients.select_related("unit")) == sorted([unit_a.name, finance.name])
    departments = make_request(
        office_in_unit, due=D(2026, 12, 15), recipient_mode=RecipientMode.KINDS, recipient_kinds=[UnitKind.DEPARTMENT]
    )
    assert [r.unit.name for r in departments.recipients.select_related("unit")] == [finance.name]


def _board(client, user, request):
    client.force_login(user)
    return client.get(reverse("campaigns:request_detail", args=[request.pk])).content.decode()


def test_the_remind_button_counts_only_the_units_not_yet_reminded_today(client, office_staff, clerk_a, clerk_b):
    request = make_request(office_staff, due=D(2026, 11, 15))
    assert "Nhắc 2 đơn vị chưa nộp" in _board(client, office_staff, request)
    first = request.recipients.get(unit=clerk_a.role_assignments.get().unit)
    reminder_send_manual(by=office_staff, request=request, recipient_ids=[first.pk])
    assert "Nhắc 1 đơn vị chưa nộp" in _board(client, office_staff, request)
    reminder_send_manual(by=office_staff, request=request)
    body = _board(client, office_staff, request)
    assert 'id="remind-all"' not in body
    assert "Hôm nay đã nhắc mọi đơn vị chưa nộp nhắc được" in body


def test_a_unit_nobody_can_be_told_of_is_not_counted(client, office_staff, clerk_a, unit_without_clerk, unit_b):
    unit_b.email = ""
    unit_b.save(update_fields=["email"])
    request = make_request(office_staff, due=D(2026, 11, 15))
    # Cự Khê has a clerk, Kim An an address; Bích Hòa neither: the button cannot reach it.
    assert "Nhắc 2 đơn vị chưa nộp" in _board(client, office_staff, request)


@pytest.mark.time_machine(at(2026, 11, 21))
def test_the_next_day_every_unit_still_owing_can_be_reminded_again(client, office_staff, clerk_a, clerk_b):
    request = make_request(office_staff, due=D(2026, 11, 15))
    reminder_send_manual(by=office_staff, request=request, today=D(2026, 11, 20))
    assert "Nhắc 2 đơn vị chưa nộp" in _board(client, office_staff, request)


def _remind_one_forms(body: str) -> dict[str, bool]:
    """Each board row's unit name: whether the row offers "Nhắc đơn vị này"."""
    rows = re.findall(r'<tr id="dv-\d+" data-unit="([^"]+)".*?</tr>', body, flags=re.S)
    bodies = re.findall(r'<tr id="dv-\d+" data-unit="[^"]+".*?</tr>', body, flags=re.S)
    return {unit: "Nhắc đơn vị này" in row for unit, row in zip(rows, bodies, strict=True)}


def test_a_unit_reminded_today_has_no_remind_button_in_its_row(client, office_staff, clerk_a, clerk_b):
    request = make_request(office_staff, due=D(2026, 11, 15))
    first = request.recipients.select_related("unit").get(unit=clerk_a.role_assignments.get().unit)
    other = request.recipients.select_related("unit").exclude(pk=first.pk).get()
    assert _remind_one_forms(_board(client, office_staff, request)) == {first.unit.name: True, other.unit.name: True}
    reminder_send_manual(by=office_staff, request=request, recipient_ids=[first.pk])
    assert _remind_one_forms(_board(client, office_staff, request)) == {first.unit.name: False, other.unit.name: True}


@pytest.mark.time_machine(at(2026, 11, 21))
def test_a_unit_reminded_yesterday_has_its_remind_button_again(client, office_staff, clerk_a, clerk_b):
    request = make_request(office_staff, due=D(2026, 11, 15))
    reminder_send_manual(by=office_staff, request=request, today=D(2026, 11, 20))
    assert set(_remind_one_forms(_board(client, office_staff, request)).values()) == {True}
