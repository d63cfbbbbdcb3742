"""The leader election (suy tôn) is secret: while it is open a vote is linked to its member only
through the election's own random key; at the close the key is erased and the votes rewritten, so
that nobody — the operator with the database and the server's SECRET_KEY included — can tell who
voted for whom afterwards."""

import hashlib
import hmac
import importlib
from collections import Counter

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.enums import Role
from clusters import services
from clusters.models import Election, ElectionVote
from core import ballots
from tests.factories import user_with_role


@pytest.fixture
def head_c(unit_c):
    return user_with_role(Role.UNIT_HEAD, unit_c, full_name="Chu Văn Thắng")


def _server_token(election, unit_id):
    """The token the former scheme stored: computable by anyone holding SECRET_KEY."""
    return hmac.new(settings.SECRET_KEY.encode(), f"suy-ton:{election.pk}:{unit_id}".encode(), hashlib.sha256).hexdigest()


def test_election_open_gives_each_election_its_own_key(election, unit_a):
    assert len(election.ballot_key) == 64
    assert services.voter_token(election, unit_a.pk) == ballots.voter_token(
        election.ballot_key, "suy-ton", election.pk, unit_a.pk
    )
    assert services.voter_token(election, unit_a.pk) != _server_token(election, unit_a.pk)


def test_election_close_forgets_who_voted_for_whom(election, clerk_a, head_a, head_b, head_c, unit_a, unit_b, unit_c):
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_b)
    services.election_vote(by=head_b, election=election, unit=unit_b, candidate=unit_b)
    services.election_vote(by=head_c, election=election, unit=unit_c, candidate=unit_a)
    old_key = election.ballot_key
    old_ids = set(ElectionVote.objects.filter(election=election).values_list("pk", flat=True))
    members = [unit_a.pk, unit_b.pk, unit_c.pk]
    assert set(ElectionVote.objects.filter(election=election).values_list("voter_token", flat=True)) == {
        ballots.voter_token(old_key, "suy-ton", election.pk, u) for u in members
    }

    services.election_close(by=clerk_a, election=election)

    election = Election.objects.get(pk=election.pk)
    votes = list(ElectionVote.objects.filter(election=election))
    computable = {ballots.voter_token(old_key, "suy-ton", election.pk, u) for u in members} | {
        _server_token(election, u) for u in members
    }
    assert election.ballot_key == ""
    assert {v.voter_token for v in votes} & computable == set()
    assert len({v.voter_token for v in votes}) == 3
    assert {v.pk for v in votes} & old_ids == set()  # new rows: their ids say nothing of the order of voting
    assert {r["unit_id"]: r["votes"] for r in election.result} == dict(Counter(v.candidate_id for v in votes))
    assert {r["unit_id"]: r["votes"] for r in election.result} == {unit_b.pk: 2, unit_a.pk: 1}
    assert election.winner == unit_b


def test_election_vote_after_the_close_is_refused(election, clerk_a, head_a, head_b, unit_a, unit_b):
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_b)
    services.election_close(by=clerk_a, election=election)
    with pytest.raises(ValidationError) as excinfo:
        services.election_vote(by=head_b, election=Election.objects.get(pk=election.pk), unit=unit_b, candidate=unit_b)
    assert excinfo.value.messages == ["Cuộc bỏ phiếu đã kết thúc."]
    assert ElectionVote.objects.filter(election=election).count() == 1
    assert election.receipts.count() == 1


def test_election_vote_changed_while_open_stays_one_vote(election, head_a, unit_a, unit_b, unit_c):
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_b)
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_c)
    assert list(ElectionVote.objects.filter(election=election).values_list("candidate_id", flat=True)) == [unit_c.pk]
    assert services.my_votes(election=election, units=[unit_a]) == {unit_a.pk: unit_c.pk}


def test_election_page_shows_the_heads_own_vote_while_open_and_not_after(client, election, clerk_a, head_a, unit_a, unit_b):
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_b)
    client.force_login(head_a)
    url = reverse("clusters:election", args=[election.group_id])
    page = client.get(url).content.decode()
    assert f'<option value="{unit_b.pk}" selected>' in page
    assert "Đổi phiếu" in page
    services.election_close(by=clerk_a, election=election)
    page = client.get(url).content.decode()
    assert "selected>" not in page
    assert "Cuộc bỏ phiếu đã kết thúc: các phiếu đã được xáo trộn và không còn gắn với đơn vị bầu" in page


def test_election_page_of_another_member_does_not_show_a_vote(client, election, head_a, head_b, unit_a, unit_b):
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_b)
    client.force_login(head_b)
    page = client.get(reverse("clusters:election", args=[election.group_id])).content.decode()
    assert "selected>" not in page
    assert "Đã bầu: 1/3 đơn vị" in page


# --- Elections recorded before the per-election key (migration 0006) --------------------------------


def _secure_elections():
    return importlib.import_module("clusters.migrations.0006_versions_and_ballot_key").secure_elections


def test_migration_gives_an_open_election_a_key_and_keeps_its_votes_changeable(election, head_a, unit_a, unit_b, unit_c):
    Election.objects.filter(pk=election.pk).update(ballot_key="")
    ElectionVote.objects.create(election=election, voter_token=_server_token(election, unit_a.pk), candidate=unit_b)
    _secure_elections()(apps, None)
    election = Election.objects.get(pk=election.pk)
    assert len(election.ballot_key) == 64
    assert ElectionVote.objects.get(election=election).voter_token == services.voter_token(election, unit_a.pk)
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_c)
    assert list(ElectionVote.objects.filter(election=election).values_list("candidate_id", flat=True)) == [unit_c.pk]


def test_migration_forgets_the_voters_of_a_closed_election(election, clerk_a, unit_a, unit_b, unit_c):
    services.election_close(by=clerk_a, election=election)
    for unit, candidate in ((unit_a, unit_b), (unit_b, unit_b), (unit_c, unit_a)):
        ElectionVote.objects.create(election=election, voter_token=_server_token(election, unit.pk), candidate=candidate)
    _secure_elections()(apps, None)
    tokens = set(ElectionVote.objects.filter(election=election).values_list("voter_token", flat=True))
    assert tokens & {_server_token(election, u.pk) for u in (unit_a, unit_b, unit_c)} == set()
    assert Counter(ElectionVote.objects.filter(election=election).values_list("candidate_id", flat=True)) == Counter(
        {unit_b.pk: 2, unit_a.pk: 1}
    )
    assert Election.objects.get(pk=election.pk).ballot_key == ""
