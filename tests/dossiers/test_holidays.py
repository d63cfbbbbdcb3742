"""Each year's days off, generated (#14): checked against the government's published days and a second
implementation of the Vietnamese lunar calendar; a promised date in next year skips New Year's Day."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEntry
from dossiers import holidays
from dossiers.enums import DossierStatus as S
from dossiers.models import Dossier, Holiday
from dossiers.services import dossier_transition
from dossiers.workdays import add_working_days, holidays_between
from tests.clock import at

from . import lunar_hnd

D = datetime.date
PUBLISHED = json.loads((Path(__file__).parent / "data" / "published_days_off_2024_2026.json").read_text())["periods"]


def published_days(year: int) -> set[datetime.date]:
    days = set()
    for first, last, _name in PUBLISHED:
        day, last = D.fromisoformat(first), D.fromisoformat(last)
        while day <= last:
            if day.year == year:
                days.add(day)
            day += datetime.timedelta(days=1)
    return days


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_generated_days_are_all_among_the_published_days_off(year):
    generated = {day for day, _name in holidays.default_holidays(year)}
    assert generated - published_days(year) == set()
    assert len(generated) >= 11  # 1/1, Tết 5 days, Giỗ Tổ, 30/4, 1/5, 2/9 and the day beside it


def test_tet_2025_falls_inside_the_published_block():
    tet = {day for day, name in holidays.default_holidays(2025) if name.startswith("Tết Nguyên đán")}
    assert tet == {D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30), D(2025, 1, 31), D(2025, 2, 1)}
    assert all(D(2025, 1, 25) <= day <= D(2025, 2, 2) for day in tet)
    assert {name for day, name in holidays.default_holidays(2025) if day in tet} == {"Tết Nguyên đán Ất Tỵ"}


def test_a_holiday_on_a_weekend_gives_the_next_working_day():
    days = dict(holidays.default_holidays(2026))
    assert days[D(2026, 4, 26)] == "Giỗ Tổ Hùng Vương (10/3 âm lịch)"  # a Sunday
    assert days[D(2026, 4, 27)] == "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)"
    days_2028 = dict(holidays.default_holidays(2028))  # 30/4 Sunday, 1/5 Monday: the nghỉ bù is Tuesday 2/5
    assert days_2028[D(2028, 5, 2)] == "Nghỉ bù Ngày Chiến thắng (30/4)"


@pytest.mark.parametrize(
    ("year", "tet"),
    [
        (2007, D(2007, 2, 17)),  # China: 18/02/2007
        (1985, D(1985, 1, 21)),  # China: 20/02/1985 (a month apart)
        (1968, D(1968, 1, 29)),  # the North's calendar at UTC+7 from 1968; the South's: 30/01/1968
        (2025, D(2025, 1, 29)),
        (2027, D(2027, 2, 6)),
    ],
)
def test_tet_is_the_vietnamese_one(year, tet):
    assert holidays.tet(year) == tet


# The tables vnlunar reads follow the calendar as it was published: at UTC+8 before 1968. In two of those
# years a new moon falls within minutes of midnight and the published day is one after/before the plain
# algorithm's; from 1968 on the two agree every year.
BEFORE_1968_APART = {1916, 1925}


def test_tet_and_gio_to_from_1900_to_2100_agree_with_a_second_implementation():
    apart = set()
    for year in range(1900, 2101):
        zone = 7.0 if year >= 1968 else 8.0
        second = lunar_hnd.lunar_to_solar(1, 1, year, zone)
        if holidays.tet(year) != second:
            apart.add(year)
            assert abs((holidays.tet(year) - second).days) == 1
        if year >= 1968:
            assert holidays.lunar_to_solar(10, 3, year) == lunar_hnd.lunar_to_solar(10, 3, year, 7.0), year
    assert apart == BEFORE_1968_APART


@pytest.mark.django_db
@pytest.mark.time_machine(at(2026, 12, 5))
def test_a_promised_date_across_new_year_2027_skips_it():
    # The published table stops at 2026; the migration generated 2027 onwards, waiting for confirmation.
    generated = Holiday.objects.get(date=D(2027, 1, 1))
    assert (generated.name, generated.generated, generated.confirmed) == ("Tết Dương lịch", True, False)
    # Saturday 05/12/2026 + 20 working days: 01/01/2027 without the table, a Friday and New Year's Day.
    assert add_working_days(D(2026, 12, 5), 20) == D(2027, 1, 4)


@pytest.mark.django_db
@pytest.mark.time_machine(at(2026, 12, 5))
def test_a_year_without_any_row_is_generated_when_the_arithmetic_reaches_it():
    Holiday.objects.filter(date__year=2027).delete()
    assert add_working_days(D(2026, 12, 5), 20) == D(2027, 1, 4)
    assert Holiday.objects.filter(date__year=2027, generated=True).count() == len(holidays.default_holidays(2027))


@pytest.mark.django_db
@pytest.mark.time_machine(at(2026, 12, 5))
def test_a_dossier_received_on_05_12_2026_is_not_promised_for_new_years_day(complete_draft, clerk_a, office_staff):
    dossier_transition(complete_draft, to=S.SUBMITTED, by=clerk_a)
    complete_draft.refresh_from_db()
    dossier_transition(complete_draft, to=S.RECEIVED, by=office_staff)
    assert Dossier.objects.get(pk=complete_draft.pk).due_date == D(2027, 1, 4)


@pytest.mark.django_db
@pytest.mark.time_machine(at(2026, 12, 5))
def test_generation_is_idempotent_and_keeps_what_staff_changed():
    Holiday.objects.filter(date__year=2027).delete()
    assert len(holidays.generate_year(2027)) == len(holidays.default_holidays(2027))
    Holiday.objects.filter(date=D(2027, 2, 5)).update(name="Tết Nguyên đán Đinh Mùi (30 Tết)", confirmed=True)
    Holiday.objects.filter(date=D(2027, 9, 3)).delete()  # the government gave 1/9 instead, say
    Holiday.objects.create(date=D(2027, 9, 1), name="Quốc khánh (ngày liền kề 2/9)")
    holidays_between(D(2027, 1, 1), D(2027, 12, 31))  # a year with rows is not generated again
    assert not Holiday.objects.filter(date=D(2027, 9, 3)).exists()
    assert holidays.generate_year(2027) == [D(2027, 9, 3)]  # asked for: only the missing date
    assert Holiday.objects.get(date=D(2027, 2, 5)).name == "Tết Nguyên đán Đinh Mùi (30 Tết)"
    assert holidays.generate_year(2027) == []


@pytest.mark.django_db
@pytest.mark.time_machine(at(2026, 12, 5))
def test_the_arithmetic_generates_only_years_near_today():
    holidays_between(D(2040, 1, 1), D(2040, 12, 31))
    assert not Holiday.objects.filter(date__year=2040).exists()
    Holiday.objects.filter(date__year=2031).delete()
    holidays_between(D(2031, 1, 1), D(2031, 1, 2))
    assert Holiday.objects.filter(date__year=2031).exists()


@pytest.mark.django_db
@pytest.mark.time_machine(at(2026, 12, 5))
def test_confirming_a_year_is_the_installations_and_audited(system_admin, office_staff, clerk_a, commune_x):
    holidays.generate_year(2027)
    assert holidays.unconfirmed_years(D(2026, 12, 5), D(2027, 3, 5)) == [2027]
    with pytest.raises(PermissionDenied):
        holidays.confirm_year(by=commune_x.office, year=2027)
    with pytest.raises(PermissionDenied):
        holidays.confirm_year(by=clerk_a, year=2027)
    n = holidays.confirm_year(by=office_staff, year=2027)
    assert n == len(holidays.default_holidays(2027))
    assert holidays.unconfirmed_years(D(2026, 12, 5), D(2027, 3, 5)) == []
    assert AuditEntry.objects.filter(action="holiday.confirm").count() == n
    assert holidays.confirm_year(by=system_admin, year=2027) == 0  # a second click changes nothing
    with pytest.raises(ValidationError):
        holidays.confirm_year(by=system_admin, year=2150)
