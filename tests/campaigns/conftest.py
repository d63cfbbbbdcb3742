import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.enums import Role
from campaigns.enums import DocumentKind, DueMode, RecipientMode
from campaigns.models import ReminderSettings
from campaigns.services.requests import request_create
from tests.factories import UnitFactory, user_with_role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
D = datetime.date


def pdf(name="ke-hoach.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_request(by, *, due, issued=None, title="Kế hoạch thi đua năm 2024 của đơn vị", **kwargs):
    data = dict(
        by=by,
        title=title,
        document_kind=DocumentKind.PLAN,
        recipient_mode=RecipientMode.ALL,
        due_mode=DueMode.DATE,
        due_date=due,
        issued_on=issued or due - datetime.timedelta(days=30),
        announce=False,
    )
    data.update(kwargs)
    return request_create(**data)


@pytest.fixture
def settings_working(db):
    """The default reminder settings: 7, 3, 1, 0 working days before; every 2 after; heads from 6."""
    return ReminderSettings.load()


@pytest.fixture
def head_a(unit_a):
    return user_with_role(Role.UNIT_HEAD, unit_a, full_name="Nguyễn Văn Thủ Trưởng")


@pytest.fixture
def unit_without_clerk(db):
    return UnitFactory(name="UBND xã Kim An", code="xa-kim-an", email="kiman@example.vn")
