"""#14: the thematic-round form offers only registered campaigns (a posted unregistered one is still
refused by name)."""

import re

import pytest
from django.urls import reverse

from accounts.enums import Role
from campaigns.enums import CampaignKind
from campaigns.services.campaigns import campaign_register, campaign_save
from dossiers.forms import AwardRoundForm
from tests.clock import at
from tests.factories import UnitFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2026, 3, 2))]


@pytest.fixture
def campaigns(office_staff):
    import datetime

    department = UnitFactory(name="Phòng Kinh tế", code="phong-kinh-te", kind="phong_ban")
    clerk = user_with_role(Role.UNIT_CLERK, department, full_name="Vũ Đức Long")

    def thematic(name):
        return campaign_save(
            by=clerk,
            name=name,
            kind=CampaignKind.THEMATIC,
            owner=department,
            start_date=datetime.date(2026, 2, 15),
            end_date=datetime.date(2026, 12, 31),
            launch_document="Kế hoạch số 28/KH-UBND ngày 10/02/2026",
        )

    registered = thematic("Toàn dân chung sức xây dựng Nông thôn mới")
    campaign_register(
        by=office_staff,
        campaign=registered,
        number="03/ĐK-NV",
        date=datetime.date(2026, 2, 20),
        expected_version=registered.version,
    )
    return registered, thematic("Chuyển đổi số trong cơ quan nhà nước")


def _offered(html: str) -> list[str]:
    select = re.search(r'<select name="campaign".*?</select>', html, flags=re.S).group(0)
    return [" ".join(label.split()) for label in re.findall(r"<option[^>]*>(.*?)</option>", select, flags=re.S)]


def test_the_round_form_offers_only_registered_campaigns(client, office_staff, campaigns):
    client.force_login(office_staff)
    offered = _offered(client.get(reverse("dossiers:round_add")).content.decode())
    assert offered[1:] == ["Toàn dân chung sức xây dựng Nông thôn mới"]


def test_an_unregistered_campaign_posted_all_the_same_is_refused_by_name(campaigns):
    _registered, unregistered = campaigns
    form = AwardRoundForm(
        data={
            "name": "Chuyên đề “Chuyển đổi số”",
            "year": 2026,
            "commendation_kind": "chuyen_de",
            "campaign": unregistered.pk,
            "submission_deadline": "20/12/2026",
            "min_days_before_ceremony": 15,
        },
        authority_id=unregistered.authority_id,
    )
    assert form.is_valid() is False
    assert form.errors["campaign"] == ["Phong trào “Chuyển đổi số trong cơ quan nhà nước” chưa đăng ký với cơ quan thường trực."]
