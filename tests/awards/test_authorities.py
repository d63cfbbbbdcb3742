"""Two communes' councils, meetings, ballots and decisions never meet (#13): each office, council member and
page answers for the authority its user acts in only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment
from awards import decisions, services
from awards.models import Certificate, Council, CouncilMember, Decision, PrintJob
from dossiers.enums import CommendationKind, DossierStatus, Outcome, Subject, TaskRating, Verdict
from dossiers.models import AwardRound, AwardType, Dossier, Nominee

pytestmark = pytest.mark.django_db

YEAR = 2025
ISSUED_ON = datetime.date(2025, 1, 15)


def _round(place) -> AwardRound:
    return AwardRound.objects.create(
        authority=place.authority,
        name=f"Tổng kết năm 2024 – {place.authority.place_name}",
        year=2024,
        commendation_kind=CommendationKind.REGULAR,
    )


def _dossier(place, award_round, *, status, outcome="", name=None, code="gk-xa-ca-nhan") -> Dossier:
    dossier = Dossier.objects.create(
        unit=place.unit,
        round=award_round,
        commendation_kind=CommendationKind.REGULAR,
        title="Đề nghị khen thưởng năm 2024",
        created_by=place.clerk,
        status=status,
        submitted_at=timezone.now(),
    )
    Nominee.objects.create(
        dossier=dossier,
        subject=Subject.INDIVIDUAL,
        award=AwardType.objects.get(code=code),
        full_name=name or f"Giáo viên xã {place.authority.place_name}",
        task_rating=TaskRating.EXCELLENT,
        months_worked=12,
        appraisal_verdict=Verdict.ELIGIBLE,
        outcome=outcome,
        sort_order=1,
        date_of_birth=datetime.date(1985, 5, 1),
    )
    return dossier


def _council(place) -> Council:
    """The commune's council of YEAR: its council member in the chair, its office staff as secretary."""
    council = services.council_create(by=place.office, year=YEAR)
    seats = [(place.council_member, CouncilMember.Position.CHAIR), (place.office, CouncilMember.Position.SECRETARY)]
    for user, position in seats:
        services.council_member_add(by=place.office, council=council, user=user, position=position)
    return council


def _meeting(place, council):
    meeting = services.meeting_create(
        by=place.office,
        council=council,
        title=f"Phiên họp Hội đồng xã {place.authority.place_name}",
        starts_at=timezone.make_aware(datetime.datetime(2025, 1, 10, 14, 0)),
        place="Hội trường UBND xã",
    )
    services.agenda_fill(by=place.office, meeting=meeting)
    return meeting


@pytest.fixture
def meetings(commune_x, commune_y):
    """Each commune's council with a meeting whose agenda holds the commune's own nominee."""
    for place in (commune_x, commune_y):  # both at their council before either meeting fills its agenda
        _dossier(place, _round(place), status=DossierStatus.AT_COUNCIL)
    found = {}
    for place in (commune_x, commune_y):
        council = _council(place)
        found[place.authority.pk] = (council, _meeting(place, council))
    return found


def _issued(place) -> Decision:
    """The commune's Giấy khen decision for its approved nominee, issued on ISSUED_ON."""
    award_round = _round(place)
    _dossier(place, award_round, status=DossierStatus.DECIDED, outcome=Outcome.APPROVED)
    (draft,) = decisions.decisions_draft(by=place.office, award_round=award_round)
    return decisions.decision_issue(by=place.office, decision=draft, date=ISSUED_ON, signer="tm")


# --- Councils ------------------------------------------------------------------------------------------


def test_each_commune_has_its_own_council_of_the_year(commune_x, commune_y, meetings):
    council_x, _meeting_x = meetings[commune_x.authority.pk]
    council_y, _meeting_y = meetings[commune_y.authority.pk]
    assert (council_x.authority, council_y.authority, council_x.year, council_y.year) == (
        commune_x.authority,
        commune_y.authority,
        YEAR,
        YEAR,
    )
    assert [m.user for m in council_x.members.all()] == [commune_x.council_member, commune_x.office]


def test_the_council_page_shows_the_acting_authoritys_council_only(client, commune_x, commune_y, meetings):
    client.force_login(commune_y.office)
    body = client.get(reverse("awards:council_year", args=[YEAR])).content.decode()
    assert commune_y.council_member.full_name in body
    assert commune_x.council_member.full_name not in body
    assert "Phiên họp Hội đồng xã Sìn Suối Hồ" in body
    assert "Phiên họp Hội đồng xã Phong Thổ" not in body


