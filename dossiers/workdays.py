"""Working-day arithmetic: weekends and the public-holiday table (Tết moves every year) are skipped.

A year near today with no row yet is generated on the way (`dossiers.holidays`): a promised date in next
year never falls on New Year's Day or Tết because nobody typed next year's table in.
"""

import datetime
from collections.abc import Iterable

ONE_DAY = datetime.timedelta(days=1)


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """The days off from start to end. One query; a year near today without any row is generated first."""
    from .holidays import generate_year, lazy_years
    from .models import Holiday

    if end < start:
        return set()
    days = set(
        Holiday.objects.filter(date__gte=datetime.date(start.year, 1, 1), date__lte=datetime.date(end.year, 12, 31)).values_list(
            "date", flat=True
        )
    )
    present = {day.year for day in days}
    for year in lazy_years(year for year in range(start.year, end.year + 1) if year not in present):
        days.update(generate_year(year))
    return {day for day in days if start <= day <= end}


def is_working_day(day: datetime.date, holidays: Iterable[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime.date, days: int, holidays: set[datetime.date] | None = None) -> datetime.date:
    """The date `days` working days after `start` (start itself is not counted)."""
    if holidays is None:
        # Generous window: `days` working days never span more than 2·days + 30 calendar days here.
        holidays = holidays_between(start, start + datetime.timedelta(days=days * 2 + 30))
    day, left = start, days
    while left > 0:
        day += ONE_DAY
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, holidays: set[datetime.date] | None = None) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    if holidays is None:
        holidays = holidays_between(start, end)
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        if is_working_day(day, holidays):
            count += 1
    return count
