"""Statistics against a hand-counted fixture: the period, the cut-off date (inclusive), the shares, last
year's figures, and the lists behind every figure."""

import datetime
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from awards import decisions
from dossiers.enums import CommendationKind, DossierStatus, Outcome, Subject
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier, Nominee, Person
from reports.statistics import Period, honoured_rows, statistics
from tests.awards.conftest import at_council, council, decided  # noqa: F401  (fixtures)
from tests.factories import UnitFactory, user_with_role
from units.enums import UnitKind

pytestmark = pytest.mark.django_db

D = datetime.date
HALF_2023 = Period(D(2023, 1, 1), D(2023, 6, 30))
DIRECT, LEADER, OTHER = Nominee.WorkerCategory.DIRECT, Nominee.WorkerCategory.LEADER, Nominee.WorkerCategory.OTHER


@pytest.fixture
def units(db):
    return {
        "A": UnitFactory(name="UBND xã Cự Khê", code="xa-a", kind=UnitKind.COMMUNE),
        "B": UnitFactory(name="Trường Tiểu học Vân Hồ", code="th-b", kind=UnitKind.SCHOOL, is_disadvantaged_area=True),
    }


def honour(unit, code, decided_on, *, kind=CommendationKind.REGULAR, subject=Subject.INDIVIDUAL, **nominee):
    """One approved nominee of a closed dossier in the ledger, decided on `decided_on` (None: no decision yet)."""
    award_round, _ = AwardRound.objects.get_or_create(name=f"Đợt {kind}", year=2022, commendation_kind=kind)
    clerk = user_with_role(Role.UNIT_CLERK, unit)
    dossier = Dossier.objects.create(
        unit=unit, round=award_round, commendation_kind=kind, title="Đề nghị", created_by=clerk, status=DossierStatus.CLOSED
    )
    award = AwardType.objects.get(code=code)
    individual = subject == Subject.INDIVIDUAL
    person = Person.objects.create(full_name=nominee.get("full_name", "Người"), unit=unit) if individual else None
    row = Nominee.objects.create(
        dossier=dossier,
        subject=subject,
        award=award,
        person=person,
        full_name=nominee.pop("full_name", unit.name if not individual else "Người"),
        outcome=Outcome.APPROVED,
        **nominee,
    )
    return AwardRecord.objects.create(
        year=2022,
        award=award,
        person=person,
        collective_unit=unit if subject == Subject.COLLECTIVE else None,
        collective_name="" if individual else row.full_name,
        nominee=row,
        decision_number="01/QĐ-UBND" if decided_on else "",
        decision_date=decided_on,
    )


@pytest.fixture
def ledger(units):
    A, B = units["A"], units["B"]
    honour(A, "ldtt", D(2023, 1, 15), full_name="Nguyễn Thị Hoa", gender="nu", worker_category=DIRECT)
    honour(A, "ldtt", D(2023, 1, 15), full_name="Lê Văn Tùng", gender="nam", worker_category=LEADER)
    honour(
        B,
        "cstdcs",
        D(2023, 1, 15),
        full_name="Lò Thị Mai",
        gender="nu",
        ethnic_minority=True,
        worker_category=DIRECT,
        initiative_ref="Sáng kiến dạy học số 3",
    )
    honour(B, "ttldtt", D(2023, 1, 15), subject=Subject.COLLECTIVE)
    honour(A, "gk-huyen-ho", D(2023, 3, 1), subject=Subject.HOUSEHOLD, full_name="Hộ ông Nguyễn Văn An")
    honour(A, "gk-huyen-ca-nhan", D(2023, 6, 30), kind=CommendationKind.THEMATIC, gender="nam", worker_category=OTHER)
    honour(
        A, "gk-huyen-ca-nhan", D(2023, 7, 1), kind=CommendationKind.SUDDEN, gender="nu", worker_category=DIRECT
    )  # after cut-off
    honour(A, "ldtt", None, gender="nu", worker_category=DIRECT)  # approved, decision not issued yet
    # Imported from last years' Excel: a person with gender and unit only.
    imported = Person.objects.create(full_name="Đinh Thị Lan", gender="nu", unit=B)
    AwardRecord.objects.create(
        year=2022,
        award=AwardType.objects.get(code="ldtt"),
        person=imported,
        source=AwardRecord.Source.IMPORT,
        decision_number="05/QĐ-UBND",
        decision_date=D(2023, 2, 1),
    )
    honour(A, "ldtt", D(2022, 3, 1), gender="nam", worker_category=DIRECT)  # same period last year
    honour(A, "ldtt", D(2022, 8, 1), gender="nam", worker_category=DIRECT)  # last year, outside the period


