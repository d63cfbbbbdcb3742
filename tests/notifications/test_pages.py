"""The notification list: only the viewer's own, newest first, a fixed number of queries however many."""

import pytest
from django.urls import reverse

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _notify(user, n, start=0):
    Notification.objects.bulk_create(
        Notification(recipient=user, title=f"Hồ sơ số {i} đã được tiếp nhận", url=f"/ho-so/{i}/") for i in range(start, start + n)
    )


def test_notification_list_shows_only_ones_own(client, clerk_a, clerk_b):
    _notify(clerk_a, 1)
    Notification.objects.create(recipient=clerk_b, title="Phiếu chấm điểm bị trả lại")
    client.force_login(clerk_a)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Hồ sơ số 0 đã được tiếp nhận" in page
    assert "Phiếu chấm điểm bị trả lại" not in page


def test_notification_list_query_count_is_flat(client, clerk_a, django_assert_max_num_queries):
    _notify(clerk_a, 3)
    client.force_login(clerk_a)
    url = reverse("notifications:list")
    client.get(url)  # the authority's names are created on first use: not part of the page's own cost
    with django_assert_max_num_queries(9) as small:
        client.get(url)
    _notify(clerk_a, 60, start=3)
    with django_assert_max_num_queries(9) as large:
        page = client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert page.count('/doc/"') == 25  # one page of "Mở" buttons
