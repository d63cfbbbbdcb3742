"""Two people editing one record in clusters: the second save, made from a page opened before the
first, is refused with a Vietnamese message, shows what the second person typed, and leaves the
first person's values in place."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from accounts.enums import Role
from clusters import services
from clusters.models import Criterion, EmulationGroup, PactSignature, ScoreCard
from tests.factories import user_with_role
from units.models import Authority

from .conftest import card_of, ids

CONFLICT = "Bản ghi này vừa được người khác cập nhật sau khi bạn mở trang."


def _post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


# --- A criterion of a scoring sheet ---------------------------------------------------------------


def test_criterion_edit_from_a_stale_page_is_refused_and_keeps_the_typed_cap(client, office_staff, clerk_a, sheet):
    criterion = sheet.criteria.get(code="4")
    url = reverse("clusters:criterion_edit", args=[sheet.pk, criterion.pk])
    opened = criterion.version  # A (the office) and B (the head's clerk) both open the sheet
    prefix = f"c{criterion.pk}"
    first = _post(client, office_staff, url, {f"{prefix}-max_points": "65", f"{prefix}-version": opened})
    assert first.status_code == 302
    second = _post(client, clerk_a, url, {f"{prefix}-max_points": "55,5", f"{prefix}-version": opened})
    body = second.content.decode()
    assert second.status_code == 200
    assert CONFLICT in body
    assert f'name="{prefix}-max_points" value="55,5"' in body
    criterion.refresh_from_db()
    assert (criterion.max_points, criterion.version) == (D("65"), opened + 1)


def test_criterion_update_service_refuses_a_stale_version(office_staff, sheet):
    from core.services import ConcurrentEditError

    criterion = sheet.criteria.get(code="4")
    services.criterion_update(by=office_staff, criterion=criterion, expected_version=1, title="Chỉ tiêu kinh tế")
    stale = Criterion.objects.get(pk=criterion.pk)
    with pytest.raises(ConcurrentEditError) as excinfo:
        services.criterion_update(by=office_staff, criterion=stale, expected_version=1, title="Chỉ tiêu xã hội")
    assert str(excinfo.value).startswith(CONFLICT)
    assert Criterion.objects.get(pk=criterion.pk).title == "Chỉ tiêu kinh tế"


def test_criterion_delete_from_a_stale_page_is_refused(client, office_staff, clerk_a, sheet):
    criterion = sheet.criteria.get(code="4")
    opened = criterion.version
    prefix = f"c{criterion.pk}"
    _post(
        client,
        office_staff,
        reverse("clusters:criterion_edit", args=[sheet.pk, criterion.pk]),
        {f"{prefix}-max_points": "65", f"{prefix}-version": opened},
    )
    response = _post(client, clerk_a, reverse("clusters:criterion_delete", args=[sheet.pk, criterion.pk]), {"version": opened})
    page = client.get(response.url).content.decode()
    assert CONFLICT in page
    assert Criterion.objects.filter(pk=criterion.pk).exists() is True


# --- The pact: each member's commitment, and the head's confirmation --------------------------------


def _pact(office_staff, group):
    return services.pact_create(
        by=office_staff, group=group, title="Giao ước thi đua năm 2026", common_commitments="Hoàn thành nhiệm vụ."
    )


def test_pact_commitment_from_a_stale_page_is_refused_and_keeps_the_typed_text(client, office_staff, group, clerk_a, head_a):
    signature = _pact(office_staff, group).signatures.get(unit=group.head)
    url = reverse("clusters:pact_commit", args=[group.pk, signature.pk])
    opened = signature.version  # the clerk and the head of Cự Khê both open the pact
    prefix = f"s{signature.pk}"
    first = _post(
        client,
        clerk_a,
        url,
        {
            f"{prefix}-commitment": "Hoàn thành 100% chỉ tiêu.",
            f"{prefix}-version": opened,
        },
    )
    assert first.status_code == 302
    second = _post(
        client,
        head_a,
        url,
        {
            f"{prefix}-commitment": "Giữ vững danh hiệu “Tập thể lao động xuất sắc”.",
            f"{prefix}-version": opened,
        },
    )
    body = second.content.decode()
    assert second.status_code == 200
    assert CONFLICT in body
    assert "Giữ vững danh hiệu “Tập thể lao động xuất sắc”.</textarea>" in body
    assert "Nội dung đang lưu: Hoàn thành 100% chỉ tiêu." in body
    signature.refresh_from_db()
    assert (signature.commitment, signature.version) == ("Hoàn thành 100% chỉ tiêu.", opened + 1)


def test_pact_sign_of_a_commitment_changed_since_the_page_opened_is_refused(client, office_staff, group, clerk_a, head_a):
    signature = _pact(office_staff, group).signatures.get(unit=group.head)
    opened = signature.version  # the head opens the pact and reads the (empty) commitment
    services.pact_commit(by=clerk_a, signature=signature, expected_version=opened, commitment="Hoàn thành 100% chỉ tiêu.")
    url = reverse("clusters:pact_sign", args=[group.pk, signature.pk])
    response = _post(client, head_a, url, {"version": opened})
    page = client.get(response.url).content.decode()
    assert "Nội dung đăng ký của UBND xã Cự Khê vừa được sửa sau khi bạn mở trang." in page
    assert PactSignature.objects.get(pk=signature.pk).signed_at is None
    # Having read the new text, the head signs it.
    _post(client, head_a, url, {"version": opened + 1})
    assert PactSignature.objects.get(pk=signature.pk).signed_by == head_a


# --- The head's appointment (group page) -----------------------------------------------------------


def test_leader_appointment_from_a_stale_page_is_refused_and_keeps_the_typed_note(client, office_staff, group, unit_b, unit_c):
    other_office = user_with_role(Role.OFFICE_STAFF, full_name="Ngô Thị Hà")
    url = reverse("clusters:group_leader", args=[group.pk])
    opened = group.version
    first = _post(
        client,
        office_staff,
        url,
        {
            "leader-unit": unit_c.pk,
            "leader-position": "truong",
            "leader-method": "bau",
            "leader-note": "Biên bản họp cụm ngày 10/01/2026",
            "leader-version": opened,
        },
    )
    assert first.status_code == 302
    second = _post(
        client,
        other_office,
        url,
        {
            "leader-unit": unit_b.pk,
            "leader-position": "pho",
            "leader-method": "chi_dinh",
            "leader-note": "Công văn số 99/UBND-NV",
            "leader-version": opened,
        },
    )
    body = second.content.decode()
    assert second.status_code == 200
    assert CONFLICT in body
    assert 'value="Công văn số 99/UBND-NV"' in body
    group = EmulationGroup.objects.get(pk=group.pk)
    assert (group.head, group.version) == (unit_c, opened + 1)


# --- The authority ---------------------------------------------------------------------------------


def test_authority_edit_from_a_stale_page_is_refused_and_keeps_the_typed_name(client, system_admin):
    other_admin = user_with_role(Role.ADMIN, full_name="Trịnh Văn Long")
    authority = Authority.root()
    data = {
        f.name: getattr(authority, f.name) or "" for f in Authority._meta.fields if f.name not in ("id", "parent", "updated_at")
    }
    url = reverse("units:authority_edit")
    first = _post(client, system_admin, url, {**data, "place_name": "Thanh Oai"})
    assert first.status_code == 302
    second = _post(client, other_admin, url, {**data, "place_name": "Kim Bài"})
    body = second.content.decode()
    assert second.status_code == 200
    assert CONFLICT in body
    assert 'value="Kim Bài"' in body
    assert (Authority.root().place_name, Authority.root().version) == ("Thanh Oai", data["version"] + 1)


# --- A score card: the version was already there; a conflict now keeps what was typed --------------


def test_card_self_score_from_a_stale_page_is_refused_and_keeps_the_typed_points(client, clerk_c, open_sheet, unit_c):
    card = card_of(open_sheet, unit_c)
    code = ids(open_sheet)
    url = reverse("clusters:card_save", args=[card.pk])
    opened = card.version
    _post(client, clerk_c, url, {"version": opened, f"p-{code['2']}": "8", f"n-{code['2']}": ""})
    second = _post(
        client,
        clerk_c,
        url,
        {"version": opened, f"p-{code['2']}": "9,5", f"n-{code['2']}": "Đã ký giao ước ngày 15/01"},
    )
    body = second.content.decode()
    assert second.status_code == 200
    assert CONFLICT in body
    assert 'value="9,5"' in body
    assert 'value="Đã ký giao ước ngày 15/01"' in body
    assert f'name="version" value="{opened}"' in body  # still the stale version: reload before saving
    line = ScoreCard.objects.get(pk=card.pk).lines.get(criterion_id=code["2"])
    assert (line.self_points, line.self_note) == (D("8"), "")
