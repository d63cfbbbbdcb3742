"""Who decides each award is catalogue rows with dates (#13 item 2): by level and day, several levels at once,
closed by a date, not by code; the kinds a commune proposes upward (cống hiến, niên hạn, đối ngoại) with the
documents their dossiers carry; the migration that turned the single column into rows."""

import datetime

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from dossiers.catalogue_seed import complete_catalogue, seed_catalogue
from dossiers.enums import CommendationKind, ComponentType, DecisionLevel, Subject
from dossiers.models import AwardDecider, AwardRound, AwardType, ComponentRequirement, Dossier, Nominee
from dossiers.selectors import missing_components

D = datetime.date


def _award(code):
    return AwardType.objects.get(code=code)


@pytest.mark.django_db
def test_decided_by_reads_the_rows_in_force_on_the_day_for_the_level():
    ldtt, cstdcs, cstd_tinh = _award("ldtt"), _award("cstdcs"), _award("cstd-tinh")
    # The district decided LĐTT throughout; the commune too since the 2022 law took effect (Điều 80 k3).
    assert ldtt.decided_by("huyen", D(2023, 12, 31)) and ldtt.decided_by("huyen", D(2026, 3, 1))
    assert not ldtt.decided_by("xa", D(2023, 12, 31))
    assert ldtt.decided_by("xa", D(2024, 1, 1))
    assert not ldtt.decided_by("tinh", D(2026, 3, 1))
    # CSTĐCS reached the commune with the abolished district's powers, a default still to be confirmed.
    assert not cstdcs.decided_by("xa", D(2025, 6, 30)) and cstdcs.decided_by("xa", D(2025, 7, 1))
    assert not cstdcs.deciders.get(level="xa").confirmed
    assert cstd_tinh.decided_by("tinh", D(2026, 3, 1)) and not cstd_tinh.decided_by("xa", D(2026, 3, 1))
    assert ldtt.levels_on(D(2026, 3, 1)) == [DecisionLevel.COMMUNE, DecisionLevel.DISTRICT]
    assert ldtt.levels_on(D(2020, 3, 1)) == [DecisionLevel.DISTRICT]


@pytest.mark.django_db
def test_a_closed_row_no_longer_decides_and_a_prefetched_award_asks_nothing(django_assert_num_queries):
    AwardDecider.objects.filter(award__code="ldtt", level="xa").update(valid_to=D(2026, 6, 30))
    ldtt = AwardType.objects.prefetch_related("deciders").get(code="ldtt")
    with django_assert_num_queries(0):
        assert ldtt.decided_by("xa", D(2026, 6, 30))
        assert not ldtt.decided_by("xa", D(2026, 7, 1))
        assert ldtt.decided_by("huyen", D(2026, 7, 1))


@pytest.mark.django_db
def test_the_catalogue_holds_the_communes_awards_and_the_national_ones_with_their_deciders():
    codes = ["gia-dinh-van-hoa", "gk-xa-tap-the", "gk-xa-ho", "huan-chuong-lao-dong-hang-ba", "huy-chuong-huu-nghi"]
    rows = {
        (d.award.code, d.level, d.valid_from, d.confirmed)
        for d in AwardDecider.objects.select_related("award").filter(award__code__in=codes)
    }
    assert rows == {
        ("gia-dinh-van-hoa", "xa", D(2024, 1, 1), True),
        ("gk-xa-tap-the", "xa", D(2017, 7, 31), False),
        ("gk-xa-ho", "xa", D(2017, 7, 31), False),
        ("huan-chuong-lao-dong-hang-ba", "trung_uong", D(2017, 7, 31), True),
        ("huy-chuong-huu-nghi", "trung_uong", D(2017, 7, 31), True),
    }
    assert _award("gia-dinh-van-hoa").subject == Subject.HOUSEHOLD
    assert _award("huan-chuong-huu-nghi").subject == Subject.COLLECTIVE
    coefficients = {r.regime.code: r.coefficient for r in _award("gk-xa-tap-the").rules.select_related("regime")}
    assert str(coefficients["nd-152-2025"]) == "0.60"
    assert str(coefficients["luat-06-2026"]) == "0.60"  # copied from NĐ 152/2025 (#14)
    assert _award("huy-chuong-chien-si-ve-vang-hang-ba").rules.count() == 4  # NĐ 91, NĐ 98, NĐ 152, Luật 06/2026
    district = AwardDecider.objects.get(award__code="ldtt", level="huyen")
    assert district.valid_to is None and "kết thúc hoạt động từ 01/7/2025" in district.legal_basis


