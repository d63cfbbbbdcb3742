"""#14, smaller defects of cluster scoring: the head's own card goes to its deputy (or the office without one) and
its page says so; the ranking ranks sent cards only and lists unsent ones apart; an over-cap figure is marked in
its box and kept, not saved; score boxes take a decimal comma and a numeric keyboard; the page carries what
static/js/scorecard.js needs to recompute the totals as the user types."""

import re
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters import selectors, services
from clusters.enums import CardStatus
from clusters.models import EmulationGroup
from notifications.models import Notification

from .conftest import FULL, card_of, ids, pdf, review, self_score


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def _post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data, follow=True)


def _card_url(card):
    return reverse("clusters:card_detail", args=[card.pk])


def _box(body, name):
    """The <input> tag of one score box."""
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', body)
    assert match, name
    return match.group(0)


# --- The head's own card ------------------------------------------------------------------------


def test_the_heads_own_card_is_appraised_by_the_deputy_and_a_members_by_the_head(open_sheet, unit_a, unit_c):
    assert selectors.card_reviewer(card_of(open_sheet, unit_a)) == "deputy"
    assert selectors.card_reviewer(card_of(open_sheet, unit_c)) == "head"


def test_the_heads_own_card_page_offers_sending_to_the_deputy(client, clerk_a, open_sheet, unit_a):
    body = _get(client, clerk_a, _card_url(card_of(open_sheet, unit_a))).content.decode()
    button = re.search(r'<button[^>]*id="card-submit"[^>]*>\s*(.*?)</button>', body, re.S).group(1).strip()
    assert button == "Gửi phó trưởng cụm, khối"
    assert "Gửi trưởng cụm, khối" not in body
    assert "phiếu gửi phó trưởng cụm, khối thẩm định" in body


def test_a_members_card_page_still_sends_to_the_head(client, clerk_c, open_sheet, unit_c):
    body = _get(client, clerk_c, _card_url(card_of(open_sheet, unit_c))).content.decode()
    button = re.search(r'<button[^>]*id="card-submit"[^>]*>\s*(.*?)</button>', body, re.S).group(1).strip()
    assert button == "Gửi trưởng cụm, khối"
    assert 'id="reviewer-note"' not in body


def test_sending_the_heads_own_card_tells_the_deputy_not_the_head(client, clerk_a, clerk_b, open_sheet, unit_a):
    card = self_score(clerk_a, open_sheet, unit_a, FULL)
    assert card.status == CardStatus.SUBMITTED
    to_deputy = Notification.objects.get(recipient=clerk_b, title=f"{unit_a.name} đã gửi phiếu tự chấm điểm")
    assert "đề nghị phó trưởng cụm, khối thẩm định" in to_deputy.body
    assert not Notification.objects.filter(recipient=clerk_a, title__endswith="đã gửi phiếu tự chấm điểm").exists()
    body = _get(client, clerk_a, _card_url(card)).content.decode()
    assert '<span class="badge text-bg-info fs-6" id="card-status">Đã gửi phó trưởng cụm, khối</span>' in body


def test_submitting_the_heads_own_card_says_where_it_went(client, clerk_a, open_sheet, unit_a):
    card = card_of(open_sheet, unit_a)
    code = ids(open_sheet)
    services.card_self_score(
        by=clerk_a, card=card, expected_version=card.version, entries={code[c]: (p, "") for c, p in FULL.items()}
    )
    services.evidence_add(by=clerk_a, line=card.lines.get(criterion_id=code["1"]), upload=pdf())
    card = card_of(open_sheet, unit_a)
    response = _post(client, clerk_a, reverse("clusters:card_submit", args=[card.pk]), {"version": card.version})
    assert "Đã gửi phiếu tự chấm điểm đến phó trưởng cụm, khối." in response.content.decode()


def test_without_a_deputy_the_heads_own_card_goes_to_the_office(client, office_staff, clerk_a, open_sheet, unit_a):
    EmulationGroup.objects.filter(pk=open_sheet.group_id).update(deputy=None)
    body = _get(client, clerk_a, _card_url(card_of(open_sheet, unit_a))).content.decode()
    assert "Gửi cơ quan thường trực" in body
    self_score(clerk_a, open_sheet, unit_a, FULL)
    notice = Notification.objects.get(recipient=office_staff, title=f"{unit_a.name} đã gửi phiếu tự chấm điểm")
    assert "đề nghị cơ quan thường trực thẩm định" in notice.body
    assert office_staff.has_perm("clusters.review_card", card_of(open_sheet, unit_a))


