"""Refused forms of clusters and blocs come back as the user typed them (status 200, the errors in
Vietnamese), instead of a redirect that loses the input. One-click buttons answer with a message."""

from decimal import Decimal as D

from django.urls import reverse

from clusters import services
from clusters.models import Criterion, EmulationGroup, Pact, PactSignature

from .conftest import FULL, card_of, ids, self_score


def _post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def test_criterion_add_with_points_that_are_not_a_number_keeps_what_was_typed(client, office_staff, sheet):
    before = sheet.criteria.count()
    response = _post(
        client,
        office_staff,
        reverse("clusters:criterion_add", args=[sheet.pk]),
        {
            "new-code": "5",
            "new-title": "Xây dựng nông thôn mới nâng cao",
            "new-kind": "tieu_chi",
            "new-max_points": "mười lăm",
            "new-evidence": "Quyết định công nhận",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Điểm tối đa phải là một số." in body
    assert 'value="Xây dựng nông thôn mới nâng cao"' in body
    assert 'value="mười lăm"' in body
    assert 'value="Quyết định công nhận"' in body
    assert sheet.criteria.count() == before


def test_criterion_add_without_a_title_names_the_missing_field(client, office_staff, sheet):
    response = _post(
        client,
        office_staff,
        reverse("clusters:criterion_add", args=[sheet.pk]),
        {"new-code": "5", "new-title": "", "new-kind": "tieu_chi", "new-max_points": "12,5"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung: Trường này là bắt buộc." in body
    assert 'value="12,5"' in body


def test_criterion_add_valid_goes_under_its_group(client, office_staff, sheet):
    parent = sheet.criteria.get(code="II")
    response = _post(
        client,
        office_staff,
        reverse("clusters:criterion_add", args=[sheet.pk]),
        {
            "new-code": "5",
            "new-title": "Quốc phòng, an ninh",
            "new-parent": parent.pk,
            "new-kind": "tieu_chi",
            "new-max_points": "12,5",
        },
    )
    assert response.status_code == 302
    created = sheet.criteria.get(code="5")
    assert (created.parent, created.title, created.max_points) == (parent, "Quốc phòng, an ninh", D("12.5"))


def test_criterion_edit_with_a_negative_cap_keeps_the_typed_value(client, office_staff, sheet):
    criterion = sheet.criteria.get(code="4")
    prefix = f"c{criterion.pk}"
    response = _post(
        client,
        office_staff,
        reverse("clusters:criterion_edit", args=[sheet.pk, criterion.pk]),
        {f"{prefix}-max_points": "-5", f"{prefix}-version": criterion.version},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Điểm tối đa không được âm." in body
    assert f'name="{prefix}-max_points" value="-5"' in body
    assert Criterion.objects.get(pk=criterion.pk).max_points == D("70")


def test_leader_appointment_refused_keeps_the_typed_note(client, office_staff, group, unit_b):
    response = _post(
        client,
        office_staff,
        reverse("clusters:group_leader", args=[group.pk]),
        {
            "leader-unit": unit_b.pk,  # already the deputy
            "leader-position": "truong",
            "leader-method": "bau",
            "leader-note": "Biên bản họp cụm ngày 10/01/2026",
            "leader-version": group.version,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trưởng và phó trưởng cụm, khối phải là hai đơn vị khác nhau." in body
    assert 'value="Biên bản họp cụm ngày 10/01/2026"' in body
    assert f'<option value="{unit_b.pk}" selected>' in body
    assert EmulationGroup.objects.get(pk=group.pk).head == group.head


def test_pact_without_common_commitments_keeps_the_typed_title(client, office_staff, group):
    response = _post(
        client,
        office_staff,
        reverse("clusters:group_pact_create", args=[group.pk]),
        {"pact-title": "Giao ước thi đua Cụm số 1 năm 2026", "pact-common_commitments": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung giao ước chung: Trường này là bắt buộc." in body
    assert 'value="Giao ước thi đua Cụm số 1 năm 2026"' in body
    assert Pact.objects.filter(group=group).exists() is False


def test_pact_created_from_the_form_has_the_typed_text(client, office_staff, group):
    response = _post(
        client,
        office_staff,
        reverse("clusters:group_pact_create", args=[group.pk]),
        {"pact-title": "", "pact-common_commitments": "Hoàn thành nhiệm vụ năm 2026."},
    )
    pact = Pact.objects.get(group=group)
    assert response.url == reverse("clusters:pact", args=[group.pk])
    assert (pact.title, pact.common_commitments) == ("Giao ước thi đua năm 2026", "Hoàn thành nhiệm vụ năm 2026.")


def test_pact_commitment_after_the_head_signed_keeps_the_typed_text(client, office_staff, group, clerk_a, head_a):
    pact = services.pact_create(by=office_staff, group=group, title="Giao ước thi đua năm 2026", common_commitments="Hoàn thành.")
    signature = pact.signatures.get(unit=group.head)
    opened = signature.version
    services.pact_sign(by=head_a, signature=signature, expected_version=opened)
    prefix = f"s{signature.pk}"
    response = _post(
        client,
        clerk_a,
        reverse("clusters:pact_commit", args=[group.pk, signature.pk]),
        {
            f"{prefix}-commitment": "Hoàn thành 100% chỉ tiêu.",
            f"{prefix}-version": opened,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đơn vị đã xác nhận giao ước; không sửa được nội dung đăng ký." in body
    assert "Hoàn thành 100% chỉ tiêu.</textarea>" in body
    assert PactSignature.objects.get(pk=signature.pk).commitment == ""


def test_card_self_score_above_the_cap_keeps_points_and_notes(client, clerk_c, open_sheet, unit_c):
    card = card_of(open_sheet, unit_c)
    code = ids(open_sheet)
    response = _post(
        client,
        clerk_c,
        reverse("clusters:card_save", args=[card.pk]),
        {"version": card.version, f"p-{code['1']}": "12", f"n-{code['1']}": "Kế hoạch số 05/KH-UBND"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mục 1: tối đa 10 điểm." in body
    assert 'value="12"' in body
    assert 'value="Kế hoạch số 05/KH-UBND"' in body
    assert card_of(open_sheet, unit_c).lines.get(criterion_id=code["1"]).self_points is None


def test_card_return_refused_keeps_the_typed_reason(client, clerk_a, clerk_c, open_sheet, unit_c):
    card = self_score(clerk_c, open_sheet, unit_c, FULL)
    stale = card.version - 1
    response = _post(
        client,
        clerk_a,
        reverse("clusters:card_return", args=[card.pk]),
        {"version": stale, "reason": "Thiếu minh chứng mục 3"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in body
    assert 'value="Thiếu minh chứng mục 3"' in body
    assert card_of(open_sheet, unit_c).status == "da_gui"


def test_group_buttons_each_have_their_address_and_refuse_with_a_message(client, office_staff, group):
    """Opening scoring with no criteria sheet: the page says why, nothing changes, never a 500."""
    from django.contrib.messages import get_messages

    response = _post(client, office_staff, reverse("clusters:group_open_scoring", args=[group.pk]), {})
    assert (response.status_code, response.url) == (302, reverse("clusters:group_detail", args=[group.pk]))
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Cụm, khối chưa có bảng tiêu chí chấm điểm."]
    assert client.get(reverse("clusters:group_finalise", args=[group.pk])).status_code == 405
