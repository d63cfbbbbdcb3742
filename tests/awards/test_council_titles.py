"""#14, smaller defects: a member's place on the council reads the same on the dashboard and on the
council page (CouncilMember.position_label, one source)."""

import re

import pytest
from django.urls import reverse

from awards.models import CouncilMember
from tests.clock import at

from .conftest import member

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(at(2025, 12, 1))]


def _row(html: str, name: str) -> str:
    """The table row naming this person, tags stripped."""
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, flags=re.S) if name in r)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_the_dashboard_and_the_council_page_give_a_member_the_same_place(client, council, office_staff):
    son = member(council, "Hoàng Văn Sơn")
    son.user.position = "Trưởng phòng Nội vụ"
    son.user.save(update_fields=["position"])
    assert son.position_label == CouncilMember.Position.STANDING.label
    client.force_login(office_staff)
    on_council_page = _row(client.get(reverse("awards:council")).content.decode(), "Hoàng Văn Sơn")
    client.force_login(son.user)
    dashboard = client.get(reverse("dashboard")).content.decode()
    panel = dashboard[dashboard.index('id="panel-council"') :]
    on_dashboard = _row(panel, "Hoàng Văn Sơn")
    assert on_dashboard == "Hoàng Văn Sơn Phó Chủ tịch thường trực Hội đồng Trưởng phòng Nội vụ"
    assert on_dashboard in on_council_page


def test_the_dashboard_lists_the_members_of_the_council_in_their_order(client, council):
    client.force_login(member(council, "Mai Văn Chiến").user)
    members = client.get(reverse("dashboard")).context["council"]["members"]
    assert [(m.user.full_name, m.position_label) for m in members] == [
        ("Bùi Văn Hải", "Chủ tịch Hội đồng"),
        ("Hoàng Văn Sơn", "Phó Chủ tịch thường trực Hội đồng"),
        ("Mai Văn Chiến", "Ủy viên"),
        ("Tô Thị Liên", "Ủy viên"),
        ("Lê Thị Thư Ký", "Thư ký"),
    ]


def test_the_council_page_offers_the_standing_vice_chair_as_the_law_names_it(client, council, office_staff):
    """Luật TĐKT 2022 and NĐ 152/2025 name the head of the standing office the council's "Phó Chủ tịch
    thường trực"; no "Ủy viên thường trực" is left to choose."""
    client.force_login(office_staff)
    html = client.get(reverse("awards:council")).content.decode()
    select = re.search(r'<select name="position".*?</select>', html, flags=re.S).group(0)
    offered = [" ".join(label.split()) for label in re.findall(r"<option[^>]*>(.*?)</option>", select, flags=re.S)]
    assert offered == ["Chủ tịch Hội đồng", "Phó Chủ tịch thường trực Hội đồng", "Phó Chủ tịch Hội đồng", "Ủy viên", "Thư ký"]