def test_statistics_equal_the_hand_count_with_cutoff_and_shares(ledger, units):
    stats = statistics(HALF_2023)

    assert stats["totals"] == {
        "total": 7,
        "ca_nhan": 5,
        "tap_the": 1,
        "ho_thon": 1,
        "truc_tiep": 2,
        "lanh_dao": 1,
        "ccvc_khac": 1,
        "nhom_chua_ro": 1,
        "nu": 3,
        "gioi_tinh_ro": 5,
        "dan_toc": 1,
        "dan_toc_ro": 4,  # the imported person has no ethnicity on record
        "vung_kho_khan": 3,
        "sang_kien": 1,
    }
    assert stats["shares"] == {
        "truc_tiep": 40.0,
        "lanh_dao": 20.0,
        "ccvc_khac": 20.0,
        "nhom_chua_ro": 20.0,
        "nu": 60.0,
        "dan_toc": 25.0,
        "vung_kho_khan": 42.9,
        "ca_nhan": 71.4,
        "tap_the": 14.3,
        "ho_thon": 14.3,
    }
    assert stats["previous"]["total"] == 1
    assert [(r["label"], r["count"], r["previous"], r["delta"]) for r in stats["by_award"]] == [
        ("Lao động tiên tiến", 3, 1, 2),
        ("Chiến sĩ thi đua cơ sở", 1, 0, 1),
        ("Tập thể lao động tiên tiến", 1, 0, 1),
        ("Giấy khen của Chủ tịch UBND huyện (cá nhân)", 1, 0, 1),
        ("Giấy khen của Chủ tịch UBND huyện (hộ gia đình)", 1, 0, 1),
    ]
    assert [(r["key"], r["count"], r["previous"]) for r in stats["by_unit_kind"]] == [
        (UnitKind.COMMUNE, 4, 1),
        (UnitKind.SCHOOL, 3, 0),
    ]
    assert [(r["key"], r["count"]) for r in stats["by_kind"]] == [
        (CommendationKind.REGULAR, 5),
        (CommendationKind.THEMATIC, 1),
        ("chua_ro", 1),
    ]
    assert [(r["label"], r["count"]) for r in stats["by_unit"]] == [("UBND xã Cự Khê", 4), ("Trường Tiểu học Vân Hồ", 3)]
    assert stats["trend"] == [
        {"year": 2019, "count": 0},
        {"year": 2020, "count": 0},
        {"year": 2021, "count": 0},
        {"year": 2022, "count": 2},
        {"year": 2023, "count": 7},
    ]


def test_lists_behind_the_shares_name_the_hand_counted_people(ledger):
    def names(group):
        rows, _labels = honoured_rows(HALF_2023, {"nhom": group})
        return sorted(r.person.full_name if r.person else r.collective_name for r in rows.select_related("person"))

    assert names("nu") == ["Lò Thị Mai", "Nguyễn Thị Hoa", "Đinh Thị Lan"]
    assert names("truc_tiep") == ["Lò Thị Mai", "Nguyễn Thị Hoa"]
    assert names("dan_toc") == ["Lò Thị Mai"]
    assert names("nhom_chua_ro") == ["Đinh Thị Lan"]
    assert names("ho_thon") == ["Hộ ông Nguyễn Văn An"]
    assert names("tap_the") == ["Trường Tiểu học Vân Hồ"]


def test_a_period_to_the_end_of_february_compares_with_the_whole_february_before():
    assert Period(D(2025, 1, 1), D(2025, 2, 28)).year_before() == Period(D(2024, 1, 1), D(2024, 2, 29))
    assert Period(D(2024, 2, 1), D(2024, 2, 29)).year_before() == Period(D(2023, 2, 1), D(2023, 2, 28))
    assert Period(D(2024, 1, 1), D(2024, 6, 30)).year_before() == Period(D(2023, 1, 1), D(2023, 6, 30))


def test_rows_without_a_unit_are_listed_as_unknown_so_the_table_adds_up(units):
    nobody = Person.objects.create(full_name="Đinh Văn Không", gender="nam")
    AwardRecord.objects.create(
        year=2022,
        award=AwardType.objects.get(code="ldtt"),
        person=nobody,
        source=AwardRecord.Source.IMPORT,
        decision_number="05/QĐ-UBND",
        decision_date=D(2023, 2, 1),
    )
    stats = statistics(HALF_2023)
    assert stats["by_unit"] == [{"key": "chua_ro", "label": "Chưa rõ (nhập từ năm trước)", "count": 1}]
    rows, labels = honoured_rows(HALF_2023, {"unit": "chua_ro"})
    assert (rows.count(), labels) == (1, ["Chưa rõ (nhập từ năm trước)"])


