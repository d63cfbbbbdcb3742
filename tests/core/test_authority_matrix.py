"""The refusal matrix across authorities (#13): every address of test_refusal_matrix's object families,
with the objects of one commune (its dossier, nominee, file, person, decision, Tờ trình, meeting), visited
by the other commune's office, clerk and council member and by the province's office and council member:
404 for all, GET and POST, exactly as if the objects did not exist. The commune's own office opens them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from .test_refusal_matrix import OFFICE_OBJECT_URLS, UNIT_OBJECT_URLS, URLS, _visit

# The Tờ trình's own actions (awards.views.upward) belong to the decisions' family.
AUTHORITY_URLS = {
    **UNIT_OBJECT_URLS,
    **OFFICE_OBJECT_URLS,
    "awards:proposal_send": "decision",
    "awards:proposal_supplement": "decision",
}
OUTSIDERS = ("other_office", "other_clerk", "other_council", "province_office", "province_council")


@pytest.fixture
def commune_things(commune_x):
    """One of everything, in commune X, made the way its own people make them."""
    from awards import services as award_services
    from awards.models import Council, Decision
    from dossiers import services as dossier_services
    from dossiers.enums import CommendationKind, ComponentType
    from dossiers.models import AwardRound, AwardType, Person

    from ..dossiers.conftest import add_person, pdf

    today = timezone.localdate()
    award_round = AwardRound.objects.create(
        authority=commune_x.authority, name="Tổng kết năm", year=today.year, commendation_kind=CommendationKind.REGULAR
    )
    ldtt = AwardType.objects.get(code="ldtt")
    clerk, office = commune_x.clerk, commune_x.office
    dossier = dossier_services.dossier_create(by=clerk, unit=commune_x.unit, award_round=award_round, title="Đề nghị")
    nominee = add_person(clerk, dossier, ldtt)
    attachment = dossier_services.attachment_add(by=clerk, dossier=dossier, component=ComponentType.PROPOSAL, upload=pdf())
    person = Person.objects.create(full_name="Nguyễn Thị Hoa", unit=commune_x.unit)
    decision = Decision.objects.create(
        kind=Decision.Kind.PROPOSAL,
        round=award_round,
        award=ldtt,
        title="Đề nghị khen thưởng",
        status=Decision.Status.ISSUED,
        created_by=office,
    )
    council = Council.objects.create(authority=commune_x.authority, year=today.year, name="Hội đồng")
    meeting = award_services.meeting_create(
        by=office, council=council, title="Phiên họp", starts_at=timezone.now(), place="Hội trường"
    )
    return {
        "dossier": {"pk": dossier.pk},
        "nominee": {"pk": dossier.pk, "nominee_pk": nominee.pk},
        "attachment": {"pk": dossier.pk, "attachment_pk": attachment.pk},
        "person": {"person_pk": person.pk},
        "decision": {"pk": decision.pk},
        "meeting": {"pk": meeting.pk},
    }


@pytest.fixture
def outsiders(commune_y, office_staff, council_member):
    return {
        "other_office": commune_y.office,
        "other_clerk": commune_y.clerk,
        "other_council": commune_y.council_member,
        "province_office": office_staff,
        "province_council": council_member,
    }


def test_another_authoritys_people_get_404_on_every_object_of_a_commune(client, commune_things, outsiders):
    answers = {}
    for name, family in AUTHORITY_URLS.items():
        url = reverse(name, kwargs=commune_things[family])
        for who in OUTSIDERS:
            client.force_login(outsiders[who])
            for method in ("get", "post"):
                status, _location = _visit(client, method, url)
                answers[(name, who, method)] = status
    leaks = {key: status for key, status in answers.items() if not (status == 404 or (key[2] == "get" and status == 405))}
    assert leaks == {}


def test_the_communes_own_office_opens_them(client, commune_things, commune_x):
    client.force_login(commune_x.office)
    for name in ("dossiers:detail", "dossiers:person", "awards:decision", "awards:meeting", "dossiers:attachment_download"):
        url = reverse(name, kwargs=commune_things[AUTHORITY_URLS[name]])
        assert client.get(url).status_code == 200, name


def test_the_authority_families_name_real_urls():
    assert sorted(set(AUTHORITY_URLS) - {name for name, _params in URLS}) == []
