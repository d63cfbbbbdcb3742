"""The award ledger across the 2025 reform (#13): old decisions of a district dissolved on 01/07/2025 are imported
into the commune that took over its records, keep the district's name, and count in the commune's eligibility
checks, so a run of CSTĐCS years that began under the district continues under the commune."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from dossiers import excel, services
from dossiers.enums import CommendationKind
from dossiers.models import AwardRecord, AwardRound, AwardType, Person
from dossiers.services import ledger_import
from units.enums import AuthorityLevel
from units.models import Authority

from .conftest import add_person
from .test_import import _ledger_file, _upload, _xlsx

pytestmark = pytest.mark.django_db

REFORM = datetime.date(2025, 7, 1)  # districts ceased to exist: a fixed date of history, as are the award years below
BORN = "14/02/1982"


@pytest.fixture
def district(province, commune_x):
    """UBND huyện Phong Thổ, dissolved in the reform; xã Phong Thổ took over its records."""
    return Authority.objects.create(
        parent=province,
        level=AuthorityLevel.DISTRICT,
        code="huyen-phong-tho",
        name="ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ",
        short_name="UBND huyện Phong Thổ",
        dissolved_on=REFORM,
        successor=commune_x.authority,
    )


@pytest.fixture
def other_district(province, commune_y):
    """UBND huyện Sìn Hồ, dissolved too, its records gone to xã Sìn Suối Hồ."""
    return Authority.objects.create(
        parent=province,
        level=AuthorityLevel.DISTRICT,
        code="huyen-sin-ho",
        name="ỦY BAN NHÂN DÂN HUYỆN SÌN HỒ",
        short_name="UBND huyện Sìn Hồ",
        dissolved_on=REFORM,
        successor=commune_y.authority,
    )


def _rows(commune_x, *issuers):
    """One CSTĐCS row a year from 2023 for Lò Thị Mai of the commune's school, each decided by `issuers[i]`."""
    unit = commune_x.unit.code
    return [
        (2023 + i, "Lò Thị Mai", BORN, unit, "cstdcs", f"{10 + i}/QĐ-UBND", f"15/06/{2023 + i}", issuer)
        for i, issuer in enumerate(issuers)
    ]


def _parse(content, place):
    return excel.parse_ledger(io.BytesIO(content), authority_id=place.authority.pk)


def test_the_template_has_the_optional_column_of_the_deciding_authority():
    assert "Cơ quan quyết định" in [column.header for column in excel.LEDGER_COLUMNS]
    assert not next(c for c in excel.LEDGER_COLUMNS if c.key == "issuer").required


def test_a_row_of_the_dissolved_district_is_the_communes_and_another_authoritys_is_a_fault(
    commune_x, commune_y, district, other_district
):
    rows = _rows(commune_x, "UBND huyện Phong Thổ", "HUYEN-PHONG-THO", "UBND xã Phong Thổ", "")
    rows += [
        (2023, "Lò Văn Sáng", BORN, commune_x.unit.code, "ldtt", "", "", "UBND xã Sìn Suối Hồ"),
        (2023, "Lò Văn Sáng", BORN, commune_x.unit.code, "cstdcs", "", "", "UBND huyện Sìn Hồ"),
        (2024, "Lò Văn Sáng", BORN, commune_x.unit.code, "ldtt", "", "", "UBND huyện Than Uyên"),
    ]
    preview = _parse(_ledger_file(rows), commune_x)

    issuers = [row.values["issuer"] for row in preview.rows[:4]]
    assert issuers == [district, district, commune_x.authority, None]
    assert [row.errors for row in preview.rows[:4]] == [[], [], [], []]
    assert preview.rows[0].display["issuer"] == "UBND huyện Phong Thổ (cũ)"
    assert preview.rows[0].notes == ["Quyết định của UBND huyện Phong Thổ (cũ): ghi vào sổ của UBND xã Phong Thổ."]
    assert preview.rows[2].notes == []
    assert [row.errors for row in preview.rows[4:]] == [
        ["Dòng 6: “UBND xã Sìn Suối Hồ” là cơ quan khác đang hoạt động: chỉ nhập quyết định của cơ quan đang làm việc."],
        [
            "Dòng 7: “UBND huyện Sìn Hồ” đã giải thể; hồ sơ của cơ quan này do UBND xã Sìn Suối Hồ kế thừa, "
            "không phải cơ quan đang làm việc."
        ],
        ["Dòng 8: không có cơ quan “UBND huyện Than Uyên” trong danh sách cơ quan ban hành."],
    ]
    assert not preview.can_save

    # The commune that took over Sìn Hồ's records may import that district's rows, not Phong Thổ's.
    theirs = _parse(_ledger_file(_rows(commune_y, "UBND huyện Sìn Hồ")), commune_y)
    assert theirs.rows[0].values["issuer"] == other_district


