"""The upward proposal for the elected leader (Cờ thi đua tỉnh) is drafted by dossiers
(dossiers.services.elections): the election page of clusters loads its form by HTMX from the dossiers
URL and the form posts there. Only the group's head may use it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.enums import Role
from clusters import services
from clusters.models import Election
from dossiers.enums import CommendationKind, DossierStatus
from dossiers.models import AwardRound, Dossier
from dossiers.services import leader_proposal_create
from tests.factories import UnitFactory, user_with_role

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def elected(election, clerk_a, head_a, head_b, unit_a, unit_b):
    """Cụm thi đua số 1 has elected Bích Hòa (2 votes of 2)."""
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_b)
    services.election_vote(by=head_b, election=election, unit=unit_b, candidate=unit_b)
    services.election_close(by=clerk_a, election=election)
    return Election.objects.get(pk=election.pk)


@pytest.fixture
def award_round(db):
    return AwardRound.objects.create(name="Tổng kết năm 2026", year=2026, commendation_kind=CommendationKind.REGULAR)


def test_leader_proposal_creates_a_draft_dossier_for_the_provincial_flag(elected, clerk_a, unit_a, award_round):
    dossier = leader_proposal_create(by=clerk_a, election=elected, award_round=award_round)
    nominee = dossier.nominees.get()
    assert (dossier.status, dossier.unit, dossier.title) == (
        DossierStatus.DRAFT,
        unit_a,
        "Đề nghị tặng Cờ thi đua của UBND tỉnh cho đơn vị dẫn đầu Cụm thi đua số 1 năm 2026",
    )
    assert (nominee.full_name, nominee.award.code, nominee.subject) == ("UBND xã Bích Hòa", "co-thi-dua-tinh", "tap_the")
    assert nominee.achievement == "Được các thành viên Cụm thi đua số 1 suy tôn đơn vị dẫn đầu năm 2026 (2 phiếu, 100,0%)."


def test_leader_proposal_only_once_per_election(elected, clerk_a, award_round):
    leader_proposal_create(by=clerk_a, election=elected, award_round=award_round)
    with pytest.raises(ValidationError) as excinfo:
        leader_proposal_create(by=clerk_a, election=Election.objects.get(pk=elected.pk), award_round=award_round)
    assert excinfo.value.messages == ["Đã lập hồ sơ đề nghị cho kết quả suy tôn này."]
    assert Dossier.objects.count() == 1


def test_leader_proposal_partial_lists_the_open_regular_rounds_of_the_year(client, elected, clerk_a, award_round):
    AwardRound.objects.create(name="Tổng kết năm 2025", year=2025, commendation_kind=CommendationKind.REGULAR)
    AwardRound.objects.create(name="Đợt đã đóng năm 2026", year=2026, commendation_kind=CommendationKind.REGULAR, is_open=False)
    client.force_login(clerk_a)
    response = client.get(reverse("dossiers:leader_proposal", args=[elected.group_id]), **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body  # a fragment for HTMX, not a page
    assert f'<option value="{award_round.pk}">Tổng kết năm 2026</option>' in body
    assert "Tổng kết năm 2025" not in body
    assert "Đợt đã đóng năm 2026" not in body
    assert f'action="{reverse("dossiers:leader_proposal", args=[elected.group_id])}"' in body


def test_election_page_loads_the_proposal_form_from_dossiers(client, elected, clerk_a):
    client.force_login(clerk_a)
    page = client.get(reverse("clusters:election", args=[elected.group_id])).content.decode()
    assert f'hx-get="{reverse("dossiers:leader_proposal", args=[elected.group_id])}" hx-trigger="load"' in page


def test_leader_proposal_posted_opens_the_new_draft(client, elected, clerk_a, award_round):
    client.force_login(clerk_a)
    url = reverse("dossiers:leader_proposal", args=[elected.group_id])
    response = client.post(url, {"round": award_round.pk})
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossiers:detail", args=[dossier.pk])
    assert Election.objects.get(pk=elected.pk).proposal == dossier
    again = client.post(url, {"round": award_round.pk}, follow=True)
    assert "Đã lập hồ sơ đề nghị cho kết quả suy tôn này." in again.content.decode()
    assert Dossier.objects.count() == 1
    partial = client.get(url, **HX).content.decode()
    assert f'<a href="{reverse("dossiers:detail", args=[dossier.pk])}">{dossier.title}</a>' in partial


def test_leader_proposal_into_a_closed_round_is_refused(client, elected, clerk_a, award_round):
    AwardRound.objects.filter(pk=award_round.pk).update(is_open=False)
    client.force_login(clerk_a)
    response = client.post(reverse("dossiers:leader_proposal", args=[elected.group_id]), {"round": award_round.pk}, follow=True)
    assert "Vui lòng chọn một đợt xét khen thưởng đang nhận hồ sơ." in response.content.decode()
    assert Dossier.objects.count() == 0


def test_leader_proposal_a_member_that_is_not_the_head_gets_403(client, elected, clerk_b, award_round):
    client.force_login(clerk_b)
    url = reverse("dossiers:leader_proposal", args=[elected.group_id])
    assert client.get(url, **HX).status_code == 403
    assert client.post(url, {"round": award_round.pk}).status_code == 403
    assert Dossier.objects.count() == 0


def test_leader_proposal_a_unit_outside_the_group_gets_404(client, elected, award_round):
    outsider = user_with_role(Role.UNIT_CLERK, UnitFactory(name="UBND xã Kim An"))
    client.force_login(outsider)
    url = reverse("dossiers:leader_proposal", args=[elected.group_id])
    assert client.get(url, **HX).status_code == 404
    assert client.post(url, {"round": award_round.pk}).status_code == 404


def test_leader_proposal_head_of_unit_is_told_the_clerk_drafts_it(client, elected, head_a, award_round):
    client.force_login(head_a)
    body = client.get(reverse("dossiers:leader_proposal", args=[elected.group_id]), **HX).content.decode()
    assert "Cán bộ phụ trách thi đua, khen thưởng của UBND xã Cự Khê (đơn vị trưởng cụm, khối) lập hồ sơ đề nghị." in body
    assert "<form" not in body


def test_leader_proposal_before_the_close_has_nothing_to_propose(client, election, clerk_a, award_round):
    client.force_login(clerk_a)
    url = reverse("dossiers:leader_proposal", args=[election.group_id])
    assert "Chưa có đơn vị được suy tôn." in client.get(url, **HX).content.decode()
    response = client.post(url, {"round": award_round.pk}, follow=True)
    assert "Chưa có đơn vị được suy tôn." in response.content.decode()
    assert Dossier.objects.count() == 0
