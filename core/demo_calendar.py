"""Which year each thing of the demo belongs to: the one rule every demo module reads (#14).

The demo is loaded on a day (today, or `seed_demo --as-of`) and looks like an office on that day:

- The calendar year of that day owns the annual plan, the campaigns, the clusters and their pacts, the
  submission requests and the deadline calendar, the school-year round that ends in it, the thematic and
  sudden rounds: `DemoCalendar.year`.
- The year-end round ("Tổng kết năm N") belongs to the year it rewards, and it is decided in the first
  weeks of the next year: in January and February the round still being decided is last year's, from
  March on it is this year's (created early, its deadline in December). So is the council that decides it
  and the dossiers, decisions and Tờ trình of that round: `DemoCalendar.round_year`. The statistics' history
  is the three years before it.
- Each dated item of the story keeps its month and day in its year, but never lies in the future: what
  the story dates after the loading day either is not there yet (a request not yet issued) or happens on
  the loading day at the latest (`not_after`). Whatever fell due more than `CLOSE_AFTER` days ago is done
  (plan tasks ticked, requests closed by the office), so the dashboard does not open on a wall of old
  overdue items; one dossier is a few days past its processing date, as in any real office.

Texts of the story are written for the year 2026 (round year 2026); `retell` moves their years.
"""

import contextlib
import contextvars
import datetime
from dataclasses import dataclass

from django.utils import timezone

STORY_YEAR = 2026  # the year the demo's texts are written for
CLOSE_AFTER = datetime.timedelta(days=21)  # a request past due this long has been closed by the office
DECIDED_BY_MONTH = 2  # the year-end round of last year is still being decided in January and February

_as_of: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar("demo_as_of", default=None)


@dataclass(frozen=True)
class DemoCalendar:
    today: datetime.date

    @property
    def year(self) -> int:
        return self.today.year

    @property
    def round_year(self) -> int:
        return self.today.year - 1 if self.today.month <= DECIDED_BY_MONTH else self.today.year

    @property
    def history_years(self) -> tuple[int, int, int]:
        return (self.round_year - 3, self.round_year - 2, self.round_year - 1)

    def on(self, year: int, month: int, day: int) -> datetime.date:
        """The story's day `day/month` in `year` (29/02 falls back to 28/02)."""
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return datetime.date(year, month, day - 1)

    def not_after(self, day: datetime.date) -> datetime.date:
        return min(day, self.today)

    def is_past(self, day: datetime.date) -> bool:
        return day < self.today

    def long_past(self, day: datetime.date) -> bool:
        return day < self.today - CLOSE_AFTER

    def days(self, n: int) -> datetime.date:
        return self.today + datetime.timedelta(days=n)

    def retell(self, text: str, *, year: int | None = None, written_for: int = STORY_YEAR) -> str:
        """A story text written for `written_for` told for `year` (the round year by default): with the
        story year 2026, 2025 → year-1, 2026 → year, 2027 → year+1."""
        shift = (self.round_year if year is None else year) - written_for
        if not shift:
            return text
        marks = {str(y): f"\x00{i}\x00" for i, y in enumerate(range(written_for - 3, written_for + 2))}
        for original, mark in marks.items():
            text = text.replace(original, mark)
        for original, mark in marks.items():
            text = text.replace(mark, str(int(original) + shift))
        return text


def demo_calendar() -> DemoCalendar:
    return DemoCalendar(_as_of.get() or timezone.localdate())


@contextlib.contextmanager
def demo_as_of(day: datetime.date | None):
    """Load the demo as if today were `day` (None: the real today)."""
    token = _as_of.set(day)
    try:
        yield demo_calendar()
    finally:
        _as_of.reset(token)