def test_a_district_dissolved_without_a_successor_is_explained(province, commune_x, district):
    Authority.objects.filter(pk=district.pk).update(successor=None)
    preview = _parse(_ledger_file(_rows(commune_x, "UBND huyện Phong Thổ")), commune_x)
    assert preview.rows[0].errors == [
        "Dòng 2: “UBND huyện Phong Thổ” đã giải thể nhưng chưa có cơ quan kế thừa: đề nghị quản trị hệ thống cập nhật."
    ]


def test_the_import_files_the_districts_rows_under_the_commune_with_the_districts_name(commune_x, district):
    preview = _parse(_ledger_file(_rows(commune_x, "UBND huyện Phong Thổ", "UBND huyện Phong Thổ", "")), commune_x)
    assert ledger_import(by=commune_x.office, rows=preview.valid_values) == 3

    records = list(AwardRecord.objects.order_by("year"))
    assert {r.authority_id for r in records} == {commune_x.authority.pk}
    assert [r.issuer_name for r in records] == ["UBND huyện Phong Thổ", "UBND huyện Phong Thổ", ""]
    assert records[0].issuer_label == "Quyết định của UBND huyện Phong Thổ (cũ)"
    assert records[2].issuer_label == ""
    changes = AuditEntry.objects.get(action="ledger_import").changes
    assert changes["2023: Chiến sĩ thi đua cơ sở"] == [
        None,
        "10/QĐ-UBND ngày 15/06/2023 – Quyết định của UBND huyện Phong Thổ (cũ)",
    ]
    assert changes["2025: Chiến sĩ thi đua cơ sở"] == [None, "12/QĐ-UBND ngày 15/06/2025"]


def test_the_service_refuses_a_row_of_an_authority_it_did_not_take_over(commune_x, commune_y, other_district):
    preview = _parse(_ledger_file(_rows(commune_y, "UBND huyện Sìn Hồ")), commune_y)
    rows = [dict(preview.valid_values[0], unit=commune_x.unit)]
    with pytest.raises(ValidationError) as refused:
        ledger_import(by=commune_x.office, rows=rows)
    assert refused.value.messages == [
        "Tệp có quyết định của cơ quan khác, không phải cơ quan đã giải thể mà cơ quan này kế thừa: chưa nhập gì."
    ]
    assert not AwardRecord.objects.exists()


def test_a_file_without_the_column_is_the_importers_own_as_before(commune_x, district):
    headers = ["Năm", "Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu", "Số quyết định", "Ngày quyết định"]
    content = _xlsx([row[:7] for row in _rows(commune_x, "", "")], headers=headers)
    preview = _parse(content, commune_x)
    assert preview.can_save and [row.values["issuer"] for row in preview.rows] == [None, None]
    assert ledger_import(by=commune_x.office, rows=preview.valid_values) == 2
    assert set(AwardRecord.objects.values_list("authority_id", "issuer_name")) == {(commune_x.authority.pk, "")}


