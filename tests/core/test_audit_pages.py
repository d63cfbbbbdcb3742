"""The audit pages show any diff: keys that are also dict methods (`items`, `keys`, `values`, `get`), values
that are not [old, new] pairs, lists; and a page number that is not one gives a normal page."""

import pytest
from django.urls import reverse

from core.services import audit_record

ODD_CHANGES = {
    "items": [0, 12],  # as awards.services records an agenda filled
    "rows": [["Khen thưởng năm 2026", "Bình xét"], ["Chiến sĩ thi đua"], ["Bỏ phiếu"]],
    "keys": ["a", "b"],
    "values": [None, "Đã duyệt"],
    "get": "một giá trị",
    "pop": {"tên": "Nguyễn Văn A"},
    "full_name": ["Cũ", "Mới"],
}


@pytest.fixture
def odd_entry(office_staff, clerk_a):
    return audit_record(actor=office_staff, action="user.update", obj=clerk_a, changes=ODD_CHANGES)


def test_audit_list_renders_keys_named_like_dict_methods(client, office_staff, odd_entry):
    client.force_login(office_staff)
    response = client.get(reverse("audit_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "items: 0 → 12" in html
    assert "rows: ∅ → Khen thưởng năm 2026, Bình xét, Chiến sĩ thi đua, Bỏ phiếu" in html
    assert "values: ∅ → Đã duyệt" in html
    assert "get: ∅ → một giá trị" in html
    assert "pop: ∅ → tên: Nguyễn Văn A" in html
    assert "full_name: Cũ → Mới" in html


def test_audit_list_renders_changes_that_are_a_list(client, office_staff, clerk_a):
    audit_record(actor=office_staff, action="user.update", obj=clerk_a, changes={"items": [1, 2, 3]})
    client.force_login(office_staff)
    response = client.get(reverse("audit_list"))
    assert response.status_code == 200
    assert "items: ∅ → 1, 2, 3" in response.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "999999", "1.5", ""])  # not `page`: Playwright's fixture
def test_audit_list_with_a_bad_page_number_gives_a_normal_page(client, office_staff, odd_entry, page_number):
    client.force_login(office_staff)
    response = client.get(reverse("audit_list"), {"page": page_number})
    assert response.status_code == 200
    assert "full_name: Cũ → Mới" in response.content.decode()


def test_audit_list_beyond_the_last_page_shows_the_last_page(client, office_staff, clerk_a):
    for n in range(55):
        audit_record(actor=office_staff, action="user.update", obj=clerk_a, changes={"items": [str(n), str(n + 1)]})
    client.force_login(office_staff)
    response = client.get(reverse("audit_list"), {"page": "7"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trang 2/2" in html
    assert "items: 0 → 1" in html


def test_user_history_renders_keys_named_like_dict_methods(client, office_staff, clerk_a, odd_entry):
    client.force_login(office_staff)
    response = client.get(reverse("accounts:user_detail", args=[clerk_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "items: 0 → 12" in html
    assert "rows: ∅ → Khen thưởng năm 2026, Bình xét, Chiến sĩ thi đua, Bỏ phiếu" in html
    assert "keys: a → b" in html
    assert "full_name: Cũ → Mới" in html


def test_audit_list_query_count_is_flat(client, office_staff, clerk_a, django_assert_max_num_queries):
    for n in range(3):
        audit_record(actor=office_staff, action="user.update", obj=clerk_a, changes={"items": [str(n), str(n + 1)]})
    client.force_login(office_staff)
    client.get(reverse("audit_list"))  # the authority's names are created on first use
    with django_assert_max_num_queries(11) as small:
        client.get(reverse("audit_list"))
    for n in range(60):
        audit_record(actor=clerk_a, action="user.create", obj=office_staff, changes={"items": [str(n), str(n + 1)]})
    with django_assert_max_num_queries(11) as large:
        response = client.get(reverse("audit_list"), {"action": "user.create"})
    assert len(large.captured_queries) == len(small.captured_queries)
    page = response.content.decode()
    assert ("items: 59 → 60" in page, "items: 2 → 3" in page) == (True, False)  # newest first, only user.create
