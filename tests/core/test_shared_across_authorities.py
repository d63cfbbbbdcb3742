"""What is shared between authorities stays out of a commune office's hands (#13): the accounts of people who
also act elsewhere, other authorities' audit entries, the installation's e-mail outbox and reminder settings,
and a person whose awards another authority keeps."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import services as account_services
from accounts.enums import Role
from accounts.models import RoleAssignment
from core.models import AuditEntry
from core.services import audit_record
from dossiers.models import AwardRecord, AwardType, Person
from dossiers.services import person_merge


@pytest.fixture
def province_official_on_the_communes_council(commune_x, office_staff):
    """The province's office staff member also sits on Phong Thổ's council."""
    RoleAssignment.objects.create(user=office_staff, role=Role.COUNCIL_MEMBER, authority=commune_x.authority)
    return office_staff


def test_a_commune_office_cannot_take_over_an_account_that_acts_elsewhere(commune_x, province_official_on_the_communes_council):
    official = province_official_on_the_communes_council
    for change in (
        lambda: account_services.user_reset_password(by=commune_x.office, user=official, by_email=False),
        lambda: account_services.user_set_active(by=commune_x.office, user=official, active=False),
        lambda: account_services.user_update(
            by=commune_x.office, user=official, expected_version=official.version, email="x@y.vn"
        ),
    ):
        with pytest.raises(PermissionDenied, match="có vai trò ở cơ quan khác"):
            change()
    official.refresh_from_db()
    assert official.is_active and official.email != "x@y.vn"


def test_a_commune_office_still_manages_its_own_people(commune_x):
    temporary = account_services.user_reset_password(by=commune_x.office, user=commune_x.clerk, by_email=False)
    assert temporary


def test_each_office_reads_its_own_authoritys_audit(client, commune_x, commune_y, office_staff):
    audit_record(actor=commune_y.office, action="unit_update", obj=commune_y.unit, changes={"phone": ["", "1"]})
    audit_record(actor=commune_x.office, action="unit_update", obj=commune_x.unit, changes={"phone": ["", "2"]})
    assert AuditEntry.objects.get(object_id=str(commune_y.unit.pk)).authority_id == commune_y.authority.pk
    client.force_login(commune_x.office)
    body = client.get(reverse("audit_list")).content.decode()
    assert commune_x.unit.name in body and commune_y.unit.name not in body
    client.force_login(office_staff)  # the province's office: its own entries only
    assert commune_y.unit.name not in client.get(reverse("audit_list")).content.decode()


def test_the_installations_outbox_and_reminder_settings_are_not_a_communes(client, commune_x, office_staff):
    outbox, settings_page = reverse("notifications:outbox"), reverse("campaigns:reminder_settings")
    client.force_login(commune_x.office)
    assert client.get(outbox).status_code == 403
    page = client.get(settings_page).content.decode()  # its own reminders, the schedule read-only
    assert 'id="reminder-schedule"' in page and "<form" not in page.split('id="reminder-schedule"')[0].split("Lịch nhắc")[-1]
    assert client.post(settings_page, {"scan_hour": 8}).status_code == 403
    client.force_login(office_staff)  # the top authority's office, as in a one-authority installation
    assert client.get(outbox).status_code == 200
    assert 'id="reminder-schedule"' not in client.get(settings_page).content.decode()


def test_merging_a_person_whose_awards_another_authority_keeps_is_the_administrators(commune_x, commune_y):
    keep = Person.objects.create(full_name="Lò Văn Thanh", unit=commune_x.unit)
    duplicate = Person.objects.create(full_name="Lò Văn Thanh", unit=commune_x.unit)
    AwardRecord.objects.create(
        authority=commune_y.authority, year=2025, award=AwardType.objects.get(code="ldtt"), person=duplicate, source="nhap_excel"
    )
    with pytest.raises(PermissionDenied, match="cơ quan khác"):
        person_merge(by=commune_x.office, keep=keep, duplicate=duplicate)
    assert AwardRecord.objects.get().person == duplicate
