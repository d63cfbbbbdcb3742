"""The law that governs a dossier follows its receipt date (#14; domain.md §0): Luật 06/2026/QH16 amends the law
from 01/10/2026, and a dossier received before that day stays under the 2022 law unless the new rule is more
favourable to the nominee. The content of the new law is not known, so each test gives its regime the rule it
needs (a stricter or a milder minimum of months worked) as an administrator would."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers import services
from dossiers.catalogue_seed import LAW_2022, LAW_2026, ND_152, complete_catalogue
from dossiers.eligibility import ELIGIBLE_REASON
from dossiers.enums import CommendationKind, Subject, TaskRating, Verdict
from dossiers.enums import DossierStatus as S
from dossiers.models import AwardRound, AwardRule, AwardType, Dossier, Nominee, Regime
from dossiers.services.verdicts import eligibility_refresh
from tests.clock import at

D = datetime.date
pytestmark = pytest.mark.django_db

OLD = "Luật TĐKT 2022 và Nghị định 152/2025/NĐ-CP"
NEW = "Luật TĐKT 2022 (sửa đổi năm 2026) và Nghị định 152/2025/NĐ-CP"
KEPT = (
    "Áp dụng " + OLD + ": hồ sơ {how} ngày {day}, trước ngày Luật 06/2026/QH16 có hiệu lực (01/10/2026); "
    "quy định mới không có lợi hơn."
)
SWITCHED = (
    "Áp dụng " + NEW + ": hồ sơ tiếp nhận ngày {day}, trước ngày Luật 06/2026/QH16 có hiệu lực (01/10/2026), "
    "nhưng quy định mới có lợi hơn cho người được đề nghị."
)


def law_2026(**rules) -> None:
    """The administrator's reading of Luật 06/2026 (its rules are copied from NĐ 152 until someone checks them)."""
    Regime.objects.filter(code="luat-06-2026").update(**rules)


@pytest.fixture
def award_round(db):
    return AwardRound.objects.create(name="Tổng kết năm 2026", year=2026, commendation_kind=CommendationKind.REGULAR)


def dossier_on(unit, clerk, award_round, day: D, *, months=(7,), received=True) -> Dossier:
    """A dossier sent (and, when `received`, received) on `day`, with one LĐTT nominee per entry of `months`."""
    moment = at(day.year, day.month, day.day, 10)
    dossier = Dossier.objects.create(
        unit=unit,
        round=award_round,
        commendation_kind=CommendationKind.REGULAR,
        title="Đề nghị khen thưởng năm 2026",
        created_by=clerk,
        status=S.RECEIVED if received else S.SUBMITTED,
        submitted_at=moment,
        received_at=moment if received else None,
    )
    ldtt = AwardType.objects.get(code="ldtt")
    Nominee.objects.bulk_create(
        Nominee(
            dossier=dossier,
            subject=Subject.INDIVIDUAL,
            award=ldtt,
            full_name=f"Lò Văn {chr(65 + i % 26)} {i}",
            gender="nam",
            date_of_birth=D(1985, 3, 12),
            task_rating=TaskRating.GOOD,
            months_worked=worked,
        )
        for i, worked in enumerate(months)
    )
    return dossier


def judged(dossier: Dossier, on: D) -> list[Nominee]:
    with time_machine.travel(at(on.year, on.month, on.day, 9), tick=False):
        eligibility_refresh(dossier=dossier)
    return list(dossier.nominees.order_by("pk"))


def test_the_catalogue_holds_luat_06_2026_with_nd_152s_rules_copied_and_unconfirmed():
    new, old = Regime.objects.get(code="luat-06-2026"), Regime.objects.get(code="nd-152-2025")
    assert (new.valid_from, new.valid_to, old.valid_to) == (D(2026, 10, 1), None, D(2026, 9, 30))
    assert new.transition == Regime.Transition.IF_FAVOURABLE and new.introduced_by == "Luật 06/2026/QH16"
    assert not new.confirmed and new.copied_from == old and old.confirmed
    assert new.legal_basis.splitlines() == [LAW_2022, LAW_2026, ND_152]  # the law, the law amending it, the decree
    assert "ngày 23 tháng 4 năm 2026" in LAW_2026

    def rules(regime):
        return set(
            AwardRule.objects.filter(regime=regime).values_list(
                "award__code", "coefficient", "processing_days", "vote_threshold_percent", "vote_denominator", "council_vote"
            )
        )

    assert len(rules(new)) == AwardType.objects.count() and rules(new) == rules(old)
    assert Regime.for_date(D(2026, 9, 30)) == old and Regime.for_date(D(2026, 10, 1)) == new