def test_a_commune_without_a_council_of_the_year_sees_none_of_anothers(client, commune_x, commune_y):
    _council(commune_x)
    client.force_login(commune_y.office)
    body = client.get(reverse("awards:council_year", args=[YEAR])).content.decode()
    assert "Chưa có Hội đồng của năm này." in body
    assert commune_x.council_member.full_name not in body
    assert client.get(reverse("awards:meeting_create", args=[YEAR])).status_code == 404
    added = client.post(reverse("awards:council_member_add", args=[YEAR]), {"user": commune_y.clerk.pk, "position": "uy_vien"})
    assert added.status_code == 404


def test_only_people_of_the_acting_authority_may_be_added_to_its_council(client, commune_x, commune_y):
    council = _council(commune_y)
    client.force_login(commune_y.office)
    form = client.get(reverse("awards:council_year", args=[YEAR])).context["form"]
    offered = set(form.fields["user"].queryset)
    assert {commune_y.office, commune_y.council_member, commune_y.clerk} <= offered
    assert {commune_x.office, commune_x.council_member, commune_x.clerk} & offered == set()
    refused = client.post(
        reverse("awards:council_member_add", args=[YEAR]), {"user": commune_x.council_member.pk, "position": "uy_vien"}
    )
    assert (refused.status_code, council.members.filter(user=commune_x.council_member).exists()) == (200, False)
    with pytest.raises(ValidationError) as refusal:
        services.council_member_add(by=commune_y.office, council=council, user=commune_x.council_member, position="uy_vien")
    said = "Ủy viên Hội đồng xã Phong Thổ không giữ vai trò nào trong UBND xã Sìn Suối Hồ: chỉ thêm được người của cơ quan này."
    assert refusal.value.message_dict == {"user": [said]}


def test_an_office_cannot_change_another_authoritys_council(client, commune_x, commune_y, meetings):
    council_x, _meeting = meetings[commune_x.authority.pk]
    with pytest.raises(PermissionDenied):
        services.council_member_add(by=commune_y.office, council=council_x, user=commune_x.clerk, position="uy_vien")
    seat = council_x.members.get(user=commune_x.council_member)
    with pytest.raises(PermissionDenied):
        services.council_member_remove(by=commune_y.office, member=seat)
    with pytest.raises(PermissionDenied):
        services.meeting_create(by=commune_y.office, council=council_x, title="Họp", starts_at=timezone.now(), place="Xã")
    client.force_login(commune_y.office)
    assert client.post(reverse("awards:council_member_remove", args=[seat.pk])).status_code == 404
    assert CouncilMember.objects.filter(pk=seat.pk).exists()


# --- Meetings and ballots ------------------------------------------------------------------------------


def test_a_meetings_agenda_holds_its_own_authoritys_nominees_only(commune_x, commune_y, meetings):
    for place in (commune_x, commune_y):
        _council, meeting = meetings[place.authority.pk]
        assert [item.nominee.full_name for item in meeting.items.all()] == [f"Giáo viên xã {place.authority.place_name}"]
    assert services.agenda_fill(by=commune_x.office, meeting=meetings[commune_x.authority.pk][1]) == 0


def test_another_authoritys_meeting_is_not_found(client, commune_x, commune_y, meetings):
    _council, meeting = meetings[commune_x.authority.pk]
    for user in (commune_y.office, commune_y.council_member):
        client.force_login(user)
        for name in ("awards:meeting", "awards:ballot", "awards:minutes"):
            assert client.get(reverse(name, args=[meeting.pk])).status_code == 404, (user, name)
        for name in ("awards:agenda_fill", "awards:voting_open", "awards:meeting_texts"):
            assert client.post(reverse(name, args=[meeting.pk])).status_code == 404, (user, name)
    client.force_login(commune_x.office)
    assert client.get(reverse("awards:meeting", args=[meeting.pk])).status_code == 200
    with pytest.raises(PermissionDenied):
        services.meeting_update_texts(by=commune_y.office, meeting=meeting, office_report="Báo cáo", conclusion="")
    with pytest.raises(PermissionDenied):
        services.agenda_fill(by=commune_y.office, meeting=meeting)


def test_a_member_votes_only_while_acting_in_their_councils_authority(client, commune_x, commune_y, meetings):
    """A commune X council member who is also commune Y's clerk votes in X's meeting acting in X, not in Y."""
    _council, meeting = meetings[commune_x.authority.pk]
    person = commune_x.council_member
    services.voting_open(by=person, meeting=meeting)
    RoleAssignment.objects.create(user=person, role=Role.UNIT_CLERK, unit=commune_y.unit)
    person.forget_roles()
    ballot = {
        "choices": {item.pk: "dong_y" for item in meeting.items.filter(agenda_list__isnull=True)},
        "list_choices": {agenda_list.pk: "dong_y" for agenda_list in meeting.lists.all()},
    }
    person.prefer_authority(commune_y.authority.pk)
    with pytest.raises(PermissionDenied):
        services.ballot_cast(by=person, meeting=meeting, **ballot)
    person.prefer_authority(commune_x.authority.pk)
    assert services.ballot_cast(by=person, meeting=meeting, **ballot) == 1
    # The same through the pages: the session's choice of authority decides.
    client.force_login(person)
    session = client.session
    session["acting_authority"] = commune_y.authority.pk
    session.save()
    assert client.get(reverse("awards:ballot", args=[meeting.pk])).status_code == 404
    session["acting_authority"] = commune_x.authority.pk
    session.save()
    assert client.get(reverse("awards:ballot", args=[meeting.pk])).status_code == 200


