"""The clock of the tests whose data is set on given dates (a 2026 campaign, the 2026 clusters…).

Such a test must not read the real clock: on a later day "today" falls after its deadlines and the
service rightly refuses. It pins time-machine's clock instead, at a Hà Nội time from `at(...)`:

    pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 3, 2))]

The clock starts there and ticks on, so the test sees the same "today" on any real date — also when CI
runs the suite again under libfaketime with the whole process a year or more ahead.
"""

import datetime
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """year-month-day hour:minute in Asia/Ho_Chi_Minh (the portal's TIME_ZONE)."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VN)
