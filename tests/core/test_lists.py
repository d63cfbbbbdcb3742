"""core.lists: the page size is the view's, and a page number that is not one never breaks a list."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def thirty_users(db):
    return UserFactory.create_batch(30)


def _rows(client, **query) -> tuple[int, int]:
    response = client.get(reverse("accounts:user_list"), query)
    assert response.status_code == 200
    table = response.context["table"]
    return len(table.page.object_list), table.page.number


@pytest.mark.parametrize("per_page", ["-1", "0", "100000", "abc"])
def test_a_page_size_in_the_address_is_not_obeyed(client, office_staff, thirty_users, per_page):
    client.force_login(office_staff)
    assert _rows(client, per_page=per_page) == (25, 1)


def test_a_page_number_that_is_not_one_shows_the_first_page_and_one_past_the_end_the_last(client, office_staff, thirty_users):
    client.force_login(office_staff)
    assert _rows(client, page="abc") == (25, 1)
    assert _rows(client, page="2") == (6, 2)  # 30 users and the office's own account
    assert _rows(client, page="99") == (6, 2)
    assert _rows(client, page="-1") == (6, 2)


def test_rows_that_tie_keep_one_order_from_page_to_page(client, office_staff, db):
    UserFactory.create_batch(30, full_name="Nguyễn Văn An")  # every row ties on the list's order (the name)
    client.force_login(office_staff)
    seen = []
    for page in ("1", "2"):
        table = client.get(reverse("accounts:user_list"), {"page": page}).context["table"]
        seen += [row.record.pk for row in table.page.object_list]
    assert sorted(seen) == sorted(set(seen))  # no row twice
    assert len(seen) == 31
    sql = str(table.data.data.query)
    assert sql.rstrip().endswith('"accounts_user"."id" ASC')