def test_the_cutoff_date_moves_the_figures(ledger):
    assert statistics(Period(D(2023, 1, 1), D(2023, 6, 29)))["totals"]["total"] == 6
    assert statistics(Period(D(2023, 1, 1), D(2023, 7, 1)))["totals"]["total"] == 8
    assert statistics(Period(D(2023, 1, 16), D(2023, 6, 30)))["totals"]["total"] == 3


def test_an_empty_period_has_no_shares(db):
    stats = statistics(HALF_2023)
    assert stats["totals"]["total"] == 0
    assert set(stats["shares"].values()) == {None}


def test_issued_decision_counts_and_revoked_one_does_not(decided, office_staff):  # noqa: F811
    period = Period(D(2025, 1, 1), D(2025, 1, 31))
    assert statistics(period)["totals"]["total"] == 0  # approved, not yet decided
    drafts = decisions.decisions_draft(by=office_staff, award_round=decided.round)
    decision = next(d for d in drafts if d.award.code == "ldtt")
    decision = decisions.decision_issue(by=office_staff, decision=decision, date=D(2025, 1, 15), signer="tm")
    stats = statistics(period)
    assert (stats["totals"]["total"], stats["totals"]["nu"], [r["label"] for r in stats["by_award"]]) == (
        1,
        1,
        ["Lao động tiên tiến"],
    )
    decisions.decision_revoke(by=office_staff, decision=decision, reason="Sai đối tượng")
    assert statistics(period)["totals"]["total"] == 0


# --- Pages --------------------------------------------------------------------------------------

QUERY = "tu_ngay=01/01/2023&den_ngay=30/06/2023"


def test_statistics_page_shows_figures_and_links(client, office_staff, ledger):
    client.force_login(office_staff)
    response = client.get(reverse("reports:statistics") + "?" + QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="total">7<' in html
    assert 'data-share="truc_tiep">40,0%<' in html
    assert 'data-share="vung_kho_khan">42,9%<' in html
    assert f"{reverse('reports:honoured')}?{escape(QUERY)}&nhom=truc_tiep" in html
    awards = response.context["charts"][0]
    assert [d["data"] for d in awards["datasets"]] == [[3, 1, 1, 1, 1], [1, 0, 0, 0, 0]]
    assert awards["labels"] == ["LĐTT", "CSTĐCS", "TTLĐTT", "GK huyện", "GK huyện"]
    # Last year's bars open last year's list.
    assert awards["datasets"][1]["links"][0].endswith(
        f"tu_ngay=01/01/2022&den_ngay=30/06/2022&award={AwardType.objects.get(code='ldtt').pk}"
    )


@pytest.mark.parametrize(
    "group",
    ["ca_nhan", "tap_the", "truc_tiep", "lanh_dao", "ccvc_khac", "nhom_chua_ro", "nu", "dan_toc", "vung_kho_khan", "sang_kien"],
)
def test_each_share_list_holds_the_rows_its_figure_counted(client, office_staff, ledger, group):
    client.force_login(office_staff)
    figure = statistics(HALF_2023)["totals"][group]
    response = client.get(reverse("reports:honoured") + f"?{QUERY}&nhom={group}")
    assert response.context["table"].paginator.count == figure


def test_award_unit_and_kind_lists_match_their_figures(client, office_staff, ledger, units):
    client.force_login(office_staff)
    stats = statistics(HALF_2023)
    ldtt = AwardType.objects.get(code="ldtt")
    checks = [
        (f"award={ldtt.pk}", 3),
        ("award=²", stats["totals"]["total"]),  # not a number: ignored, not a 500
        ("year=99999", stats["totals"]["total"]),
        (f"unit={units['B'].pk}", 3),
        ("unit=chua_ro", 0),
        (f"unit_kind={UnitKind.SCHOOL}", 3),
        ("kind=chua_ro", 1),
        (f"kind={CommendationKind.THEMATIC}", 1),
        ("year=2023", stats["totals"]["total"]),
    ]
    for params, expected in checks:
        response = client.get(reverse("reports:honoured") + f"?{QUERY}&{params}")
        assert (params, response.context["table"].paginator.count) == (params, expected)


def test_statistics_page_query_count_is_flat(client, office_staff, units, django_assert_max_num_queries):
    client.force_login(office_staff)
    for day in range(1, 4):
        honour(units["A"], "ldtt", D(2023, 1, day), gender="nu", worker_category=DIRECT)
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("reports:statistics") + "?" + QUERY)
    for day in range(4, 28):
        honour(units["B"], "cstdcs", D(2023, 2, day), gender="nam", worker_category=LEADER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("reports:statistics") + "?" + QUERY)
    assert response.context["stats"]["totals"]["total"] == 27