def test_completing_the_catalogue_again_keeps_the_administrators_edits_and_restores_a_missing_regime():
    def get_model(name):
        return apps.get_model("dossiers", name)

    law_2026(min_working_months=5, name="Luật sửa đổi 2026 (đã đối chiếu)")
    assert complete_catalogue(get_model) is False
    assert Regime.objects.get(code="luat-06-2026").min_working_months == 5
    assert Regime.objects.filter(name="Luật sửa đổi 2026 (đã đối chiếu)").count() == 1

    Regime.objects.filter(code="luat-06-2026").delete()
    Regime.objects.filter(code="nd-152-2025").update(valid_to=None)
    assert complete_catalogue(get_model) is True
    assert Regime.objects.get(code="luat-06-2026").award_rules.count() == AwardType.objects.count()
    assert Regime.objects.get(code="nd-152-2025").valid_to == D(2026, 9, 30)


@pytest.mark.parametrize(
    ("received_on", "verdict", "reasons"),
    [
        # Received the day before the law changed: the 2022 law (6 months) governs; the stricter new one is not applied.
        (D(2026, 9, 30), Verdict.ELIGIBLE, [KEPT.format(how="tiếp nhận", day="30/09/2026"), ELIGIBLE_REASON]),
        # Received on its first day: the new law governs alone, and says nothing of the old one.
        (D(2026, 10, 1), Verdict.INELIGIBLE, ["Thời gian công tác trong năm 7 tháng, dưới 09 tháng."]),
    ],
)
def test_the_receipt_date_chooses_the_law(unit_a, clerk_a, award_round, received_on, verdict, reasons):
    law_2026(min_working_months=9)  # stricter: not more favourable to anyone
    (nominee,) = judged(dossier_on(unit_a, clerk_a, award_round, received_on, months=[7]), D(2026, 10, 5))
    assert (nominee.verdict, nominee.verdict_reasons) == (verdict, reasons)


def test_a_more_favourable_new_rule_is_applied_to_a_dossier_received_before_it(unit_a, clerk_a, award_round):
    law_2026(min_working_months=5)  # milder: five months now suffice
    five, twelve = judged(dossier_on(unit_a, clerk_a, award_round, D(2026, 9, 25), months=[5, 12]), D(2026, 10, 5))
    assert five.verdict == Verdict.ELIGIBLE
    assert five.verdict_reasons == [
        SWITCHED.format(day="25/09/2026"),
        ELIGIBLE_REASON,
        f"Theo {OLD}: không đủ điều kiện (Thời gian công tác trong năm 5 tháng, dưới 06 tháng).",
    ]
    # Eligible under both: not more favourable, so the law of the receipt date stays.
    assert twelve.verdict == Verdict.ELIGIBLE
    assert twelve.verdict_reasons == [KEPT.format(how="tiếp nhận", day="25/09/2026"), ELIGIBLE_REASON]


def test_before_the_new_law_is_in_force_only_the_old_one_judges(unit_a, clerk_a, award_round):
    law_2026(min_working_months=5)
    dossier = dossier_on(unit_a, clerk_a, award_round, D(2026, 9, 25), months=[5])
    (nominee,) = judged(dossier, D(2026, 9, 28))
    assert nominee.verdict == Verdict.INELIGIBLE
    assert nominee.verdict_reasons == ["Thời gian công tác trong năm 5 tháng, dưới 06 tháng."]
    (nominee,) = judged(dossier, D(2026, 10, 2))  # judged again once it is: the new rule helps
    assert nominee.verdict == Verdict.ELIGIBLE and nominee.verdict_reasons[0] == SWITCHED.format(day="25/09/2026")