def _dossier(kind, codes, unit, clerk):
    award_round = AwardRound.objects.create(name="Đợt xét", year=2026, commendation_kind=kind)
    dossier = Dossier.objects.create(
        unit=unit, round=award_round, commendation_kind=kind, title="Đề nghị khen thưởng", created_by=clerk
    )
    for order, code in enumerate(codes, start=1):
        Nominee.objects.create(
            dossier=dossier, subject=_award(code).subject, award=_award(code), full_name=f"Người {order}", sort_order=order
        )
    return dossier


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind, code, for_dossier, for_nominee",
    [
        (CommendationKind.LONG_SERVICE, "huan-chuong-lao-dong-hang-ba", [ComponentType.PROPOSAL], [ComponentType.SERVICE_RECORD]),
        (
            CommendationKind.SERVICE_YEARS,
            "huy-chuong-chien-si-ve-vang-hang-ba",
            [ComponentType.PROPOSAL],
            [ComponentType.SERVICE_YEARS_STATEMENT],
        ),
        (
            CommendationKind.FOREIGN,
            "huan-chuong-huu-nghi",
            [ComponentType.PROPOSAL, ComponentType.FOREIGN_AFFAIRS_OPINION],
            [ComponentType.SUMMARY_REPORT],
        ),
    ],
)
def test_the_upward_kinds_require_their_components(unit_a, clerk_a, kind, code, for_dossier, for_nominee):
    dossier = _dossier(kind, [code], unit_a, clerk_a)
    nominee = dossier.nominees.get()
    missing = missing_components(dossier)
    assert missing[None] == [str(c.label) for c in for_dossier]
    assert missing[nominee.pk] == [str(c.label) for c in for_nominee]
    assert dossier.get_commendation_kind_display() in {"Quá trình cống hiến", "Theo niên hạn", "Đối ngoại"}


@pytest.mark.django_db
def test_the_admin_shows_who_decides_today_and_what_is_unconfirmed(admin_client):
    changelist = admin_client.get(reverse("admin:dossiers_awardtype_changelist")).content.decode()
    assert "Chủ tịch UBND cấp xã" in changelist and "chưa xác nhận" in changelist
    page = admin_client.get(reverse("admin:dossiers_awardtype_change", args=[_award("gk-xa-ho").pk])).content.decode()
    assert "thẩm quyền quyết định theo thời gian" in page.lower() and "chưa xác nhận" in page


def _historical(name, state_apps):
    return state_apps.get_model("dossiers", name)


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_each_awards_level_into_a_row_and_adds_the_defaults_once():
    seed_catalogue(lambda name: apps.get_model("dossiers", name))  # a flush before this test may have emptied it
    executor = MigrationExecutor(connection)
    executor.migrate([("dossiers", "0014_award_decider")])
    old = MigrationExecutor(connection).loader.project_state(("dossiers", "0014_award_decider")).apps
    OldAward = _historical("AwardType", old)
    assert OldAward.objects.get(code="ldtt").decision_level == "huyen"
    assert not _historical("AwardDecider", old).objects.exists()
    # An installation as it was: an administrator had moved the Prime Minister's Bằng khen to the province,
    # and neither the commune's new awards nor the upward kinds existed.
    OldAward.objects.filter(code="bk-thu-tuong").update(decision_level="tinh")
    OldAward.objects.filter(code__in=["gia-dinh-van-hoa", "gk-xa-tap-the", "gk-xa-ho"]).delete()
    _historical("ComponentRequirement", old).objects.filter(commendation_kind__in=["cong_hien", "nien_han", "doi_ngoai"]).delete()

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    def rows(code):
        return sorted((d.level, d.valid_from, d.valid_to) for d in AwardDecider.objects.filter(award__code=code))

    assert rows("bk-thu-tuong") == [("tinh", D(2017, 7, 31), None)]  # the administrator's value, no default beside it
    assert rows("ldtt") == [("huyen", D(2017, 7, 31), None), ("xa", D(2024, 1, 1), None)]
    assert rows("gia-dinh-van-hoa") == [("xa", D(2024, 1, 1), None)]
    assert ComponentRequirement.objects.filter(commendation_kind="doi_ngoai").count() == 3
    count = AwardDecider.objects.count()
    assert complete_catalogue(lambda name: apps.get_model("dossiers", name)) is False  # once only
    assert AwardDecider.objects.count() == count
