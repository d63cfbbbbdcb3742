"""The demo's dates follow the day it is loaded (#14, core.demo_calendar): the current year's plan and
calendar, the year-end round still being decided in January, one dossier a few days overdue and no wall of
old overdue items on the office's dashboard, nothing dated after the day of loading."""

import datetime
import os

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from campaigns.models import AnnualPlan, CampaignRegistration, PlanTask, PlanTaskReport, Submission, SubmissionRequest
from core.demo_calendar import DemoCalendar
from dossiers.models import AwardRound, Dossier
from tests.clock import at

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "year", "round_year"),
    [(D(2026, 12, 6), 2026, 2026), (D(2027, 1, 10), 2027, 2026), (D(2027, 2, 28), 2027, 2026), (D(2027, 3, 1), 2027, 2027)],
)
def test_the_rule_which_year_each_thing_belongs_to(today, year, round_year):
    cal = DemoCalendar(today)
    assert (cal.year, cal.round_year, cal.history_years) == (year, round_year, (round_year - 3, round_year - 2, round_year - 1))


def test_story_texts_are_retold_for_the_year():
    cal = DemoCalendar(D(2028, 1, 10))  # round year 2027
    assert cal.retell("năm học 2025 – 2026, phương hướng năm 2027") == "năm học 2026 – 2027, phương hướng năm 2028"
    assert cal.retell("Chấm điểm thi đua năm 2023", year=2028, written_for=2024) == "Chấm điểm thi đua năm 2027"
    assert DemoCalendar(D(2026, 12, 6)).retell("năm 2026") == "năm 2026"
    assert cal.on(2028, 2, 29) == D(2028, 2, 29) and cal.on(2027, 2, 29) == D(2027, 2, 28)


def _seed(*args):
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", *args, stdout=quiet)


def _nothing_after(today: datetime.date) -> None:
    now = timezone.now()
    assert not PlanTask.objects.filter(done_on__gt=today).exists()
    assert not PlanTaskReport.objects.filter(done_on__gt=today).exists()
    assert not Submission.objects.filter(uploaded_at__gt=now).exists()
    assert not SubmissionRequest.objects.filter(issued_on__gt=today).exists()
    assert not CampaignRegistration.objects.filter(registered_at__gt=now).exists()
    assert not Dossier.objects.filter(received_at__gt=now).exists()


@pytest.mark.parametrize("day", [D(2026, 12, 6), D(2027, 1, 10)])
def test_the_district_demo_opens_on_this_years_plan_with_one_overdue_item(client, time_machine, day):
    time_machine.move_to(at(day.year, day.month, day.day), tick=False)
    cal = DemoCalendar(day)
    _seed("--district")
    counts = (Dossier.objects.count(), SubmissionRequest.objects.count(), PlanTask.objects.count())
    _seed("--district")
    assert (Dossier.objects.count(), SubmissionRequest.objects.count(), PlanTask.objects.count()) == counts

    # The year-end round being decided: 2026's, in December and still in January.
    assert AwardRound.objects.filter(name="Tổng kết năm 2026", year=2026).exists()
    assert Dossier.objects.filter(round__year=2026, status="trinh_hoi_dong", receipt_number="2026-00099").exists()
    # This year's plan; what fell due before today is done.
    plan = AnnualPlan.objects.get(year=day.year)
    assert plan.tasks.count() == 19 and not plan.tasks.filter(due_date__lt=day, done_on=None).exists()
    assert plan.tasks.filter(done_on__isnull=False).exists()  # early in January too: the year was launched
    assert not AnnualPlan.objects.exclude(year=day.year).exists()
    _nothing_after(day)

    client.force_login(User.objects.get(username="noivu"))
    context = client.get(reverse("dashboard")).context
    office = context["office"]
    assert [(d.unit.name, (day - d.due_date).days) for d in office["overdue"]] == [("UBND xã Bích Hòa", 3)]
    assert [d.unit.name for d in office["to_receive"]] == ["UBND xã Bình Minh"]
    overdue_requests = context["office_requests"]["overdue_requests"]
    assert all(cal.today - r.due_date <= datetime.timedelta(days=21) for r in overdue_requests)
    assert client.get(reverse("campaigns:plan_detail", args=[day.year])).status_code == 200
    # Three weeks after its deadline the year-end round takes no more dossiers; the clerk has requests to answer.
    assert AwardRound.objects.get(name="Tổng kết năm 2026").is_open == (day.month == 12)
    calendar = client.get(reverse("campaigns:calendar")).content.decode()
    assert f"Kế hoạch {day.year}" in calendar
    client.force_login(User.objects.get(username="vanthu.kimbai"))
    owed = client.get(reverse("dashboard")).context["unit_requests"]["owed"]
    assert owed and all(row.request.due_date >= day for row in owed)


@pytest.mark.parametrize("day", [D(2026, 12, 6), D(2027, 1, 10)])
def test_the_province_demo_follows_the_day_too(time_machine, day):
    time_machine.move_to(at(day.year, day.month, day.day), tick=False)
    _seed()
    _seed()
    assert (
        sorted(AwardRound.objects.filter(year=2026).values_list("name", flat=True))[0] == "Tổng kết năm 2026 (phường Tân Phong)"
    )
    assert AnnualPlan.objects.get().year == day.year
    assert PlanTaskReport.objects.count() == 2
    _nothing_after(day)


def test_as_of_loads_the_demo_as_on_an_earlier_day():
    _seed("--district", "--as-of", "2026-12-06")
    assert AnnualPlan.objects.get().year == 2026
    assert AwardRound.objects.filter(name="Tổng kết năm 2026").exists()
