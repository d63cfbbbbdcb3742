"""Reports in a province with communes (#13): every figure, panel, review report and export is the acting
authority's; the province's statistics page rolls up its communes' decided figures beside its own."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import Role
from accounts.middleware import ACTING_AUTHORITY_KEY
from accounts.models import RoleAssignment
from dossiers.enums import CommendationKind, DossierStatus
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier
from reports import services
from reports.exports import worker
from reports.models import ExportJob, ReviewReport
from reports.review import review_dict
from reports.statistics import Period, rollup, statistics
from tests.authorities import make_commune
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR_2023 = "tu_ngay=01/01/2023&den_ngay=31/12/2023"
PERIOD = Period.whole_year(2023)
MARCH_2023 = D(2023, 3, 1)


def decided(unit, name, decided_on=MARCH_2023):
    """A collective's ledger row, in its unit's authority; decided_on None: approved, decision not issued yet."""
    return AwardRecord.objects.create(
        year=2022,
        award=AwardType.objects.get(code="ldtt"),
        collective_unit=unit,
        collective_name=name,
        decision_number="01/QĐ-UBND" if decided_on else "",
        decision_date=decided_on,
    )


@pytest.fixture
def ledgers(province, commune_x, commune_y):
    """The province decided 1, commune X 3 (and has 2 waiting for their decision), commune Y 2."""
    province_unit = UnitFactory(name="Sở Giáo dục và Đào tạo", code="so-gd", authority=province)
    decided(province_unit, "Phòng Tổ chức cán bộ")
    for i in range(3):
        decided(commune_x.unit, f"Tổ khối {i + 1} Phong Thổ")
    decided(commune_x.unit, "Tổ chờ quyết định 1", decided_on=None)
    decided(commune_x.unit, "Tổ chờ quyết định 2", decided_on=None)
    for i in range(2):
        decided(commune_y.unit, f"Tổ khối {i + 1} Sìn Suối Hồ")
    return province_unit


def stats_page(client, user, query=YEAR_2023):
    client.force_login(user)
    return client.get(reverse("reports:statistics") + "?" + query)


# --- Statistics and the roll-up ---------------------------------------------------------------------


def test_each_authority_counts_only_its_own_decided_rows(ledgers, province, commune_x, commune_y):
    authorities = (province, commune_x.authority, commune_y.authority)
    totals = {a.pk: statistics(PERIOD, authority_id=a.pk)["totals"]["total"] for a in authorities}
    assert totals == {province.pk: 1, commune_x.authority.pk: 3, commune_y.authority.pk: 2}


def test_a_commune_office_sees_its_commune_only_and_no_rollup(client, ledgers, commune_x):
    response = stats_page(client, commune_x.office)
    assert response.context["stats"]["totals"]["total"] == 3
    assert "rollup" not in response.context
    assert [row["label"] for row in response.context["stats"]["by_unit"]] == ["Trường Tiểu học xã Phong Thổ"]


def test_the_province_rolls_up_its_communes_decided_figures_beside_its_own(client, ledgers, office_staff, commune_x, commune_y):
    response = stats_page(client, office_staff)
    assert response.context["stats"]["totals"]["total"] == 1  # the province's own figures below the roll-up
    rows = response.context["rollup"]["rows"]
    assert [(str(r["authority"]), r["own"], r["total"], r["tap_the"]) for r in rows] == [
        ("UBND tỉnh Lai Châu", True, 1, 1),
        ("UBND xã Phong Thổ", False, 3, 3),  # its two rows still waiting for their decision are not counted
        ("UBND xã Sìn Suối Hồ", False, 2, 2),
    ]
    assert response.context["rollup"]["sum"]["total"] == 6
    body = response.content.decode()
    link = f'href="{reverse("reports:statistics")}?tu_ngay=01/01/2023&amp;den_ngay=31/12/2023&xa={commune_x.authority.pk}"'
    assert link in body


def test_the_drill_down_shows_one_communes_decided_figures_and_lists(client, ledgers, office_staff, commune_x):
    query = f"{YEAR_2023}&xa={commune_x.authority.pk}"
    response = stats_page(client, office_staff, query)
    assert (response.context["drill"], response.context["stats"]["totals"]["total"]) == (commune_x.authority, 3)
    assert "rollup" not in response.context
    assert response.context["base"] == query  # every figure's link carries the commune
    listed = client.get(reverse("reports:honoured") + "?" + query)
    names = sorted(row.record.collective_name for row in listed.context["table"].page.object_list)
    assert names == ["Tổ khối 1 Phong Thổ", "Tổ khối 2 Phong Thổ", "Tổ khối 3 Phong Thổ"]
    exported = client.post(reverse("exports:start", args=["duoc-khen"]) + "?" + query)
    sheet = openpyxl.load_workbook(io.BytesIO(exported.content)).active
    holders = sorted(row[1] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int))
    assert holders == names


def test_the_drill_down_reaches_only_the_acting_authoritys_children(client, ledgers, office_staff, commune_x, commune_y):
    # A commune cannot drill into its neighbour, nor up into the province.
    for target in (commune_y.authority.pk, commune_x.authority.parent_id):
        assert stats_page(client, commune_x.office, f"{YEAR_2023}&xa={target}").status_code == 404
        client.force_login(commune_x.office)
        assert client.get(reverse("reports:honoured") + f"?{YEAR_2023}&xa={target}").status_code == 404
    # The province cannot name itself, a made-up number or garbage.
    for value in (commune_x.authority.parent_id, 99999, "abc"):
        assert stats_page(client, office_staff, f"{YEAR_2023}&xa={value}").status_code == 404


def test_the_rollup_costs_the_same_queries_for_2_or_6_communes(client, ledgers, office_staff, province):
    def measured():
        client.force_login(office_staff)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("reports:statistics") + "?" + YEAR_2023)
        return len(queries.captured_queries), response

    two, _ = measured()
    for i in range(4):
        commune = make_commune(f"xa-them-{i}", f"Thêm {i}", parent=province)
        decided(commune.unit, f"Tổ {i}")
    six, response = measured()
    assert len(response.context["rollup"]["rows"]) == 7
    assert six == two
    with CaptureQueriesContext(connection) as queries:
        rollup(PERIOD, authority=province)
    assert len(queries.captured_queries) == 2


# --- Dashboard ------------------------------------------------------------------------------------


def _submitted(place, title):
    award_round = AwardRound.objects.create(
        name="Tổng kết năm 2024", year=2024, commendation_kind=CommendationKind.REGULAR, authority=place.authority
    )
    return Dossier.objects.create(
        unit=place.unit,
        round=award_round,
        commendation_kind=CommendationKind.REGULAR,
        title=title,
        created_by=place.clerk,
        status=DossierStatus.SUBMITTED,
    )


def test_each_office_dashboard_holds_its_own_authoritys_dossiers_units_and_council(client, commune_x, commune_y):
    _submitted(commune_x, "Hồ sơ của xã Phong Thổ")
    _submitted(commune_y, "Hồ sơ của xã Sìn Suối Hồ")
    client.force_login(commune_x.office)
    office = client.get(reverse("dashboard")).context["office"]
    assert [d.title for d in office["to_receive"]] == ["Hồ sơ của xã Phong Thổ"]
    assert (office["to_receive_count"], office["unit_total"]) == (1, 1)
    assert [u.name for u in office["no_clerk"]] == []
    client.force_login(commune_y.council_member)
    council = client.get(reverse("dashboard")).context["council"]
    assert [a.user for a in council["members"]] == [commune_y.council_member]


# --- Review reports --------------------------------------------------------------------------------


def test_each_authority_has_its_own_review_report_and_never_opens_anothers(client, ledgers, office_staff, commune_x, commune_y):
    reports = {}
    for user in (office_staff, commune_x.office):
        client.force_login(user)
        client.post(reverse("reports:review_list"), {"kind": "tong_ket", "year": 2023})
        reports[user.pk] = ReviewReport.objects.get(authority_id=user.acting_authority_id, kind="tong_ket", year=2023)
    assert reports[office_staff.pk] != reports[commune_x.office.pk]
    mine, theirs = reports[commune_x.office.pk], reports[office_staff.pk]
    client.force_login(commune_x.office)
    listed = client.get(reverse("reports:review_list")).context["table"].page.object_list
    assert [r.record.pk for r in listed] == [mine.pk]
    for name in ("reports:review_edit", "reports:review_pdf", "reports:review_docx"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    client.force_login(commune_y.office)
    assert client.get(reverse("reports:review_edit", args=[mine.pk])).status_code == 404


def test_a_communes_review_report_counts_the_communes_decided_rows_only(ledgers, commune_x):
    report, _created = services.review_report_open(by=commune_x.office, kind="tong_ket", year=2023)
    tables = [block for block in review_dict(report)["blocks"] if block.get("type") == "table"]
    award_table = next(t for t in tables if t["caption"].startswith("Kết quả khen thưởng theo danh hiệu"))
    assert award_table["rows"] == [["1", "Lao động tiên tiến", "3", "0"], ["", "Tổng cộng", "3", "0"]]


# --- Export jobs ------------------------------------------------------------------------------------


@pytest.fixture
def two_offices(ledgers, commune_x, commune_y, settings):
    """One person in both communes' offices, acting in Sìn Suối Hồ (not their first) when they export."""
    settings.EXPORT_SYNC_MAX_ROWS = 1
    person = commune_x.office
    RoleAssignment.objects.create(user=person, role=Role.OFFICE_STAFF, authority=commune_y.authority)
    return person


