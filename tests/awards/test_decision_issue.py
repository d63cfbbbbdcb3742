"""From the closed meeting to an issued decision (#14): the draft's PDF before any number, "Ban hành" asking for
confirmation with the number it would take, the decision date checked against the ballot and today."""

import datetime
import subprocess

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import decisions, services
from awards.models import Decision, Meeting
from documents.models import DocumentNumber
from documents.services import next_document_number
from dossiers.enums import DossierStatus
from dossiers.models import Dossier
from units.models import Authority

from .conftest import member

pytestmark = pytest.mark.django_db

CLOSED_AT = datetime.datetime(2025, 1, 10, 16, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
TODAY = datetime.datetime(2025, 1, 20, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def _pdf_text(data: bytes) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def closed(meeting, council, secretary, office_staff):
    """The meeting of 10/01/2025: everyone agrees, the chair closes the ballot at 16:30, the dossier has its result."""
    from dossiers.services import dossier_transition

    with time_machine.travel(CLOSED_AT, tick=False):
        services.voting_open(by=secretary, meeting=meeting)
        items = {item.nominee.full_name: item for item in meeting.items.select_related("nominee")}
        for name in ["Bùi Văn Hải", "Hoàng Văn Sơn", "Mai Văn Chiến", "Tô Thị Liên"]:
            services.ballot_cast(
                by=member(council, name).user,
                meeting=meeting,
                choices={items["Lê Văn Tùng"].pk: "dong_y"},
                list_choices={meeting.lists.get().pk: "dong_y"},
            )
        services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
        dossier = Dossier.objects.get(pk=meeting.items.first().nominee.dossier_id)
        if dossier.status != DossierStatus.DECIDED:
            dossier_transition(dossier, to=DossierStatus.DECIDED, by=office_staff)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def draft(closed, office_staff):
    Authority.objects.filter(pk=Authority.root().pk).update(place_name="Thanh Oai", level="huyen")
    with time_machine.travel(TODAY, tick=False):
        drafts = decisions.decisions_draft(by=office_staff, award_round=closed.items.first().nominee.dossier.round)
    return next(d for d in drafts if d.kind == Decision.Kind.DECISION)


def test_the_draft_pdf_is_stamped_and_takes_no_number(client, draft, office_staff):
    client.force_login(office_staff)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(reverse("awards:decision_draft_pdf", args=[draft.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    text = _pdf_text(response.content)
    assert "DỰ THẢO" in text
    assert "Số: /QĐ-UBND" in text
    assert "Thanh Oai, ngày tháng năm 2025" in text
    assert "Nguyễn Thị Hoa" in text
    assert DocumentNumber.objects.count() == 0
    draft.refresh_from_db()
    assert (draft.is_draft, draft.number) == (True, "")
    page = client.get(reverse("awards:decision", args=[draft.pk])).content.decode()
    assert reverse("awards:decision_draft_pdf", args=[draft.pk]) in page


def test_issue_asks_first_with_the_number_it_would_take(client, draft, office_staff):
    client.force_login(office_staff)
    data = {"date": "15/01/2025", "signer": "tm", "proposal_ref": ""}
    with time_machine.travel(TODAY, tick=False):
        asked = client.post(reverse("awards:decision_confirm", args=[draft.pk]), data).content.decode()
        assert 'id="issue-confirm"' in asked
        assert '<dd class="col-6" id="confirm-number">01/QĐ-UBND</dd>' in asked
        assert '<dd class="col-6" id="confirm-date">15/01/2025</dd>' in asked
        assert '<dd class="col-6" id="confirm-individuals">1</dd>' in asked
        assert '<dd class="col-6" id="confirm-collectives">0</dd>' in asked
        assert '<dd class="col-6" id="confirm-total">700.000 đồng</dd>' in asked
        assert "số có thể thay đổi" in asked
        assert DocumentNumber.objects.count() == 0  # asking takes nothing
        # Another decision takes 01 in between: asking again shows 02, and the issue takes 02.
        next_document_number(authority_id=draft.authority_id, year=2025, doc_type="QĐ", issuer_code="UBND")
        again = client.post(reverse("awards:decision_confirm", args=[draft.pk]), data).content.decode()
        assert '<dd class="col-6" id="confirm-number">02/QĐ-UBND</dd>' in again
        issued = client.post(reverse("awards:decision", args=[draft.pk]), data)
    assert issued.status_code == 302
    draft.refresh_from_db()
    assert (draft.number, draft.date) == ("02/QĐ-UBND", datetime.date(2025, 1, 15))


@pytest.mark.parametrize(
    "typed, error",
    [
        ("09/01/2025", "Ngày ban hành không được trước ngày Hội đồng kết thúc biểu quyết (10/01/2025)."),
        ("21/01/2025", "Ngày ban hành không được sau hôm nay (20/01/2025)."),
    ],
)
def test_the_decision_date_is_checked_and_the_form_keeps_it(client, draft, office_staff, typed, error):
    client.force_login(office_staff)
    with time_machine.travel(TODAY, tick=False):
        page = client.post(reverse("awards:decision_confirm", args=[draft.pk]), {"date": typed, "signer": "kt"})
        refused = client.post(reverse("awards:decision", args=[draft.pk]), {"date": typed, "signer": "kt"})
    content = page.content.decode()
    assert error in content
    assert f'value="{typed}"' in content
    assert 'id="issue-confirm"' not in content
    assert error in refused.content.decode()
    draft.refresh_from_db()
    assert draft.is_draft


def test_the_date_of_the_closing_day_is_accepted(draft, office_staff):
    with time_machine.travel(TODAY, tick=False):
        with pytest.raises(ValidationError):
            decisions.decision_issue(by=office_staff, decision=draft, date=datetime.date(2025, 1, 9), signer="tm")
        issued = decisions.decision_issue(by=office_staff, decision=draft, date=CLOSED_AT.date(), signer="tm")
    assert issued.is_issued


def test_a_date_outside_the_award_year_is_a_warning_not_a_refusal(draft):
    # The round is of 2024; a decision of January 2025 is allowed, with a warning to look again.
    with time_machine.travel(TODAY, tick=False):
        preview = decisions.issue_preview(decision=draft, date=datetime.date(2025, 1, 15))
    assert preview["warnings"] == ["Ngày ban hành 15/01/2025 không thuộc năm 2024 của đợt xét; hãy kiểm tra lại ngày."]
    assert decisions.issue_warnings(draft, datetime.date(2024, 12, 30)) == []


def test_the_closed_meeting_links_on_to_the_decisions(client, closed, office_staff, council):
    url = reverse("awards:meeting", args=[closed.pk])
    client.force_login(office_staff)
    page = client.get(url).content.decode()
    assert 'id="meeting-next"' in page
    assert "bấm “Ghi nhận kết quả”" not in page  # the dossier has its result: on to the drafts
    assert f'href="{reverse("awards:decisions")}#rounds-awaiting"' in page
    client.force_login(member(council, "Hoàng Văn Sơn").user)  # a member drafts no decisions
    assert 'id="meeting-next"' not in client.get(url).content.decode()


def test_a_closed_meeting_lists_the_dossiers_whose_result_is_not_recorded(client, meeting, council, secretary, office_staff):
    with time_machine.travel(CLOSED_AT, tick=False):
        services.voting_open(by=secretary, meeting=meeting)
        services.ballot_close(by=member(council, "Bùi Văn Hải").user, meeting=meeting)
    client.force_login(office_staff)
    page = client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()
    dossier = meeting.items.first().nominee.dossier
    assert "Để lập quyết định, bấm “Ghi nhận kết quả” ở 1 hồ sơ sau:" in page
    assert f'href="{reverse("dossiers:detail", args=[dossier.pk])}"' in page


def test_another_authoritys_office_finds_no_draft_to_preview_or_confirm(client, draft, commune_x):
    client.force_login(commune_x.office)
    assert client.get(reverse("awards:decision_draft_pdf", args=[draft.pk])).status_code == 404
    posted = client.post(reverse("awards:decision_confirm", args=[draft.pk]), {"date": "15/01/2025", "signer": "tm"})
    assert posted.status_code == 404


def test_an_open_meeting_has_no_link_on(client, meeting, office_staff):
    client.force_login(office_staff)
    assert 'id="meeting-next"' not in client.get(reverse("awards:meeting", args=[meeting.pk])).content.decode()


def test_an_empty_decisions_page_says_what_must_happen_first(client, office_staff):
    client.force_login(office_staff)
    page = client.get(reverse("awards:decisions")).content.decode()
    assert "Chưa có quyết định, tờ trình nào." in page
    assert "chủ tọa bấm “Kết thúc biểu quyết”" in page


def test_a_round_awaiting_says_where_to_draft(client, closed, office_staff):
    client.force_login(office_staff)
    page = client.get(reverse("awards:decisions")).content.decode()
    assert "bấm “Lập dự thảo theo danh hiệu” ở mục trên" in page
    assert 'id="rounds-awaiting"' in page


def test_minutes_count_voting_members_and_conclude_from_the_results(closed, council, secretary):
    from awards.documents_data import minutes_dict

    data = minutes_dict(Meeting.objects.get(pk=closed.pk))
    assert (len(data["present"]), data["members_total"]) == (4, 4)  # the secretary has no vote
    assert [m["name"] for m in data["non_voting"]] == ["Lê Thị Thư Ký"]
    assert {item["denominator"] for item in data["items"]} == {4}
    assert data["results_conclusion"] == [
        "- Lao động tiên tiến: 01 người, tập thể đạt tỷ lệ phiếu đồng ý theo quy định, đề nghị khen thưởng.",
        "- Chiến sĩ thi đua cấp tỉnh: 01 người, tập thể đạt tỷ lệ phiếu đồng ý theo quy định, đề nghị khen thưởng.",
    ]


def test_a_second_click_on_the_confirmation_issues_nothing_more(client, draft, office_staff):
    client.force_login(office_staff)
    data = {"date": "15/01/2025", "signer": "tm"}
    with time_machine.travel(TODAY, tick=False):
        first = client.post(reverse("awards:decision", args=[draft.pk]), data)
        second = client.post(reverse("awards:decision", args=[draft.pk]), data)
        asked_again = client.post(reverse("awards:decision_confirm", args=[draft.pk]), data)
    assert [first.status_code, second.status_code, asked_again.status_code] == [302, 302, 302]
    assert "Thao tác này đã được thực hiện." in client.get(second["Location"]).content.decode()
    assert DocumentNumber.objects.count() == 1
    assert Decision.objects.get(pk=draft.pk).number == "01/QĐ-UBND"


def test_the_confirmation_shows_the_warning_of_a_date_outside_the_award_year(client, draft, office_staff):
    client.force_login(office_staff)
    with time_machine.travel(TODAY, tick=False):
        asked = client.post(reverse("awards:decision_confirm", args=[draft.pk]), {"date": "15/01/2025", "signer": "tm"})
    assert "không thuộc năm 2024 của đợt xét" in asked.content.decode()
