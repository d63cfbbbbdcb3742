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
    accept = "application/json" if url.startswith("/api/") else "text/html"
    response = getattr(client, method)(url, HTTP_ACCEPT=accept)
    return response.status_code, response.get("Location", "")


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