# --- Decisions -----------------------------------------------------------------------------------------


def test_drafting_refuses_a_round_of_another_authority(client, commune_x, commune_y):
    award_round = _round(commune_x)
    _dossier(commune_x, award_round, status=DossierStatus.DECIDED, outcome=Outcome.APPROVED)
    with pytest.raises(PermissionDenied):
        decisions.decisions_draft(by=commune_y.office, award_round=award_round)
    client.force_login(commune_y.office)
    assert client.post(reverse("awards:decisions_draft", args=[award_round.pk])).status_code == 404
    page = client.get(reverse("awards:decisions")).content.decode()
    assert award_round.name not in page
    client.force_login(commune_x.office)
    assert award_round.name in client.get(reverse("awards:decisions")).content.decode()
    assert Decision.objects.count() == 0


def test_each_authority_numbers_its_decisions_and_certificates_from_one(commune_x, commune_y):
    decision_x, decision_y = _issued(commune_x), _issued(commune_y)
    assert (decision_x.authority, decision_y.authority) == (commune_x.authority, commune_y.authority)
    assert (decision_x.number, decision_y.number) == ("01/QĐ-UBND", "01/QĐ-UBND")
    registers = sorted(Certificate.objects.values_list("authority_id", "year", "register_number"))
    assert registers == sorted([(commune_x.authority.pk, 2025, 1), (commune_y.authority.pk, 2025, 1)])


def test_another_authoritys_decision_and_its_documents_are_not_found(client, commune_x, commune_y):
    decision = _issued(commune_x)
    job = PrintJob.objects.create(decision=decision, total=1, created_by=commune_x.office, status=PrintJob.Status.FAILED)
    client.force_login(commune_y.office)
    assert decision.title not in client.get(reverse("awards:decisions")).content.decode()
    for name in ("awards:decision", "awards:decision_pdf", "awards:payout_pdf"):
        assert client.get(reverse(name, args=[decision.pk])).status_code == 404, name
    assert client.post(reverse("awards:decision_revoke", args=[decision.pk]), {"reason": "Sai"}).status_code == 404
    assert client.post(reverse("awards:print_start", args=[decision.pk])).status_code == 404
    for name in ("awards:print_job", "awards:print_job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404, name
    assert client.post(reverse("awards:print_job_retry", args=[job.pk])).status_code == 404
    for call in (
        lambda: decisions.decision_revoke(by=commune_y.office, decision=decision, reason="Sai"),
        lambda: decisions.print_job_start(by=commune_y.office, decision=decision, blank_form=False),
        lambda: decisions.print_job_retry(by=commune_y.office, job_id=job.pk),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert (Decision.objects.get(pk=decision.pk).status, PrintJob.objects.count()) == (Decision.Status.ISSUED, 1)
    # Its own office and council member see it.
    for user in (commune_x.office, commune_x.council_member):
        client.force_login(user)
        assert client.get(reverse("awards:decision", args=[decision.pk])).status_code == 200
        assert decision.title in client.get(reverse("awards:decisions")).content.decode()


def test_another_authoritys_draft_cannot_be_issued(client, commune_x, commune_y):
    award_round = _round(commune_x)
    _dossier(commune_x, award_round, status=DossierStatus.DECIDED, outcome=Outcome.APPROVED)
    (draft,) = decisions.decisions_draft(by=commune_x.office, award_round=award_round)
    with pytest.raises(PermissionDenied):
        decisions.decision_issue(by=commune_y.office, decision=draft, date=ISSUED_ON, signer="tm")
    client.force_login(commune_y.office)
    posted = client.post(reverse("awards:decision", args=[draft.pk]), {"date": "15/01/2025", "signer": "tm"})
    assert (posted.status_code, Decision.objects.get(pk=draft.pk).status) == (404, Decision.Status.DRAFT)


def test_a_certificate_of_any_authority_verifies_publicly(client, commune_x, commune_y):
    _issued(commune_x), _issued(commune_y)
    for certificate in Certificate.objects.select_related("authority"):
        body = client.get(reverse("certificate_verify", args=[certificate.token])).content.decode()
        assert "Giấy khen, giấy chứng nhận hợp lệ" in body
        assert f"Giáo viên xã {certificate.authority.place_name}" in body
