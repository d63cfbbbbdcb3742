import re

import pytest
from django.urls import reverse

from awards import services
from awards.models import Vote

from .conftest import member

pytestmark = pytest.mark.django_db


def _cast(meeting, council, name, choice):
    services.ballot_cast(
        by=member(council, name).user,
        meeting=meeting,
        choices={item.pk: choice for item in meeting.items.filter(agenda_list__isnull=True)},
        list_choices={agenda_list.pk: choice for agenda_list in meeting.lists.all()},
    )


def test_no_page_shows_anyones_votes_while_voting(client, meeting, council, office_staff, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    _cast(meeting, council, "Hoàng Văn Sơn", Vote.Choice.NO)
    for user in (office_staff, member(council, "Bùi Văn Hải").user, member(council, "Mai Văn Chiến").user):
        client.force_login(user)
        body = client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()
        assert "Đã bỏ phiếu: 1/4 thành viên" in body
        assert "Không đồng ý" not in body
        assert "Kết quả biểu quyết" not in body
    client.force_login(member(council, "Mai Văn Chiến").user)
    ballot = client.get(reverse("awards:ballot", args=[meeting.pk])).content.decode()
    assert "checked" not in ballot  # another member's "Không đồng ý" is not shown to this member


def test_a_member_sees_their_own_choices_on_their_ballot(client, meeting, council, office_staff, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    _cast(meeting, council, "Hoàng Văn Sơn", Vote.Choice.NO)
    client.force_login(member(council, "Hoàng Văn Sơn").user)
    ballot = client.get(reverse("awards:ballot", args=[meeting.pk])).content.decode()
    assert len(re.findall(r'value="khong_dong_y"[^>]*checked', ballot)) == 2
    assert re.findall(r'value="dong_y"[^>]*checked', ballot) == []


def test_after_closing_only_totals_are_shown(client, meeting, council, office_staff, secretary):
    services.voting_open(by=secretary, meeting=meeting)
    _cast(meeting, council, "Hoàng Văn Sơn", Vote.Choice.NO)
    _cast(meeting, council, "Bùi Văn Hải", Vote.Choice.YES)
    services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    client.force_login(office_staff)
    body = client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()
    assert "Kết quả biểu quyết" in body
    assert "1/4" in body
    assert "Hoàng Văn Sơn" in body  # as a member present, never next to a choice
    assert body.count("Không đạt") == 2


def test_a_clerk_cannot_see_meetings_or_decisions(client, meeting, clerk_a):
    client.force_login(clerk_a)
    assert client.get(reverse("awards:meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("awards:ballot", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("awards:decisions")).status_code == 403
    assert client.get(reverse("awards:council")).status_code == 403


def test_member_of_another_years_council_cannot_vote(client, meeting, office_staff, secretary):
    from accounts.enums import Role
    from tests.factories import user_with_role

    outsider = user_with_role(Role.COUNCIL_MEMBER, full_name="Người Ngoài Hội Đồng")
    services.voting_open(by=secretary, meeting=meeting)
    client.force_login(outsider)
    assert client.get(reverse("awards:ballot", args=[meeting.pk])).status_code == 404


def test_decision_list_query_count_is_flat(client, office_staff, django_assert_max_num_queries):
    from awards.models import Decision
    from dossiers.models import AwardRound, AwardType
    from units.models import Authority

    award = AwardType.objects.get(code="ldtt")

    def add(n, start):
        for i in range(start, start + n):
            award_round = AwardRound.objects.create(name=f"Đợt {i}", year=2024, commendation_kind="thuong_xuyen")
            Decision.objects.create(
                kind="quyet_dinh", round=award_round, award=award, title=f"Quyết định {i}", created_by=office_staff
            )

    client.force_login(office_staff)
    Authority.root()
    add(2, 0)
    with django_assert_max_num_queries(20) as small:
        assert client.get(reverse("awards:decisions")).status_code == 200
    add(15, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("awards:decisions")).status_code == 200
