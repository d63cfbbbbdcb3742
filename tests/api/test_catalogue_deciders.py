"""GET /api/v1/award-types/: `decided_by` lists the levels deciding each award today (#13 item 2), lowest first,
read in one query whatever the number of awards."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

COMMUNE = {"code": "xa", "label": "Chủ tịch UBND cấp xã"}
DISTRICT = {"code": "huyen", "label": "Chủ tịch UBND cấp huyện"}


def _awards(portal_api):
    return {a["code"]: a for a in portal_api.get("/api/v1/award-types/").json()}


def test_decided_by_lists_the_levels_in_force_today(portal_api):
    with time_machine.travel(datetime.datetime(2026, 12, 7, 9, 0), tick=False):
        with CaptureQueriesContext(connection) as captured:
            awards = _awards(portal_api)
    assert awards["ldtt"]["decided_by"] == [COMMUNE, DISTRICT]
    assert awards["cstd-tinh"]["decided_by"] == [{"code": "tinh", "label": "Chủ tịch UBND cấp tỉnh"}]
    assert awards["huy-chuong-huu-nghi"]["decided_by"] == [{"code": "trung_uong", "label": "Cấp trung ương"}]
    # The field of before, kept for connected systems: the highest level deciding today, as it was.
    assert awards["ldtt"]["decision_level"] == DISTRICT
    assert awards["gk-xa-ca-nhan"]["decision_level"] == COMMUNE
    assert len([q for q in captured.captured_queries if "dossiers_awarddecider" in q["sql"]]) == 1


def test_decided_by_follows_the_date(portal_api):
    with time_machine.travel(datetime.datetime(2023, 6, 1, 9, 0), tick=False):
        awards = _awards(portal_api)
    assert awards["ldtt"]["decided_by"] == [DISTRICT]
    assert awards["cstdcs"]["decided_by"] == [DISTRICT]
