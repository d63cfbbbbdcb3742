"""The refusal policy, generated from the URL configuration (like the transition matrix from the edge map):
every address that names an object is visited by every role, GET and POST,

- with an id that exists for nobody: 404 for every signed-in role (never 403 first: the status code must
  not depend on the role), the sign-in page for anonymous visitors, never a 500;
- with objects outside the role's scope (another unit's dossier, nominee, file, person; the office's
  decisions, meetings, jobs for a unit): 404 exactly as if they did not exist.

A new URL pattern is picked up by itself; one that needs a kind of object this file does not build fails
`test_every_object_url_is_covered` until it is added to OBJECTS."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.enums import Role
from tests.factories import UnitFactory, user_with_role

ROLES = ["clerk_other_unit", "head_other_unit", "office", "council_member", "council_chair", "admin", "anonymous"]
MISSING = 987654321
# Path values that are not object ids: a year is a page about that year, whichever it is.
NOT_IDS = {"year"}
# Addresses that are public by design (the QR check of a certificate, the calendar feed with its secret
# token, password reset links) or answered by the API's own JSON errors: checked for "no 500" only.
PUBLIC = {"certificate_verify", "campaigns:calendar_feed", "password_reset_confirm"}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def object_urls():
    """(url name, parameter names) for every pattern that takes a value, admin excepted."""
    seen = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        params = list(pattern.pattern.regex.groupindex)
        if name.startswith("admin:") or not params or name in seen:
            continue
        if set(params) <= NOT_IDS:
            continue
        seen[name] = params
    return sorted(seen.items())


URLS = object_urls()


def _value(param):
    if param in NOT_IDS:
        return timezone.localdate().year
    if param in ("token", "uidb64", "key", "name"):
        return "khong-co"
    if param in ("receipt_number", "external_reference"):
        return "KHONGCO-1"
    return MISSING


@pytest.fixture(scope="module")
def people(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        unit = UnitFactory(name="UBND xã Bích Hòa", code="xa-b-matrix")
        users = {
            "clerk_other_unit": user_with_role(Role.UNIT_CLERK, unit),
            "head_other_unit": user_with_role(Role.UNIT_HEAD, unit),
            "office": user_with_role(Role.OFFICE_STAFF),
            "council_member": user_with_role(Role.COUNCIL_MEMBER),
            "council_chair": user_with_role(Role.COUNCIL_CHAIR),
            "admin": user_with_role(Role.ADMIN, is_superuser=True, is_staff=True),
        }
    yield users
    with django_db_blocker.unblock():
        for user in users.values():
            user.delete()
        unit.delete()


def _visit(client, method, url):
    """Status and redirect of one request. An action's address answers a GET by sending the browser to the
    page the action belongs to: that page is followed (once) and its answer is the one that counts; a
    page that does not name the object (a list, a year's plan) says nothing about it either way."""
    accept = "application/json" if url.startswith("/api/") else "text/html"
    response = getattr(client, method)(url, HTTP_ACCEPT=accept)
    location = response.get("Location", "")
    if method == "get" and response.status_code == 302 and not location.startswith(reverse("login")):
        if str(MISSING) not in location:
            return 404, "(a page that does not name the object: reveals nothing)"
        response = client.get(location, HTTP_ACCEPT=accept)
        location = response.get("Location", "")
    return response.status_code, location


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "params"), URLS, ids=[name for name, _p in URLS])
def test_every_object_url_answers_404_for_a_missing_object_whoever_asks(client, people, name, params):
    url = reverse(name, kwargs={p: _value(p) for p in params})
    answers = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(people[role])
        for method in ("get", "post"):
            answers[(role, method)] = _visit(client, method, url)
    assert [k for k, (status, _l) in answers.items() if status >= 500] == []
    if name in PUBLIC:
        return
    expected = {}
    for (role, method), (status, location) in answers.items():
        if name.startswith("api:"):
            expected[(role, method)] = status in (401, 404, 405)  # the API's JSON answers
        elif role == "anonymous":
            expected[(role, method)] = (status, location.split("?")[0]) == (302, reverse("login")) or status in (404, 405)
        else:
            expected[(role, method)] = status in (404, 405)
    refused_wrongly = {k: answers[k] for k, ok in expected.items() if not ok}
    assert refused_wrongly == {}, sorted({(s, loc) for s, loc in refused_wrongly.values()})


# --- Objects that exist, outside the role's scope -------------------------------------------------------