def test_a_dossier_sent_but_not_yet_received_is_judged_by_the_day_it_was_sent(unit_a, clerk_a, award_round):
    law_2026(min_working_months=9)
    dossier = dossier_on(unit_a, clerk_a, award_round, D(2026, 9, 30), months=[7], received=False)
    (nominee,) = judged(dossier, D(2026, 10, 5))
    assert nominee.verdict_reasons == [KEPT.format(how="gửi", day="30/09/2026"), ELIGIBLE_REASON]


def test_a_draft_is_judged_by_the_law_of_today(unit_a, clerk_a, award_round):
    law_2026(min_working_months=9)
    dossier = dossier_on(unit_a, clerk_a, award_round, D(2026, 9, 30), months=[7], received=False)
    Dossier.objects.filter(pk=dossier.pk).update(status=S.DRAFT, submitted_at=None)
    dossier.refresh_from_db()
    (nominee,) = judged(dossier, D(2026, 9, 30))
    assert nominee.verdict == Verdict.ELIGIBLE
    (nominee,) = judged(dossier, D(2026, 10, 1))
    assert nominee.verdict_reasons == ["Thời gian công tác trong năm 7 tháng, dưới 09 tháng."]


@pytest.mark.parametrize(
    ("received_on", "verdict"),
    [(None, Verdict.INELIGIBLE), (D(2026, 9, 30), Verdict.ELIGIBLE)],
    ids=["received-today-01-10", "recorded-as-received-30-09"],
)
def test_receiving_a_dossier_judges_it_again_by_its_receipt_date(complete_draft, clerk_a, office_staff, received_on, verdict):
    """Sent on 30/09/2026, judged then by the 2022 law; received on 01/10/2026 it falls under the new one, unless the
    office records that it was received (on paper) on 30/09."""
    law_2026(min_working_months=9)
    Nominee.objects.filter(dossier=complete_draft).update(months_worked=7)
    with time_machine.travel(at(2026, 9, 30, 15), tick=False):
        services.dossier_transition(complete_draft, to=S.SUBMITTED, by=clerk_a)
    assert complete_draft.nominees.get().verdict == Verdict.ELIGIBLE
    with time_machine.travel(at(2026, 10, 1, 9), tick=False):
        services.dossier_transition(complete_draft, to=S.RECEIVED, by=office_staff, received_on=received_on)
    nominee = complete_draft.nominees.get()
    assert nominee.verdict == verdict
    if received_on:
        assert nominee.verdict_reasons[0] == KEPT.format(how="tiếp nhận", day="30/09/2026")
    else:
        assert nominee.verdict_reasons == ["Thời gian công tác trong năm 7 tháng, dưới 09 tháng."]


def test_judging_under_two_laws_keeps_a_fixed_number_of_queries(unit_a, clerk_a, award_round):
    law_2026(min_working_months=5)
    counts = []
    for size, received_on, switched in ((2, D(2026, 9, 25), 1), (60, D(2026, 9, 25), 30), (60, D(2026, 10, 1), 0)):
        dossier = dossier_on(unit_a, clerk_a, award_round, received_on, months=[5, 12] * (size // 2))
        with time_machine.travel(at(2026, 10, 5), tick=False), CaptureQueriesContext(connection) as queries:
            eligibility_refresh(dossier=dossier)
        counts.append(len(queries))
        assert dossier.nominees.filter(verdict_reasons__0=SWITCHED.format(day="25/09/2026")).count() == switched
    # the unit's sibling dossiers, the nominees, the regimes (all at once), the authority, the attachments, the
    # required components, the unit's counts, the one bulk update: for 2 nominees or 60, under one law or two
    assert counts == [8, 8, 8]


def test_the_office_sees_which_law_was_applied_and_why(client, office_staff, unit_a, clerk_a, award_round):
    law_2026(min_working_months=5)
    dossier = dossier_on(unit_a, clerk_a, award_round, D(2026, 9, 25), months=[5])
    judged(dossier, D(2026, 10, 5))
    client.force_login(office_staff)
    with time_machine.travel(at(2026, 10, 5), tick=False):
        page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert SWITCHED.format(day="25/09/2026") in page
    assert f"Theo {OLD}: không đủ điều kiện (Thời gian công tác trong năm 5 tháng, dưới 06 tháng)." in page