def test_honoured_list_query_count_is_flat(client, office_staff, units, django_assert_max_num_queries):
    client.force_login(office_staff)
    honour(units["A"], "ldtt", D(2023, 1, 2), gender="nu", worker_category=DIRECT)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("reports:honoured") + "?" + QUERY)
    for day in range(3, 28):
        honour(units["B"], "cstdcs", D(2023, 2, day), gender="nam", worker_category=LEADER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("reports:honoured") + "?" + QUERY)
    assert response.context["table"].paginator.count == 26


def test_statistics_are_for_the_office_and_the_council_only(client, clerk_a, office_staff):
    council_chair = user_with_role(Role.COUNCIL_CHAIR, full_name="Bùi Văn Hải")
    for user, status in ((clerk_a, 403), (council_chair, 200), (office_staff, 200)):
        client.force_login(user)
        assert (user.username, client.get(reverse("reports:statistics")).status_code) == (user.username, status)
        assert client.get(reverse("reports:honoured")).status_code == status


def test_bad_dates_get_a_vietnamese_error_and_keep_what_was_typed(client, office_staff):
    client.force_login(office_staff)
    response = client.get(reverse("reports:statistics") + "?tu_ngay=30/06/2023&den_ngay=01/01/2023")
    assert "stats" not in response.context
    assert response.context["form"].errors == {"den_ngay": ["Ngày tính đến phải sau ngày bắt đầu."]}
    assert 'value="30/06/2023"' in response.content.decode()
    response = client.get(reverse("reports:statistics") + "?tu_ngay=31/02/2023&den_ngay=01/01/2023")
    assert response.context["form"].errors["tu_ngay"] == ["Nhập một ngày hợp lệ."]
    response = client.get(reverse("reports:statistics") + "?tu_ngay=01/01/0001&den_ngay=31/12/0001")
    assert response.context["form"].errors["tu_ngay"] == ["Hãy nhập ngày trong khoảng năm 2000 – 2100."]


def test_the_list_behind_a_figure_exports_to_excel_with_the_same_rows(client, office_staff, ledger, units):
    from tests.reports.test_exports import data, export_url, header, sheet_of

    client.force_login(office_staff)
    sheet = sheet_of(client.post(export_url("duoc-khen", query=f"{QUERY}&nhom=nu")))
    assert sheet["A1"].value.startswith("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG")
    assert "Nữ" in sheet["A1"].value and "Từ 01/01/2023 đến 30/06/2023" in sheet["A1"].value
    assert header(sheet)[:6] == [
        "STT",
        "Tập thể, cá nhân",
        "Giới tính",
        "Dân tộc thiểu số",
        "Nhóm đối tượng",
        "Danh hiệu, hình thức",
    ]
    rows = data(sheet)
    assert len(rows) == statistics(HALF_2023)["totals"]["nu"] == 3
    by_name = {row[1]: row for row in rows}
    assert by_name["Lò Thị Mai"][2:8] == (
        "Nữ",
        "Có",
        "Người lao động trực tiếp",
        "Chiến sĩ thi đua cơ sở",
        2022,
        "Trường Tiểu học Vân Hồ",
    )
    assert by_name["Đinh Thị Lan"][4] is None  # imported: worker category unknown
    assert by_name["Lò Thị Mai"][10] == datetime.datetime(2023, 1, 15)
    client.force_login(user_with_role(Role.UNIT_CLERK, units["A"]))
    assert client.post(export_url("duoc-khen", query=QUERY)).status_code == 403


def test_the_dashboard_counts_only_dossiers_its_reader_may_open(client, office_staff, units):
    honour(units["A"], "ldtt", D(2023, 1, 15), gender="nu", worker_category=DIRECT)
    clerk = user_with_role(Role.UNIT_CLERK, units["A"])
    award_round = AwardRound.objects.first()
    Dossier.objects.create(
        unit=units["A"],
        round=award_round,
        commendation_kind="thuong_xuyen",
        title="Đang thẩm định",
        created_by=clerk,
        status=DossierStatus.RECEIVED,
    )
    chair = user_with_role(Role.COUNCIL_CHAIR, full_name="Bùi Văn Hải")
    seen = {}
    for user in (office_staff, chair):
        client.force_login(user)
        seen[user.username] = client.get(reverse("dashboard")).context["figures"]["pipeline_total"]
    assert seen == {office_staff.username: 1, chair.username: 0}  # the chair's list would not show it


def test_the_office_dashboard_query_count_is_flat(client, office_staff, units, django_assert_max_num_queries):
    client.force_login(office_staff)
    today = timezone.localdate()
    honour(units["A"], "ldtt", today, gender="nu", worker_category=DIRECT)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("dashboard"))
    for _ in range(25):
        honour(units["B"], "cstdcs", today, gender="nam", worker_category=LEADER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("dashboard"))
    assert response.context["figures"]["stats"]["totals"]["total"] == 26