def _start_in(client, person, authority):
    client.force_login(person)
    session = client.session
    session[ACTING_AUTHORITY_KEY] = authority.pk
    session.save()
    response = client.post(reverse("exports:start", args=["duoc-khen"]) + "?" + YEAR_2023)
    assert response.status_code == 302
    return ExportJob.objects.get()


def test_a_job_exports_the_authority_it_was_started_in_whoever_runs_it_later(client, two_offices, commune_x, commune_y):
    job = _start_in(client, two_offices, commune_y.authority)
    assert job.authority == commune_y.authority
    worker.export_job_run(job_id=job.pk)  # the worker knows no session: the job says where
    job.refresh_from_db()
    assert (job.status, job.total) == ("xong", 2)
    download = client.get(reverse("exports:job_download", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    holders = sorted(row[1] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int))
    assert holders == ["Tổ khối 1 Sìn Suối Hồ", "Tổ khối 2 Sìn Suối Hồ"]
    client.force_login(commune_y.office)  # the same authority, another person: not theirs
    assert client.get(reverse("exports:job_download", args=[job.pk])).status_code == 404


def test_a_job_fails_when_its_owner_no_longer_acts_in_its_authority(client, two_offices, commune_y):
    job = _start_in(client, two_offices, commune_y.authority)
    RoleAssignment.objects.filter(user=two_offices, authority=commune_y.authority).delete()
    worker.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, bool(job.file)) == ("loi", False)


def test_the_same_list_in_another_authority_is_another_job(client, two_offices, commune_x, commune_y):
    first = _start_in(client, two_offices, commune_y.authority)
    session = client.session
    session[ACTING_AUTHORITY_KEY] = commune_x.authority.pk
    session.save()
    client.post(reverse("exports:start", args=["duoc-khen"]) + "?" + YEAR_2023)
    second = ExportJob.objects.exclude(pk=first.pk).get()
    assert (first.authority, second.authority) == (commune_y.authority, commune_x.authority)


def test_a_retried_job_keeps_the_authority_it_was_started_in(client, two_offices, commune_x, commune_y):
    job = _start_in(client, two_offices, commune_y.authority)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED)
    session = client.session
    session[ACTING_AUTHORITY_KEY] = commune_x.authority.pk  # the owner now acts in the other commune
    session.save()
    client.post(reverse("exports:job_retry", args=[job.pk]))
    retry = ExportJob.objects.get(retry_of=job)
    worker.export_job_run(job_id=retry.pk)
    retry.refresh_from_db()
    assert (retry.authority, retry.status, retry.total) == (commune_y.authority, "xong", 2)
