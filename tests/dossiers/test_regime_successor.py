"""A new regime is added by the administrator as data, without code (#14): the successor of NĐ 152/2025 (whose
validity ends on 01/03/2027 in the official database) through the admin's “Tạo chế độ kế tiếp”, a rule changed,
and a dossier received from that day judged by it while one received before is not."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import AuditEntry
from dossiers.eligibility import ELIGIBLE_REASON
from dossiers.enums import CommendationKind, Verdict
from dossiers.models import AwardRound, AwardRule, Regime
from dossiers.services.workflow import _processing_days
from tests.clock import at
from tests.dossiers.test_regime_by_receipt import dossier_on, judged

D = datetime.date
pytestmark = pytest.mark.django_db
SUCCESSOR = "Luật TĐKT 2022 (sửa đổi năm 2026) và Nghị định thay thế Nghị định 152/2025/NĐ-CP"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(at(2027, 3, 5), tick=False):
        yield


@pytest.fixture
def admin(client, system_admin):
    system_admin.is_staff = system_admin.is_superuser = True
    system_admin.save()
    client.force_login(system_admin)
    return client


def regime_form(regime: Regime, **changes) -> dict:
    data = {
        "code": regime.code,
        "name": regime.name,
        "valid_from": f"{regime.valid_from:%d/%m/%Y}",
        "valid_to": f"{regime.valid_to:%d/%m/%Y}" if regime.valid_to else "",
        "introduced_by": regime.introduced_by,
        "transition": regime.transition,
        "legal_basis": regime.legal_basis,
        "cstdcs_quota_percent": f"{regime.cstdcs_quota_percent.normalize():f}",
        "min_working_months": regime.min_working_months,
        **changes,
    }
    if regime.confirmed:
        data["confirmed"] = "on"
    return data


def test_the_administrator_adds_the_successor_of_nd_152_and_it_judges_the_dossiers_received_from_its_first_day(
    admin, system_admin, unit_a, clerk_a
):
    current = Regime.objects.get(code="luat-06-2026")  # Luật 2022 as amended, with NĐ 152/2025: the latest regime
    changelist = reverse("admin:dossiers_regime_changelist")
    listed = admin.get(changelist).content.decode()
    assert "Tạo chế độ kế tiếp" in listed and "Quy định sao chép từ “Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP”" in listed

    response = admin.post(changelist, {"action": "create_successor", "_selected_action": [current.pk]})
    assert response.status_code == 302 and response.url == reverse("admin:dossiers_regime_add") + f"?copied_from={current.pk}"
    form = admin.get(response.url).content.decode()
    assert "Căn cứ Luật số 06/2026/QH16 ngày 23 tháng 4 năm 2026" in form  # the legal basis, to edit
    assert 'name="confirmed"' not in form  # copied rules await confirmation, on the regime's own page later

    basis = current.legal_basis.replace("Nghị định số 152/2025/NĐ-CP", "Nghị định số …/2027/NĐ-CP")
    data = {
        "code": "nd-thay-the-152",
        "name": SUCCESSOR,
        "valid_from": "01/03/2027",
        "introduced_by": "Nghị định thay thế Nghị định 152/2025/NĐ-CP",
        "transition": Regime.Transition.FROM_RECEIPT,
        "legal_basis": basis,
        "cstdcs_quota_percent": "15",
        "min_working_months": "6",
        "copied_from": current.pk,
    }
    response = admin.post(response.url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    successor = Regime.objects.get(code="nd-thay-the-152")
    current.refresh_from_db()
    assert current.valid_to == D(2027, 2, 28) and successor.valid_to is None
    assert successor.copied_from == current and not successor.confirmed
    assert successor.award_rules.count() == current.award_rules.count() > 0
    assert AuditEntry.objects.filter(action="regime.successor", object_id=str(successor.pk), actor=system_admin).exists()
    assert AuditEntry.objects.filter(action="regime.end", object_id=str(current.pk)).get().changes == {
        "valid_to": [None, "2027-02-28"]
    }

    # The administrator changes its rules: nine months worked, and 15 working days for a Lao động tiên tiến.
    change = reverse("admin:dossiers_regime_change", args=[successor.pk])
    response = admin.post(change, regime_form(successor, min_working_months=9, confirmed="on"))
    assert response.status_code == 302
    successor.refresh_from_db()
    assert successor.min_working_months == 9 and successor.confirmed  # checked against the new decree's text
    rule = AwardRule.objects.get(regime=successor, award__code="ldtt")
    response = admin.post(
        reverse("admin:dossiers_awardrule_change", args=[rule.pk]),
        {
            "award": rule.award_id,
            "regime": successor.pk,
            "coefficient": "0.30",
            "processing_days": "15",
            "vote_threshold_percent": "",
            "vote_denominator": rule.vote_denominator,
            "council_vote": rule.council_vote,
        },
    )
    assert response.status_code == 302
    assert AwardRule.objects.get(regime=current, award__code="ldtt").processing_days == 20  # the earlier one is untouched

    award_round = AwardRound.objects.create(name="Khen thưởng đột xuất", year=2027, commendation_kind=CommendationKind.REGULAR)
    after = dossier_on(unit_a, clerk_a, award_round, D(2027, 3, 2), months=[7])
    before = dossier_on(unit_a, clerk_a, award_round, D(2027, 2, 26), months=[7])
    (judged_after,) = judged(after, D(2027, 3, 5))
    (judged_before,) = judged(before, D(2027, 3, 5))
    assert (judged_after.verdict, judged_after.verdict_reasons) == (
        Verdict.INELIGIBLE,
        ["Thời gian công tác trong năm 7 tháng, dưới 09 tháng."],
    )
    # Received before: the earlier regime, and no choice, since the successor applies only from its own first day.
    assert (judged_before.verdict, judged_before.verdict_reasons) == (Verdict.ELIGIBLE, [ELIGIBLE_REASON])
    assert _processing_days(after, D(2027, 3, 2)) == 15 and _processing_days(before, D(2027, 2, 26)) == 20


def test_a_successor_must_follow_the_latest_regime_and_begin_after_it(admin):
    changelist = reverse("admin:dossiers_regime_changelist")
    followed = Regime.objects.get(code="nd-152-2025")
    page = admin.post(changelist, {"action": "create_successor", "_selected_action": [followed.pk]}, follow=True)
    assert "đã có chế độ sau nó (“Luật TĐKT 2022 (sửa đổi năm 2026) và Nghị định 152/2025/NĐ-CP”, từ ngày 01/10/2026)" in (
        page.content.decode()
    )

    current = Regime.objects.get(code="luat-06-2026")
    add = reverse("admin:dossiers_regime_add") + f"?copied_from={current.pk}"
    data = regime_form(current, code="som-hon", name="Chế độ bắt đầu sớm hơn", valid_from="01/09/2026", copied_from=current.pk)
    response = admin.post(add, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chế độ kế tiếp phải bắt đầu sau ngày 01/10/2026" in body and 'value="Chế độ bắt đầu sớm hơn"' in body
    assert not Regime.objects.filter(code="som-hon").exists()
    current.refresh_from_db()
    assert current.valid_to is None
