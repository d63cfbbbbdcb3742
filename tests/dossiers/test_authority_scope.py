"""Who sees what across authorities (#13): a province and two communes under it, each with its office, rounds,
dossiers, receipt register and award ledger. Every office acts in its own authority only; a commune's drafts
are in the commune's rounds, so the province's office never sees them."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from dossiers import excel, selectors, services
from dossiers.enums import CommendationKind, ComponentType, DossierStatus
from dossiers.forms import DossierCreateForm
from dossiers.models import AwardRecord, AwardRound, AwardType, Dossier, Person
from dossiers.services.receipts import RECEIPT_LOCK, next_receipt_number, receipt_lock_key
from units.models import Unit

from .conftest import add_person, pdf
from .test_import import _ledger_file, _upload

pytestmark = pytest.mark.django_db

D = datetime.date


def _round(authority, name: str) -> AwardRound:
    return AwardRound.objects.create(
        authority=authority,
        name=name,
        year=2024,
        commendation_kind=CommendationKind.REGULAR,
        submission_deadline=timezone.localdate() + datetime.timedelta(days=3 * 365),
        ceremony_date=timezone.localdate() + datetime.timedelta(days=3 * 365 + 36),
    )


def _draft(clerk, unit, award_round, title: str) -> Dossier:
    dossier = services.dossier_create(by=clerk, unit=unit, award_round=award_round, title=title)
    add_person(clerk, dossier, AwardType.objects.get(code="ldtt"), full_name=f"Người của {unit.name}")
    services.attachment_add(by=clerk, dossier=dossier, component=ComponentType.PROPOSAL, upload=pdf())
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def world(province, commune_x, commune_y, office_staff, unit_a, clerk_a):
    """The province's round and draft (the ordinary fixtures), and each commune's."""
    rounds = {
        "province": _round(province, "Đợt tỉnh 2024"),
        "x": _round(commune_x.authority, "Đợt xã Phong Thổ 2024"),
        "y": _round(commune_y.authority, "Đợt xã Sìn Suối Hồ 2024"),
    }
    drafts = {
        "province": _draft(clerk_a, unit_a, rounds["province"], "Hồ sơ của tỉnh"),
        "x": _draft(commune_x.clerk, commune_x.unit, rounds["x"], "Hồ sơ nháp xã Phong Thổ"),
        "y": _draft(commune_y.clerk, commune_y.unit, rounds["y"], "Hồ sơ nháp xã Sìn Suối Hồ"),
    }
    offices = {"province": office_staff, "x": commune_x.office, "y": commune_y.office}
    return rounds, drafts, offices


# --- Dossiers: the list, the page and every action on it ------------------------------------------


def test_each_office_lists_only_its_authoritys_dossiers(client, world):
    _rounds, drafts, offices = world
    for place, office in offices.items():
        assert list(selectors.dossiers_visible_to(viewer=office)) == [drafts[place]]
        client.force_login(office)
        body = client.get(reverse("dossiers:list")).content.decode()
        assert [d.title in body for d in drafts.values()] == [name == place for name in drafts]


def test_a_communes_draft_is_never_seen_by_the_provinces_office(client, world, office_staff):
    _rounds, drafts, _offices = world
    draft = drafts["x"]
    assert draft.status == DossierStatus.DRAFT
    assert draft.authority_id == draft.round.authority_id != office_staff.acting_authority_id
    client.force_login(office_staff)
    searched = client.get(reverse("dossiers:list"), {"q": "Phong Thổ"}).content.decode()
    assert "Hồ sơ nháp xã Phong Thổ" not in searched
    assert "Không có hồ sơ nào phù hợp." in searched
    assert client.get(reverse("dossiers:detail", args=[draft.pk])).status_code == 404
    assert selectors.status_counts(selectors.dossiers_for_list(viewer=office_staff)) == {DossierStatus.DRAFT: 1}


DOSSIER_PAGES = ["dossiers:detail", "dossiers:nominee_add", "dossiers:nominee_import"]


@pytest.mark.parametrize("viewer", ["province", "y"])
@pytest.mark.parametrize("name", DOSSIER_PAGES)
def test_another_authoritys_office_gets_404_on_a_communes_dossier(client, world, viewer, name):
    _rounds, drafts, offices = world
    client.force_login(offices[viewer])
    assert client.get(reverse(name, args=[drafts["x"].pk])).status_code == 404


def test_the_communes_own_office_opens_its_dossier(client, world):
    _rounds, drafts, offices = world
    client.force_login(offices["x"])
    assert client.get(reverse("dossiers:detail", args=[drafts["x"].pk])).status_code == 200


@pytest.mark.parametrize("viewer", ["province", "y"])
def test_another_authoritys_office_cannot_download_move_or_remove_a_communes_files(client, world, viewer):
    _rounds, drafts, offices = world
    draft = drafts["x"]
    attachment = draft.attachments.get()
    client.force_login(offices[viewer])
    assert client.get(reverse("dossiers:attachment_download", args=[draft.pk, attachment.pk])).status_code == 404
    assert client.post(reverse("dossiers:attachment_delete", args=[draft.pk, attachment.pk])).status_code == 404
    moved = client.post(reverse("dossiers:transition", args=[draft.pk]), {"to": DossierStatus.RECEIVED, "version": draft.version})
    assert moved.status_code == 404
    assert draft.attachments.count() == 1


def test_an_office_may_not_process_another_authoritys_dossier(world):
    _rounds, drafts, offices = world
    Dossier.objects.filter(pk=drafts["x"].pk).update(status=DossierStatus.SUBMITTED)
    submitted = Dossier.objects.get(pk=drafts["x"].pk)
    assert not offices["province"].has_perm("dossiers.process_dossier", submitted)
    assert offices["x"].has_perm("dossiers.process_dossier", submitted)
    with pytest.raises(PermissionDenied):
        services.dossier_transition(submitted, to=DossierStatus.RECEIVED, by=offices["province"])
    assert Dossier.objects.get(pk=submitted.pk).status == DossierStatus.SUBMITTED


# --- Award rounds -----------------------------------------------------------------------------------


def test_each_office_lists_only_its_authoritys_rounds(client, world):
    rounds, _drafts, offices = world
    for place, office in offices.items():
        assert list(selectors.rounds_for_list(viewer=office)) == [rounds[place]]
        client.force_login(office)
        body = client.get(reverse("dossiers:rounds")).content.decode()
        assert [r.name in body for r in rounds.values()] == [name == place for name in rounds]


def test_a_round_is_opened_in_the_offices_own_authority(client, commune_x):
    client.force_login(commune_x.office)
    response = client.post(
        reverse("dossiers:round_add"),
        {
            "name": "Tổng kết năm học 2024-2025",
            "year": 2025,
            "commendation_kind": CommendationKind.REGULAR,
            "min_days_before_ceremony": 20,
            "is_open": "on",
        },
    )
    assert response.status_code == 302
    assert AwardRound.objects.get(name="Tổng kết năm học 2024-2025").authority == commune_x.authority


def test_another_authoritys_round_cannot_be_edited(client, world):
    rounds, _drafts, offices = world
    client.force_login(offices["province"])
    assert client.get(reverse("dossiers:round_edit", args=[rounds["x"].pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.award_round_save(by=offices["province"], award_round=rounds["x"], name="Đổi tên")
    assert AwardRound.objects.get(pk=rounds["x"].pk).name == "Đợt xã Phong Thổ 2024"


def test_a_clerk_is_offered_only_the_rounds_of_their_units_authority(world, commune_x):
    rounds, _drafts, _offices = world
    units = Unit.objects.filter(pk=commune_x.unit.pk)
    assert list(DossierCreateForm(units=units).fields["award_round"].queryset) == [rounds["x"]]
    posted = DossierCreateForm({"award_round": rounds["province"].pk, "unit": commune_x.unit.pk, "title": "Đề nghị"}, units=units)
    assert not posted.is_valid()
    assert list(posted.errors) == ["award_round"]


def test_a_clerk_cannot_submit_into_another_authoritys_round(world, commune_x):
    rounds, _drafts, _offices = world
    with pytest.raises(ValidationError) as refused:
        services.dossier_create(by=commune_x.clerk, unit=commune_x.unit, award_round=rounds["province"], title="Đề nghị")
    assert refused.value.message_dict == {"award_round": ["Đợt xét này không thuộc cơ quan của đơn vị."]}
    assert Dossier.objects.filter(unit=commune_x.unit).count() == 1


# --- The receipt register: one per authority and year ------------------------------------------------


def _receive(dossier: Dossier, office) -> Dossier:
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.SUBMITTED)
    return services.dossier_transition(Dossier.objects.get(pk=dossier.pk), to=DossierStatus.RECEIVED, by=office)


def test_each_authority_numbers_its_own_receipts_from_one(world, commune_x):
    rounds, drafts, offices = world
    year = timezone.localdate().year
    numbers = {place: _receive(drafts[place], offices[place]).receipt_number for place in ("x", "province", "y")}
    second = _draft(commune_x.clerk, commune_x.unit, rounds["x"], "Hồ sơ thứ hai xã Phong Thổ")
    assert numbers == {"x": f"{year}-00001", "province": f"{year}-00001", "y": f"{year}-00001"}
    assert _receive(second, offices["x"]).receipt_number == f"{year}-00002"
    assert next_receipt_number(year, authority_id=offices["province"].acting_authority_id) == f"{year}-00002"
    assert next_receipt_number(year, authority_id=offices["y"].acting_authority_id) == f"{year}-00002"


def test_the_receipt_locks_key_tells_authorities_and_years_apart_within_int4():
    keys = {receipt_lock_key(authority, year) for authority in (1, 2, 3, 214_747) for year in (2025, 2026)}
    assert len(keys) == 8
    assert all(-(2**31) <= key < 2**31 for key in keys | {RECEIPT_LOCK, receipt_lock_key(10**9, 2026)})


# --- The ledger, its people and its import -----------------------------------------------------------


@pytest.fixture
def commune_ledger(commune_x, ldtt):
    person = Person.objects.create(full_name="Lò Văn Pành", date_of_birth=D(1980, 2, 3), unit=commune_x.unit)
    AwardRecord.objects.create(authority=commune_x.authority, year=2023, award=ldtt, person=person)
    return person


def test_a_communes_ledger_and_people_stay_with_the_commune(client, commune_ledger, commune_x, commune_y, office_staff):
    person_url = reverse("dossiers:person", args=[commune_ledger.pk])
    unit_url = reverse("dossiers:unit_ledger", args=[commune_x.unit.pk])
    for outsider in (office_staff, commune_y.office):
        client.force_login(outsider)
        assert (client.get(person_url).status_code, client.get(unit_url).status_code) == (404, 404)
    client.force_login(commune_x.office)
    assert client.get(person_url).status_code == 200
    body = client.get(unit_url).content.decode()
    assert "Lò Văn Pành" in body


def test_the_provinces_ledger_shows_only_its_own_rows(province, commune_ledger, unit_a, ldtt):
    mine = Person.objects.create(full_name="Lò Văn Pành", date_of_birth=D(1980, 2, 3), unit=unit_a)
    AwardRecord.objects.create(authority=province, year=2023, award=ldtt, person=mine)
    assert list(selectors.ledger_records(authority_id=province.pk).values_list("person", flat=True)) == [mine.pk]
    assert list(selectors.people_of(authority_id=province.pk)) == [mine]
    # the same name and birth date in the commune is not the province's duplicate to merge
    assert selectors.likely_duplicate_people(authority_id=province.pk) == []


def test_people_of_another_authority_cannot_be_merged(client, commune_ledger, commune_x, office_staff, unit_a):
    twin = Person.objects.create(full_name="Lò Văn Pành", date_of_birth=D(1980, 2, 3), unit=unit_a)
    client.force_login(office_staff)
    response = client.post(reverse("dossiers:person_merge"), {"keep": twin.pk, "duplicate": commune_ledger.pk})
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.person_merge(by=office_staff, keep=twin, duplicate=commune_ledger)
    assert Person.objects.get(pk=commune_ledger.pk).merged_into is None


def test_a_ledger_import_belongs_to_the_importing_office_and_names_its_own_units(client, commune_x, unit_a):
    client.force_login(commune_x.office)
    rows = [
        (2022, "Lò Thị Mai", "01/01/1990", commune_x.unit.code, "ldtt", "", ""),
        (2022, "Nguyễn Văn Tỉnh", "01/01/1991", unit_a.code, "ldtt", "", ""),
    ]
    template = client.get(reverse("dossiers:ledger_template"))
    assert template.status_code == 200
    preview = excel.parse_ledger(io.BytesIO(_ledger_file(rows)), authority_id=commune_x.authority.pk)
    assert [row.is_valid for row in preview.rows] == [True, False]
    assert preview.rows[1].errors == [f"Dòng 3: không có đơn vị “{unit_a.code}”."]

    response = client.post(reverse("dossiers:ledger_import"), {"file": _upload(_ledger_file(rows[:1]))})
    token = response.context["token"]
    client.post(reverse("dossiers:ledger_import_confirm"), {"token": token})
    assert list(AwardRecord.objects.values_list("person__full_name", "authority")) == [("Lò Thị Mai", commune_x.authority.pk)]


def test_the_ledger_service_refuses_another_authoritys_units(commune_x, unit_a, ldtt):
    row = {"year": 2022, "full_name": "Nguyễn Văn Tỉnh", "date_of_birth": D(1991, 1, 1), "unit": unit_a, "award": ldtt}
    with pytest.raises(ValidationError):
        services.ledger_import(by=commune_x.office, rows=[row])
    assert AwardRecord.objects.count() == 0


def test_a_clusters_leader_proposal_goes_into_its_head_units_authoritys_rounds(world, commune_x):
    from clusters.enums import GroupKind
    from clusters.models import EmulationGroup

    rounds, _drafts, _offices = world
    group = EmulationGroup.objects.create(
        authority=commune_x.authority, year=2024, kind=GroupKind.CLUSTER, name="Cụm trường học", head=commune_x.unit
    )
    assert list(selectors.proposal_rounds(group=group)) == [rounds["x"]]
