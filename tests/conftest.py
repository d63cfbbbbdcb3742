import datetime
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.enums import Role

from .authorities import make_commune, make_province
from .factories import UnitFactory, user_with_role

# Browser tests drive the ORM and Playwright's sync API in one thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def unit_a(db):
    return UnitFactory(name="UBND xã Cự Khê", code="xa-a")


@pytest.fixture
def unit_b(db):
    return UnitFactory(name="UBND xã Bích Hòa", code="xa-b")


@pytest.fixture
def office_staff(db):
    return user_with_role(Role.OFFICE_STAFF, full_name="Lê Thị Hương")


@pytest.fixture
def system_admin(db):
    return user_with_role(Role.ADMIN, full_name="Nguyễn Văn Quản")


@pytest.fixture
def clerk_a(unit_a):
    return user_with_role(Role.UNIT_CLERK, unit_a, full_name="Phạm Thị Lan")


@pytest.fixture
def clerk_b(unit_b):
    return user_with_role(Role.UNIT_CLERK, unit_b, full_name="Trần Văn Nam")


@pytest.fixture
def council_member(db):
    return user_with_role(Role.COUNCIL_MEMBER, full_name="Hoàng Văn Sơn")


@pytest.fixture
def province(db):
    """The root authority as a province (the ordinary fixtures belong to it)."""
    return make_province()


@pytest.fixture
def commune_x(province):
    return make_commune("xa-phong-tho", "Phong Thổ", parent=province)


@pytest.fixture
def commune_y(province):
    return make_commune("xa-sin-suoi-ho", "Sìn Suối Hồ", parent=province)


@pytest.fixture
def demo_data(db):
    """The district demo as loaded on 06/12/2026 (its dates follow the day it is loaded, #14), so the tests that
    name its 2026 records pass on any later day too; today, when the clock is earlier."""
    as_of = min(datetime.date(2026, 12, 6), timezone.localdate())
    call_command("seed_demo", "--district", "--as-of", as_of.isoformat(), stdout=open(os.devnull, "w"))


@pytest.fixture(autouse=True)
def celery_eager(request):
    """Outside the integration layer, tasks run in-process (no broker); the integration tests use a
    real Redis and a real worker instead."""
    from tdkt_portal.celery import app

    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    """Uploaded files of a test go to its own temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
