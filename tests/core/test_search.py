"""Every search box finds Vietnamese names as people type them: NFD (macOS, phone keyboards) or NFC,
without diacritics ("Nguyen" → "Nguyễn", "dan hoa" → "Dân Hòa"), d for đ, any case — through one search
key (core.text.search_key) stored beside each name, kept on save, in save_with_version and bulk paths."""

import datetime
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.enums import Role
from campaigns.models import Campaign
from core.text import search_key
from dossiers import services as dossier_services
from dossiers.models import AwardRound, AwardType, Dossier, Nominee
from units import services as unit_services
from units.models import Unit

from ..factories import UnitFactory, user_with_role

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_search_key_folds_case_diacritics_d_and_spaces():
    assert search_key("  Nguyễn  Văn\tĐức ") == "nguyen van duc"
    assert search_key(nfd("Kim Bài")) == search_key("Kim Bài") == "kim bai"
    assert search_key("Ưng Hòa", "ĐƠN VỊ") == "ung hoa don vi"
    assert search_key(None, "") == ""


# --- Units: /don-vi/ ---------------------------------------------------------------------------------

UNIT_QUERIES = [nfd("Kim Bài"), "Kim Bài", "kim bai", "KIM BAI", "bai kim"]


@pytest.mark.parametrize("query", UNIT_QUERIES, ids=["nfd", "nfc", "no-diacritics", "upper", "any-order"])
def test_unit_list_search_finds_kim_bai_as_typed(client, office_staff, query):
    UnitFactory(name="UBND thị trấn Kim Bài")
    UnitFactory(name="UBND xã Kim An")
    client.force_login(office_staff)
    html = client.get(reverse("units:unit_list"), {"q": query}).content.decode()
    assert "UBND thị trấn Kim Bài" in html
    assert "UBND xã Kim An" not in html


def test_unit_list_search_matches_d_for_dj(client, office_staff):
    UnitFactory(name="UBND xã Đại Hưng")
    UnitFactory(name="UBND xã Hồng Dương")
    client.force_login(office_staff)
    html = client.get(reverse("units:unit_list"), {"q": "dai hung"}).content.decode()
    assert ("UBND xã Đại Hưng" in html, "UBND xã Hồng Dương" in html) == (True, False)


def test_unit_renamed_through_its_service_is_found_by_its_new_name(office_staff):
    unit = UnitFactory(name="UBND xã Cũ")
    unit_services.unit_update(by=office_staff, unit=unit, expected_version=unit.version, name=nfd("UBND xã Dân Hòa"))
    unit = Unit.objects.get(pk=unit.pk)
    assert (unit.name, unit.search_name) == ("UBND xã Dân Hòa", "ubnd xa dan hoa")


def test_units_made_in_bulk_carry_their_search_key():
    Unit.objects.bulk_create([Unit(name="Trường Tiểu học Đồng Tâm", code="th-dong-tam", kind="xa")])
    assert Unit.objects.get(code="th-dong-tam").search_name == "truong tieu hoc dong tam"


# --- Dossiers and nominees: /ho-so/ --------------------------------------------------------------------