def test_the_deputys_appraisal_of_the_heads_card_is_named_as_the_deputys(client, clerk_a, clerk_b, open_sheet, unit_a):
    self_score(clerk_a, open_sheet, unit_a, FULL)
    page = _get(client, clerk_b, _card_url(card_of(open_sheet, unit_a))).content.decode()
    assert "Phó trưởng cụm chấm" in page
    assert 'aria-label="Phó trưởng cụm chấm mục 4"' in page
    review(clerk_b, open_sheet, unit_a)
    assert Notification.objects.filter(recipient=clerk_a, title="Phó trưởng cụm, khối đã thẩm định phiếu chấm điểm").exists()


def test_the_deputy_opens_the_heads_card_once_sent_never_its_draft(client, clerk_a, clerk_b, open_sheet, unit_a):
    card = card_of(open_sheet, unit_a)
    group_url = reverse("clusters:group_detail", args=[open_sheet.group_id])
    assert _get(client, clerk_b, _card_url(card)).status_code == 404
    assert _card_url(card) not in _get(client, clerk_b, group_url).content.decode()
    self_score(clerk_a, open_sheet, unit_a, FULL)
    assert _get(client, clerk_b, _card_url(card)).status_code == 200
    group_page = _get(client, clerk_b, group_url).content.decode()
    assert _card_url(card) in group_page
    assert f"{unit_a.name}</a></td><td>Đã gửi phó trưởng cụm, khối</td>" in group_page


# --- The ranking --------------------------------------------------------------------------------


def test_an_unsent_draft_is_not_ranked_but_listed_apart(client, clerk_a, clerk_c, open_sheet, unit_a, unit_b, unit_c):
    # The head scores itself in full but does not send; unit_c sends a lower score.
    card = card_of(open_sheet, unit_a)
    code = ids(open_sheet)
    services.card_self_score(
        by=clerk_a, card=card, expected_version=card.version, entries={code[c]: (p, "") for c, p in FULL.items()}
    )
    self_score(clerk_c, open_sheet, unit_c, {**FULL, "4": 50})
    assert [(r.rank, r.name, r.total) for r in selectors.ranking_for(sheet=open_sheet)] == [(1, unit_c.name, D(80))]
    assert [c.unit.name for c in selectors.unsent_cards(sheet=open_sheet)] == sorted([unit_a.name, unit_b.name])
    body = _get(client, clerk_a, reverse("clusters:ranking", args=[open_sheet.group_id])).content.decode()
    table = body[body.index('id="ranking-table"') : body.index("</table>")]
    assert unit_c.name in table and unit_a.name not in table and unit_b.name not in table
    unsent = body[body.index('id="unsent-cards"') :]
    assert "Chưa gửi phiếu chấm điểm (không xếp hạng)" in unsent
    assert unit_a.name in unsent and unit_b.name in unsent


def test_the_ranking_page_reads_a_fixed_number_of_queries(client, office_staff, clerk_c, open_sheet, unit_c):
    url = reverse("clusters:ranking", args=[open_sheet.group_id])
    client.force_login(office_staff)
    client.get(url)
    with CaptureQueriesContext(connection) as none_sent:
        assert client.get(url).status_code == 200
    self_score(clerk_c, open_sheet, unit_c, FULL)
    with CaptureQueriesContext(connection) as one_sent:
        assert client.get(url).status_code == 200
    assert len(one_sent) == len(none_sent)


# --- Score boxes --------------------------------------------------------------------------------


