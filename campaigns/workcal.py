"""Counting days to and past a deadline, for a whole scan at once.

The dossiers app's `workdays` module counts one pair of dates at a time; a scan of 100,000 deadlines
needs the same answer in O(1) each: one holiday query, then an ordinal per day of the window.
"""

import datetime

from dossiers.workdays import holidays_between, is_working_day

ONE_DAY = datetime.timedelta(days=1)
WINDOW = datetime.timedelta(days=400)
MARGIN = datetime.timedelta(days=366)


class WorkCalendar:
    """Working days (weekends and the holiday table skipped) or plain calendar days, around `today`."""

    def __init__(self, today: datetime.date, *, working_days: bool = True, holidays: set[datetime.date] | None = None):
        self.today = today
        self.working_days = working_days
        self.start, self.end = today - WINDOW, today + WINDOW
        self.holidays = holidays if holidays is not None else (holidays_between(self.start, self.end) if working_days else set())
        self._ordinal: dict[datetime.date, int] = {}
        self._build()

    def _build(self) -> None:
        self._ordinal.clear()
        count, day = 0, self.start
        while day <= self.end:
            if self.is_working_day(day):
                count += 1
            self._ordinal[day] = count
            day += ONE_DAY

    def _cover(self, day: datetime.date) -> None:
        """Widen the window to `day` (one holiday query), for deadlines long past or far ahead."""
        if self.start <= day <= self.end:
            return
        start, end = min(self.start, day - MARGIN), max(self.end, day + MARGIN)  # a margin: neighbours come too
        if self.working_days:
            if start < self.start:
                self.holidays |= holidays_between(start, self.start)
            if end > self.end:
                self.holidays |= holidays_between(self.end, end)
        self.start, self.end = start, end
        self._build()

    def is_working_day(self, day: datetime.date) -> bool:
        return not self.working_days or is_working_day(day, self.holidays)

    def between(self, start: datetime.date, end: datetime.date) -> int:
        """Days after `start` up to and including `end` (0 when end <= start)."""
        if end <= start:
            return 0
        if not self.working_days:
            return (end - start).days
        self._cover(start)
        self._cover(end)
        return self._ordinal[end] - self._ordinal[start]

    def last_date_within(self, days: int) -> datetime.date:
        """The latest date D with between(today, D) <= days: deadlines up to D are `days` or fewer away."""
        day = self.today
        while day + ONE_DAY <= self.end and self.between(self.today, day + ONE_DAY) <= days:
            day += ONE_DAY
        return day
