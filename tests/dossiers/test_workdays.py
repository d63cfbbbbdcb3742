import datetime

import pytest

from dossiers.workdays import add_working_days, working_days_between

D = datetime.date
pytestmark = pytest.mark.django_db


def test_add_working_days_skips_weekend():
    # Friday 15/11/2024 + 1 working day = Monday 18/11/2024
    assert add_working_days(D(2024, 11, 15), 1) == D(2024, 11, 18)


def test_add_working_days_skips_tet_2025_from_the_seeded_table():
    # Friday 24/01/2025, then Tết: 27–31/01 off, weekend 01–02/02. Next working day is Monday 03/02.
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)


def test_twenty_working_days_across_tet_2026():
    # Received Monday 09/02/2026: Tết 16–20/02/2026 is skipped.
    assert add_working_days(D(2026, 2, 9), 20) == D(2026, 3, 16)


def test_working_days_between_counts_only_working_days():
    assert working_days_between(D(2024, 11, 15), D(2024, 11, 22)) == 5
    assert working_days_between(D(2024, 4, 26), D(2024, 5, 3)) == 2  # 29/4, 30/4, 1/5 are holidays
    assert working_days_between(D(2024, 11, 22), D(2024, 11, 15)) == 0