def test_the_commune_imports_on_the_page_and_its_ledger_lists_the_districts_rows(client, commune_x, commune_y, district):
    client.force_login(commune_x.office)
    assert "được ghi vào sổ của cơ quan kế thừa" in client.get(reverse("dossiers:ledger_import")).content.decode()
    content = _ledger_file(_rows(commune_x, "UBND huyện Phong Thổ", "UBND huyện Phong Thổ"))
    response = client.post(reverse("dossiers:ledger_import"), {"file": _upload(content)})
    body = response.content.decode()
    assert "2 dòng hợp lệ" in body and "UBND huyện Phong Thổ (cũ)" in body
    assert "ghi vào sổ của UBND xã Phong Thổ" in body
    response = client.post(reverse("dossiers:ledger_import_confirm"), {"token": response.context["token"]})
    assert response.status_code == 302
    assert AwardRecord.objects.filter(authority=commune_x.authority, issuer_name="UBND huyện Phong Thổ").count() == 2

    url = reverse("dossiers:unit_ledger", args=[commune_x.unit.pk])
    with CaptureQueriesContext(connection) as two_rows:
        body = client.get(url).content.decode()
    assert body.count("Lò Thị Mai") == 2 and "10/QĐ-UBND" in body and "11/QĐ-UBND" in body
    person = Person.objects.get(full_name="Lò Thị Mai")
    for year in (2019, 2020, 2021):
        AwardRecord.objects.create(
            authority=commune_x.authority, year=year, award=AwardType.objects.get(code="ldtt"), person=person
        )
    with CaptureQueriesContext(connection) as five_rows:
        assert client.get(url).content.decode().count("Lò Thị Mai") == 5
    assert len(five_rows) == len(two_rows)

    client.force_login(commune_y.office)  # the other commune does not see them
    assert client.get(url).status_code == 404


def _round_2025(authority) -> AwardRound:
    return AwardRound.objects.create(
        authority=authority,
        name="Tổng kết năm 2025",
        year=2025,
        commendation_kind=CommendationKind.REGULAR,
        submission_deadline=timezone.localdate() + datetime.timedelta(days=3 * 365),
        ceremony_date=timezone.localdate() + datetime.timedelta(days=3 * 365 + 36),
    )


def _nominate_for_cstd_tinh(commune_x):
    dossier = services.dossier_create(
        by=commune_x.clerk, unit=commune_x.unit, award_round=_round_2025(commune_x.authority), title="Đề nghị CSTĐ tỉnh"
    )
    nominee = add_person(
        commune_x.clerk,
        dossier,
        AwardType.objects.get(code="cstd-tinh"),
        full_name="Lò Thị Mai",
        date_of_birth=datetime.date(1982, 2, 14),
        initiative_ref="Sáng kiến số 05/SK-UBND",
    )
    nominee.refresh_from_db()
    return nominee


def test_cstdcs_years_decided_by_the_district_count_for_cstd_tinh_nominated_by_the_commune(commune_x, district):
    # 2023 and 2024 decided by the district before the reform, 2025 by the commune itself.
    preview = _parse(
        _ledger_file(_rows(commune_x, "UBND huyện Phong Thổ", "UBND huyện Phong Thổ", "UBND xã Phong Thổ")), commune_x
    )
    assert ledger_import(by=commune_x.office, rows=preview.valid_values) == 3

    nominee = _nominate_for_cstd_tinh(commune_x)
    assert nominee.person == Person.objects.get(full_name="Lò Thị Mai")
    assert not [reason for reason in nominee.verdict_reasons if "03 năm liên tục" in reason]
    assert "Cần xác nhận sáng kiến được áp dụng hiệu quả trong phạm vi toàn tỉnh." in nominee.verdict_reasons


def test_without_the_districts_years_the_run_is_short(commune_x, district):
    preview = _parse(_ledger_file(_rows(commune_x, "UBND huyện Phong Thổ", "UBND huyện Phong Thổ", "")), commune_x)
    rows = [row.values for row in preview.rows if row.values["year"] == 2025]  # the commune's own 2025 row only
    assert ledger_import(by=commune_x.office, rows=rows) == 1

    nominee = _nominate_for_cstd_tinh(commune_x)
    assert "Chưa đủ 03 năm liên tục đạt CSTĐCS (2023–2025): 2025." in nominee.verdict_reasons
