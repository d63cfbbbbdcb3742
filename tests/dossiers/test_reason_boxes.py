"""#14: each action on a dossier that needs a reason has its own box; a refused post draws the page again
with the error under that box only, keeping what was typed there, and the other boxes empty."""

import re

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.enums import DossierStatus as S

pytestmark = pytest.mark.django_db


def _forms(html: str) -> dict[str, str]:
    """Each transition form of the page by the status it moves to."""
    forms = re.findall(r'<form method="post" action="[^"]*/chuyen-trang-thai/".*?</form>', html, flags=re.S)
    return {re.search(r'name="to" value="([^"]+)"', form).group(1): form for form in forms}


@pytest.fixture
def received(complete_draft, clerk_a, office_staff):
    services.dossier_transition(complete_draft, to=S.SUBMITTED, by=clerk_a)
    services.dossier_transition(complete_draft, to=S.RECEIVED, by=office_staff)
    return complete_draft


def test_every_action_needing_a_reason_has_its_own_box(client, received, office_staff):
    client.force_login(office_staff)
    forms = _forms(client.get(reverse("dossiers:detail", args=[received.pk])).content.decode())
    with_box = {to for to, form in forms.items() if 'name="note"' in form}
    assert with_box == {S.RETURNED, S.CONSULTING}  # "Yêu cầu bổ sung", "Lấy ý kiến các ngành"
    assert all(form.count('name="note"') == 1 for form in forms.values() if 'name="note"' in form)
    assert S.APPRAISED in forms and 'name="note"' not in forms[S.APPRAISED]


def test_a_sent_dossier_withdrawn_by_the_clerk_asks_its_reason(client, complete_draft, clerk_a):
    services.dossier_transition(complete_draft, to=S.SUBMITTED, by=clerk_a)
    client.force_login(clerk_a)
    forms = _forms(client.get(reverse("dossiers:detail", args=[complete_draft.pk])).content.decode())
    assert list(forms) == [S.WITHDRAWN] and forms[S.WITHDRAWN].count('name="note"') == 1


def test_a_blank_reason_is_refused_under_its_own_box_only(client, received, office_staff):
    client.force_login(office_staff)
    typed = "  \n  "
    response = client.post(
        reverse("dossiers:transition", args=[received.pk]), {"to": S.RETURNED, "version": received.version, "note": typed}
    )
    assert response.status_code == 200  # the page again, not a redirect
    forms = _forms(response.content.decode())
    returned, consulting = forms[S.RETURNED], forms[S.CONSULTING]
    assert "is-invalid" in returned and "Hãy ghi nội dung (lý do, yêu cầu) cho thao tác này." in returned
    assert f'aria-describedby="note-error-{S.RETURNED}">{typed}</textarea>' in returned
    assert "is-invalid" not in consulting and "></textarea>" in consulting  # the other box: untouched, empty
    received.refresh_from_db()
    assert received.status == S.RECEIVED


def test_a_reason_given_moves_the_dossier(client, received, office_staff):
    client.force_login(office_staff)
    response = client.post(
        reverse("dossiers:transition", args=[received.pk]),
        {"to": S.RETURNED, "version": received.version, "note": "Bổ sung biên bản họp bình xét."},
    )
    assert response.status_code == 302
    received.refresh_from_db()
    assert (received.status, received.return_reason) == (S.RETURNED, "Bổ sung biên bản họp bình xét.")