# Which URLs show one family of objects, and the roles whose scope never holds it.
OTHER_UNIT = ("clerk_other_unit", "head_other_unit")
UNIT_OBJECT_URLS = {
    "dossiers:detail": "dossier",
    "dossiers:nominee_add": "dossier",
    "dossiers:nominee_edit": "nominee",
    "dossiers:nominee_delete": "nominee",
    "dossiers:nominee_appraise": "nominee",
    "dossiers:nominee_override": "nominee",
    "dossiers:attachment_upload": "dossier",
    "dossiers:attachment_download": "attachment",
    "dossiers:attachment_delete": "attachment",
    "dossiers:transition": "dossier",
    "dossiers:acknowledgement": "dossier",
    "dossiers:nominee_import": "dossier",
    "dossiers:nominee_import_confirm": "dossier",
    "dossiers:person": "person",
}
OFFICE_OBJECT_URLS = {
    "awards:decision": "decision",
    "awards:decision_pdf": "decision",
    "awards:decision_confirm": "decision",
    "awards:decision_draft_pdf": "decision",
    "awards:decision_revoke": "decision",
    "awards:payout_pdf": "decision",
    "awards:print_start": "decision",
    "exports:payout": "decision",
    "awards:meeting": "meeting",
    "awards:ballot": "meeting",
    "awards:meeting_texts": "meeting",
    "awards:agenda_fill": "meeting",
    "awards:voting_open": "meeting",
    "awards:ballot_close": "meeting",
    "awards:ballot_reopen": "meeting",
    "awards:minutes": "meeting",
}


@pytest.fixture
def things(clerk_a, unit_a, office_staff):
    from awards import services as award_services
    from awards.models import Council, Decision
    from dossiers import services as dossier_services
    from dossiers.enums import CommendationKind, ComponentType
    from dossiers.models import AwardRound, AwardType, Person

    from ..dossiers.conftest import add_person, pdf

    today = timezone.localdate()
    award_round = AwardRound.objects.create(
        name="Tổng kết năm", year=today.year, commendation_kind=CommendationKind.REGULAR, submission_deadline=today
    )
    ldtt = AwardType.objects.get(code="ldtt")
    dossier = dossier_services.dossier_create(by=clerk_a, unit=unit_a, award_round=award_round, title="Đề nghị")
    nominee = add_person(clerk_a, dossier, ldtt)
    attachment = dossier_services.attachment_add(by=clerk_a, dossier=dossier, component=ComponentType.PROPOSAL, upload=pdf())
    person = Person.objects.create(full_name="Nguyễn Thị Hoa", unit=unit_a)
    decision = Decision.objects.create(
        kind=Decision.Kind.DECISION,
        round=award_round,
        award=ldtt,
        title="Khen thưởng",
        status=Decision.Status.ISSUED,
        created_by=office_staff,
    )
    council = Council.objects.create(year=today.year, name="Hội đồng")
    meeting = award_services.meeting_create(
        by=office_staff, council=council, title="Phiên họp", starts_at=timezone.now(), place="Hội trường"
    )
    return {
        "dossier": {"pk": dossier.pk},
        "nominee": {"pk": dossier.pk, "nominee_pk": nominee.pk},
        "attachment": {"pk": dossier.pk, "attachment_pk": attachment.pk},
        "person": {"person_pk": person.pk},
        "decision": {"pk": decision.pk},
        "meeting": {"pk": meeting.pk},
    }


def _outside_scope(client, people, things, urls):
    answers = {}
    for name, family in urls.items():
        url = reverse(name, kwargs=things[family])
        for role in OTHER_UNIT:
            client.force_login(people[role])
            for method in ("get", "post"):
                status, _location = _visit(client, method, url)
                answers[(name, role, method)] = status
    return {key: status for key, status in answers.items() if not (status == 404 or (key[2] == "get" and status == 405))}


def test_another_units_dossier_nominee_file_and_person_are_404(client, people, things):
    assert _outside_scope(client, people, things, UNIT_OBJECT_URLS) == {}


def test_the_offices_decisions_and_meetings_are_404_for_a_unit(client, people, things):
    assert _outside_scope(client, people, things, OFFICE_OBJECT_URLS) == {}


def test_the_scope_families_name_real_urls():
    """The families above follow the URL configuration: a renamed or removed URL fails here."""
    names = {name for name, _params in URLS}
    assert sorted((set(UNIT_OBJECT_URLS) | set(OFFICE_OBJECT_URLS)) - names) == []