@pytest.fixture
def dossiers_of_a(clerk_a, unit_a):
    award_round = AwardRound.objects.create(
        name="Tổng kết năm",
        year=timezone.localdate().year,
        commendation_kind="thuong_xuyen",
        submission_deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    found = dossier_services.dossier_create(by=clerk_a, unit=unit_a, award_round=award_round, title="Đề nghị khen thưởng Dân Hòa")
    other = dossier_services.dossier_create(by=clerk_a, unit=unit_a, award_round=award_round, title="Đề nghị khen Thanh Cao")
    ldtt = AwardType.objects.get(code="ldtt")
    Nominee.objects.create(dossier=found, award=ldtt, full_name=nfd("Nguyễn Thị Đào"))
    Nominee.objects.create(dossier=other, award=ldtt, full_name="Lê Văn Hùng")
    return found, other


DOSSIER_QUERIES = [
    ("dan hoa", "title without diacritics"),
    (nfd("Dân Hòa"), "title in NFD"),
    ("nguyen thi dao", "nominee without diacritics, d for đ"),
    ("Nguyễn", "nominee in NFC, stored from NFD"),
    (nfd("NGUYỄN"), "nominee in NFD upper case"),
]


@pytest.mark.parametrize(("query", "why"), DOSSIER_QUERIES, ids=[why for _q, why in DOSSIER_QUERIES])
def test_dossier_list_search_finds_title_and_nominee_as_typed(client, clerk_a, dossiers_of_a, query, why):
    client.force_login(clerk_a)
    html = client.get(reverse("dossiers:list"), {"q": query}).content.decode()
    assert ("Đề nghị khen thưởng Dân Hòa" in html, "Đề nghị khen Thanh Cao" in html) == (True, False)


def test_dossier_list_search_finds_the_unit_without_diacritics(client, clerk_a, unit_a, dossiers_of_a):
    client.force_login(clerk_a)
    html = client.get(reverse("dossiers:list"), {"q": "cu khe"}).content.decode()  # UBND xã Cự Khê
    assert ("Đề nghị khen thưởng Dân Hòa" in html, "Đề nghị khen Thanh Cao" in html) == (True, True)


def test_dossier_and_nominee_names_are_stored_nfc_with_their_keys(dossiers_of_a):
    found, _other = dossiers_of_a
    nominee = Nominee.objects.get(dossier=found)
    assert (nominee.full_name, nominee.search_name) == ("Nguyễn Thị Đào", "nguyen thi dao")
    assert Dossier.objects.get(pk=found.pk).search_title == "de nghi khen thuong dan hoa"


def test_dossier_retitled_through_its_service_is_found_by_its_new_title(clerk_a, dossiers_of_a):
    found, _other = dossiers_of_a
    found.refresh_from_db()
    dossier_services.dossier_update(by=clerk_a, dossier=found, expected_version=found.version, title="Khen Đội Bình")
    assert Dossier.objects.get(pk=found.pk).search_title == "khen doi binh"


def test_imported_nominees_carry_their_search_key(clerk_a, dossiers_of_a):
    found, _other = dossiers_of_a
    found.refresh_from_db()
    rows = [{"full_name": nfd("Đỗ Thị Ánh"), "award": AwardType.objects.get(code="ldtt"), "subject": "ca_nhan"}]
    [nominee] = dossier_services.nominees_bulk_create(by=clerk_a, dossier=found, rows=rows)
    assert Nominee.objects.filter(pk=nominee.pk).values_list("full_name", "search_name").get() == ("Đỗ Thị Ánh", "do thi anh")


# --- Users: /tai-khoan/nguoi-dung/ -----------------------------------------------------------------------

USER_QUERIES = [nfd("Nguyễn Thị Đào"), "nguyen thi dao", "ĐÀO", "dao nguyen", "ndao"]


@pytest.mark.parametrize("query", USER_QUERIES, ids=["nfd", "no-diacritics", "upper-dj", "any-order", "username"])
def test_user_list_search_finds_names_as_typed(client, office_staff, unit_a, query):
    user_with_role(Role.UNIT_CLERK, unit_a, full_name="Nguyễn Thị Đào", username="ndao")
    user_with_role(Role.UNIT_CLERK, unit_a, full_name="Nguyễn Văn Bình", username="nbinh")
    client.force_login(office_staff)
    html = client.get(reverse("accounts:user_list"), {"q": query}).content.decode()
    assert ("Nguyễn Thị Đào" in html, "Nguyễn Văn Bình" in html) == (True, False)


def test_user_renamed_by_staff_is_found_by_the_new_name(office_staff, clerk_a):
    account_services.user_update(by=office_staff, user=clerk_a, expected_version=clerk_a.version, full_name=nfd("Đặng Thu Hà"))
    assert type(clerk_a).objects.filter(pk=clerk_a.pk).values_list("full_name", "search_name").get() == (
        "Đặng Thu Hà",
        "dang thu ha",
    )


# --- Campaigns -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [nfd("Dân vận khéo"), "dan van kheo", "DAN VAN", "25/kh"])
def test_campaign_list_search_finds_names_as_typed(client, office_staff, unit_a, query):
    today = timezone.localdate()
    common = dict(kind="thuong_xuyen", owner=unit_a, start_date=today, created_by=office_staff)
    Campaign.objects.create(name="Phong trào Dân vận khéo", launch_document="Kế hoạch số 25/KH-UBND", **common)
    Campaign.objects.create(name="Phong trào Xây dựng nông thôn mới", **common)
    client.force_login(office_staff)
    html = client.get(reverse("campaigns:campaign_list"), {"q": query}).content.decode()
    assert ("Phong trào Dân vận khéo" in html, "nông thôn mới" in html) == (True, False)


# --- The admin's search boxes ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [nfd("Kim Bài"), "kim bai"])
def test_admin_unit_search_finds_names_as_typed(admin_client, query):
    UnitFactory(name="UBND thị trấn Kim Bài")
    UnitFactory(name="UBND xã Kim An")
    html = admin_client.get(reverse("admin:units_unit_changelist"), {"q": query}).content.decode()
    assert ("UBND thị trấn Kim Bài" in html, "UBND xã Kim An" in html) == (True, False)


def test_admin_dossier_search_finds_a_nominee_once(admin_client, dossiers_of_a):
    found, _other = dossiers_of_a
    Nominee.objects.create(dossier=found, award=AwardType.objects.get(code="ldtt"), full_name="Nguyễn Văn Đông")
    response = admin_client.get(reverse("admin:dossiers_dossier_changelist"), {"q": "nguyen"})
    assert [d.pk for d in response.context["cl"].result_list] == [found.pk]


# --- The backfill of existing rows --------------------------------------------------------------------------


def test_data_migrations_fill_the_search_keys_of_existing_rows(clerk_a, unit_a, dossiers_of_a):
    """Rows saved before the search columns existed (here: columns blanked) get their keys from the migrations."""
    import importlib

    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    Campaign.objects.create(
        name="Phong trào Dân vận khéo", kind="thuong_xuyen", owner=unit_a, start_date=timezone.localdate(), created_by=clerk_a
    )
    Campaign.objects.update(search_text="")
    importlib.import_module("campaigns.migrations.0005_search_text").fill_campaign_search_text(apps, None)
    assert Campaign.objects.get().search_text == "phong trao dan van kheo"
    Unit.objects.update(search_name="")
    Dossier.objects.update(search_title="")
    Nominee.objects.update(search_name="")
    type(clerk_a).objects.update(search_name="")
    # Unit has since moved to units/ (#12): this migration runs with the models as they were then.
    then = MigrationLoader(None).project_state(("clusters", "0007_search_name")).apps
    importlib.import_module("clusters.migrations.0007_search_name").fill_unit_search_name(then, None)
    dossiers = importlib.import_module("dossiers.migrations.0006_search_name")
    dossiers.fill_dossier_search_title(apps, None)
    dossiers.fill_nominee_search_name(apps, None)
    importlib.import_module("accounts.migrations.0003_search_name").fill_user_search_name(apps, None)
    assert Unit.objects.get(pk=clerk_a.role_assignments.get().unit_id).search_name == "ubnd xa cu khe"
    titles = sorted(Dossier.objects.values_list("search_title", flat=True))
    assert titles == ["de nghi khen thanh cao", "de nghi khen thuong dan hoa"]
    assert sorted(Nominee.objects.values_list("search_name", flat=True)) == ["le van hung", "nguyen thi dao"]
    assert type(clerk_a).objects.get(pk=clerk_a.pk).search_name == "pham thi lan"


def test_the_signers_names_of_the_authority_are_stored_nfc():
    from units.models import Authority

    authority = Authority.root()
    authority.chair_name, authority.deputy_name = nfd("Nguyễn Văn Đức"), nfd(" Lê  Thị Hà ")
    authority.save()
    assert Authority.objects.values_list("chair_name", "deputy_name").get() == ("Nguyễn Văn Đức", "Lê Thị Hà")


def test_every_model_with_search_keys_keeps_them_in_bulk_paths_too():
    """A model that declares search columns must use SearchKeyQuerySet (bulk_create/bulk_update skip save())."""
    from django.apps import apps

    from core.models import SearchKeyMixin, SearchKeyQuerySet

    searchable = [model for model in apps.get_models() if issubclass(model, SearchKeyMixin)]
    assert sorted(model.__name__ for model in searchable) == ["Campaign", "Dossier", "Nominee", "Unit", "User"]
    for model in searchable:
        assert isinstance(model._default_manager.all(), SearchKeyQuerySet), model
        for column, sources in model.search_keys.items():
            assert model._meta.get_field(column).db_index, (model, column)
            assert all(model._meta.get_field(source) for source in sources)
