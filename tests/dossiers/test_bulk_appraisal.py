"""The appraisal table: every nominee's verdict and note in one save (#14)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEntry
from dossiers import services
from dossiers.enums import DossierStatus as S
from dossiers.enums import Verdict
from dossiers.services.results import appraisal_seen

from .conftest import add_person

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]


def received(dossier, clerk, office, ldtt, names=NAMES[1:]):
    for name in names:
        add_person(clerk, dossier, ldtt, full_name=name)
    dossier.refresh_from_db()
    services.dossier_transition(dossier, to=S.SUBMITTED, by=clerk)
    services.dossier_transition(dossier, to=S.RECEIVED, by=office)
    return list(dossier.nominees.order_by("sort_order", "id"))


def table(nominees, rows):
    """The POST of the appraisal table as the page draws it, with `rows` {index: (verdict, note)} typed."""
    data = {}
    for i, n in enumerate(nominees):
        verdict, note = rows.get(i, ("", ""))
        data.update({f"{n.pk}-verdict": verdict, f"{n.pk}-note": note, f"{n.pk}-seen": appraisal_seen(n)})
    return data


@pytest.fixture
def appraising(complete_draft, clerk_a, office_staff, ldtt):
    return complete_draft, received(complete_draft, clerk_a, office_staff, ldtt)


def test_one_save_appraises_every_row(client, office_staff, appraising):
    dossier, nominees = appraising
    client.force_login(office_staff)
    rows = {
        0: (Verdict.ELIGIBLE, ""),
        1: (Verdict.INELIGIBLE, "Chưa đủ 10 tháng công tác."),
        2: (Verdict.CHECK, "Xác minh kỷ luật."),
    }
    before = AuditEntry.objects.count()
    response = client.post(reverse("dossiers:appraisal_save", args=[dossier.pk]), table(nominees, rows), follow=True)
    assert response.redirect_chain[-1][0].endswith("#tham-dinh")
    assert "Đã lưu kết luận thẩm định của 3 người, tập thể." in response.content.decode()
    stored = {n.pk: (n.appraisal_verdict, n.appraisal_note) for n in dossier.nominees.all()}
    assert stored == {n.pk: rows[i] for i, n in enumerate(nominees)}
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "nominee_appraise" and "Trần Thị Bình: Không đủ điều kiện" in entry.note
    # A second click of the same save changes nothing and records nothing.
    response = client.post(reverse("dossiers:appraisal_save", args=[dossier.pk]), table(nominees, rows), follow=True)
    assert "Không có kết luận nào thay đổi." in response.content.decode()
    assert AuditEntry.objects.count() == before + 1


def test_a_row_without_its_reason_keeps_every_row_as_typed(client, office_staff, appraising):
    dossier, nominees = appraising
    client.force_login(office_staff)
    rows = {0: (Verdict.ELIGIBLE, "Đạt."), 1: (Verdict.INELIGIBLE, ""), 2: (Verdict.CHECK, "Xác minh kỷ luật.")}
    response = client.post(reverse("dossiers:appraisal_save", args=[dossier.pk]), table(nominees, rows))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dòng 2 (Trần Thị Bình): Hãy ghi lý do khi kết luận không đủ hoặc cần kiểm tra." in body
    assert 'value="Đạt."' in body and 'value="Xác minh kỷ luật."' in body
    assert f'<option value="{Verdict.CHECK}" selected>' in body
    assert not dossier.nominees.exclude(appraisal_verdict="").exists()  # all or nothing


def test_a_row_recorded_meanwhile_is_not_overwritten(client, office_staff, appraising):
    dossier, nominees = appraising
    drawn = table(nominees, {0: (Verdict.ELIGIBLE, ""), 1: (Verdict.ELIGIBLE, "")})
    # A colleague records the second row after the page was drawn.
    services.nominee_appraise(by=office_staff, nominee=nominees[1], verdict=Verdict.INELIGIBLE, note="Bị kỷ luật khiển trách.")
    client.force_login(office_staff)
    response = client.post(reverse("dossiers:appraisal_save", args=[dossier.pk]), drawn)
    body = response.content.decode()
    assert "Dòng 2 (Trần Thị Bình): người khác vừa ghi kết luận “Không đủ điều kiện” (Bị kỷ luật khiển trách.)" in body
    nominees[1].refresh_from_db()
    assert nominees[1].appraisal_verdict == Verdict.INELIGIBLE
    assert dossier.nominees.filter(appraisal_verdict=Verdict.ELIGIBLE).count() == 0


def test_htmx_save_draws_the_table_in_place(client, office_staff, appraising):
    dossier, nominees = appraising
    client.force_login(office_staff)
    response = client.post(
        reverse("dossiers:appraisal_save", args=[dossier.pk]),
        table(nominees, {0: (Verdict.ELIGIBLE, "")}),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div class="card panel-card mb-3" id="nguoi-duoc-de-nghi">')
    assert "Đã lưu kết luận thẩm định của 1 người, tập thể." in body
    assert "<html" not in body
    # The message was shown in place: the next page does not repeat it.
    assert "Đã lưu kết luận" not in client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()


def test_only_the_office_appraises(client, clerk_a, appraising):
    dossier, nominees = appraising
    client.force_login(clerk_a)
    client.post(reverse("dossiers:appraisal_save", args=[dossier.pk]), table(nominees, {0: (Verdict.ELIGIBLE, "")}))
    assert not dossier.nominees.exclude(appraisal_verdict="").exists()


def test_a_rows_own_button_saves_that_row_alone(client, office_staff, appraising):
    dossier, nominees = appraising
    client.force_login(office_staff)
    data = table(nominees, {0: (Verdict.ELIGIBLE, "Đạt."), 1: (Verdict.ELIGIBLE, "")})
    client.post(reverse("dossiers:nominee_appraise", args=[dossier.pk, nominees[0].pk]), data)
    assert [n.appraisal_verdict for n in dossier.nominees.order_by("sort_order", "id")] == [Verdict.ELIGIBLE, "", ""]


def test_the_appraisal_page_keeps_its_query_count(
    client, office_staff, complete_draft, clerk_a, ldtt, django_assert_max_num_queries
):
    received(complete_draft, clerk_a, office_staff, ldtt, names=[])
    client.force_login(office_staff)
    url = reverse("dossiers:detail", args=[complete_draft.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    one = len(few.captured_queries)  # read now: the next request empties the connection's log
    # The same dossier with twelve more nominees costs no more queries.
    dossier = complete_draft
    services.dossier_transition(dossier, to=S.RETURNED, by=office_staff, note="Bổ sung")
    for i in range(12):
        add_person(clerk_a, dossier, ldtt, full_name=f"Người bổ sung {i}")
    dossier.refresh_from_db()
    services.dossier_transition(dossier, to=S.RECEIVED, by=clerk_a)
    client.get(url)
    assert 0 < one < 40
    with django_assert_max_num_queries(one):
        response = client.get(url)
    body = response.content.decode()
    assert body.count("Lưu kết luận thẩm định") == 2 and body.count('name="') > 13 * 3
