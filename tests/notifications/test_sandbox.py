import pytest

from notifications import services
from notifications.models import MessageTemplate, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_wording_cannot_reach_password_hashes_or_contacts():
    author = UserFactory(full_name="Lê Thị Hương", phone="0912 000 111")
    recipient = UserFactory(full_name="Phạm Thị Lan")
    MessageTemplate.objects.create(
        key="role_granted",
        title="",
        inapp_body="hash={{ by.password }} mail={{ by.email }} phone={{ by.phone }} name={{ by.full_name }} "
        "people={{ by.role_assignments.all }}",
    )
    services.notify(
        recipient=recipient, title="T", template="role_granted", context={"by": author, "assignment": "x"}, email=False
    )
    body = Notification.objects.get(recipient=recipient).body
    assert body == "hash= mail= phone= name=Lê Thị Hương people="
    assert author.password not in body


def test_staff_wording_still_fills_the_declared_placeholders():
    recipient = UserFactory(full_name="Phạm Thị Lan")
    MessageTemplate.objects.create(
        key="role_granted", title="Chào {{ recipient.full_name }}", inapp_body="{{ by }} giao vai trò {{ assignment }}."
    )
    services.notify(
        recipient=recipient,
        title="T",
        template="role_granted",
        context={"by": UserFactory(full_name="Lê Thị Hương"), "assignment": "Thủ trưởng đơn vị"},
        email=False,
    )
    notification = Notification.objects.get(recipient=recipient)
    assert (notification.title, notification.body) == ("Chào Phạm Thị Lan", "Lê Thị Hương giao vai trò Thủ trưởng đơn vị.")
