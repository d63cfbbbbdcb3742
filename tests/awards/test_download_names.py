"""#14: the council's and decisions' documents download under names a person recognises, in Vietnamese as
browsers read them (RFC 6266 `filename*`, an ASCII `filename` for the rest)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from awards import decisions
from awards.models import Decision
from tests.core.downloads import download_name

from .test_decision_issue import CLOSED_AT, TODAY, closed, draft  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _get(client, user, url):
    client.force_login(user)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_the_draft_and_the_issued_decision_and_its_payout_name_the_decision(client, draft, office_staff):  # noqa: F811
    assert download_name(_get(client, office_staff, reverse("awards:decision_draft_pdf", args=[draft.pk])), inline=True) == (
        "Dự thảo quyết định.pdf"
    )
    with time_machine.travel(TODAY, tick=False):
        decision = decisions.decision_issue(by=office_staff, decision=draft, date=datetime.date(2025, 1, 15), signer="tm")
    assert decision.number == "01/QĐ-UBND"
    issued = _get(client, office_staff, reverse("awards:decision_pdf", args=[decision.pk]))
    assert download_name(issued, inline=True) == "Quyết định 01-QĐ-UBND.pdf"
    assert 'filename="Quyet dinh 01-QD-UBND.pdf"' in issued["Content-Disposition"]
    payout = _get(client, office_staff, reverse("awards:payout_pdf", args=[decision.pk]))
    assert download_name(payout, inline=True) == "Danh sách chi thưởng 01-QĐ-UBND.pdf"


def test_a_proposal_upward_is_called_a_to_trinh(client, closed, office_staff):  # noqa: F811
    with time_machine.travel(TODAY, tick=False):
        drafts = decisions.decisions_draft(by=office_staff, award_round=closed.items.first().nominee.dossier.round)
    proposal = next(d for d in drafts if d.kind == Decision.Kind.PROPOSAL)
    response = _get(client, office_staff, reverse("awards:decision_draft_pdf", args=[proposal.pk]))
    assert download_name(response, inline=True) == "Dự thảo tờ trình.pdf"


def test_the_minutes_are_named_by_the_meeting_day(client, closed, secretary):  # noqa: F811
    response = _get(client, secretary, reverse("awards:minutes", args=[closed.pk]))
    assert download_name(response, inline=True) == "Biên bản họp Hội đồng 10-01-2025.pdf"
    assert closed.starts_at.date() == CLOSED_AT.date()


def test_the_batch_print_is_named_by_its_decision(client, draft, office_staff, django_capture_on_commit_callbacks):  # noqa: F811
    with time_machine.travel(TODAY, tick=False):
        decision = decisions.decision_issue(by=office_staff, decision=draft, date=datetime.date(2025, 1, 15), signer="tm")
        with django_capture_on_commit_callbacks(execute=True):
            job = decisions.print_job_start(by=office_staff, decision=decision, blank_form=False)
    response = _get(client, office_staff, reverse("awards:print_job_download", args=[job.pk]))
    assert download_name(response, inline=True) == "Giấy khen theo quyết định 01-QĐ-UBND.pdf"