def test_an_over_cap_figure_is_marked_in_its_box_kept_and_not_saved(client, clerk_c, open_sheet, unit_c):
    card = card_of(open_sheet, unit_c)
    code = ids(open_sheet)
    response = _post(
        client,
        clerk_c,
        reverse("clusters:card_save", args=[card.pk]),
        {"version": card.version, f"p-{code['1']}": "12", f"p-{code['2']}": "7,5"},
    )
    body = response.content.decode()
    box = _box(body, f"p-{code['1']}")
    assert "is-invalid" in box and 'aria-invalid="true"' in box and 'value="12"' in box
    assert f'<div class="invalid-feedback" id="p-{code["1"]}-error">Vượt điểm tối đa: mục 1 tối đa 10 điểm.</div>' in body
    assert "is-invalid" not in _box(body, f"p-{code['2']}")
    assert 'value="7,5"' in _box(body, f"p-{code['2']}")
    lines = dict(card_of(open_sheet, unit_c).lines.values_list("criterion_id", "self_points"))
    assert lines[code["1"]] is None and lines[code["2"]] is None  # refused as a whole: nothing trimmed or saved


def test_a_figure_that_is_not_a_number_is_marked_in_its_box(client, clerk_c, open_sheet, unit_c):
    card = card_of(open_sheet, unit_c)
    code = ids(open_sheet)
    body = _post(
        client, clerk_c, reverse("clusters:card_save", args=[card.pk]), {"version": card.version, f"p-{code['3']}": "mười"}
    ).content.decode()
    assert "is-invalid" in _box(body, f"p-{code['3']}")
    assert "Điểm mục 3 phải là một số." in body


def test_the_heads_over_cap_appraisal_is_marked_too(client, clerk_a, clerk_c, open_sheet, unit_c):
    card = self_score(clerk_c, open_sheet, unit_c, FULL)
    code = ids(open_sheet)
    body = _post(
        client,
        clerk_a,
        reverse("clusters:card_review", args=[card.pk]),
        {"version": card.version, f"p-{code['4']}": "75", f"r-{code['4']}": "Vượt chỉ tiêu"},
    ).content.decode()
    box = _box(body, f"p-{code['4']}")
    assert "is-invalid" in box and 'value="75"' in box
    assert "Vượt điểm tối đa: mục 4 tối đa 70 điểm." in body
    assert card_of(open_sheet, unit_c).status == CardStatus.SUBMITTED


def test_a_decimal_comma_is_saved(client, clerk_c, open_sheet, unit_c):
    card = card_of(open_sheet, unit_c)
    code = ids(open_sheet)
    _post(client, clerk_c, reverse("clusters:card_save", args=[card.pk]), {"version": card.version, f"p-{code['2']}": "7,5"})
    assert card_of(open_sheet, unit_c).lines.get(criterion_id=code["2"]).self_points == D("7.5")
    body = _get(client, clerk_c, _card_url(card)).content.decode()
    assert 'value="7,5">' in _box(body, f"p-{code['2']}")
    assert 'value="">' in _box(body, f"p-{code['1']}")


def test_the_card_page_carries_what_the_live_totals_need(client, clerk_c, open_sheet, unit_c):
    card = card_of(open_sheet, unit_c)
    code = ids(open_sheet)
    body = _get(client, clerk_c, _card_url(card)).content.decode()
    for name in ("1", "4", "8", "12"):
        box = _box(body, f"p-{code[name]}")
        assert 'inputmode="decimal"' in box and "data-points" in box
    assert 'data-scorecard="self"' in body
    assert 'data-over-cap="Vượt điểm tối đa: tối đa %(max)s điểm."' in body
    four = open_sheet.criteria.get(code="4")
    assert f'data-criterion="{four.pk}" data-parent="{four.parent_id}" data-kind="tieu_chi"' in body
    assert 'data-max="70.00" data-max-text="70"' in body
    for total in ("card-self-total", "card-base", "card-bonus", "card-penalty", "card-total"):
        assert f'id="{total}"' in body
    assert '<script src="/static/js/scorecard.js"></script>' in body
    # The explanation has a column of its own, wide enough to read (it was squeezed under the figure).
    assert '<th style="min-width:16rem">Giải trình</th>' in body


def test_the_card_page_of_one_who_only_reads_runs_no_live_totals(client, office_staff, clerk_c, open_sheet, unit_c):
    card = self_score(clerk_c, open_sheet, unit_c, FULL)
    body = _get(client, office_staff, _card_url(card)).content.decode()
    assert 'data-scorecard=""' in body
