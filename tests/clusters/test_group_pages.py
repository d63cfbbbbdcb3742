"""Who sees what (a unit its own card and the published ranking, never another unit's draft; a head
its members'), and query counts that stay flat as rows grow."""

from django.urls import reverse

from clusters import services
from tests.core.downloads import download_name
from tests.factories import UnitFactory

from .conftest import FULL, card_of, pdf, review, self_score


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_card_page_own_unit_sees_its_draft(client, clerk_c, open_sheet, unit_c):
    response = _get(client, clerk_c, reverse("clusters:card_detail", args=[card_of(open_sheet, unit_c).pk]))
    assert response.status_code == 200
    assert "Phiếu chấm điểm thi đua năm 2026 – UBND xã Thanh Mai" in response.content.decode()


def test_card_page_another_member_gets_404(client, clerk_b, open_sheet, unit_c):
    response = _get(client, clerk_b, reverse("clusters:card_detail", args=[card_of(open_sheet, unit_c).pk]))
    assert response.status_code == 404


def test_card_page_the_head_sees_a_members_card(client, clerk_a, clerk_c, open_sheet, unit_c):
    self_score(clerk_c, open_sheet, unit_c, FULL)
    response = _get(client, clerk_a, reverse("clusters:card_detail", args=[card_of(open_sheet, unit_c).pk]))
    assert response.status_code == 200
    assert "Lưu kết quả thẩm định" in response.content.decode()


def test_evidence_download_another_member_gets_404(client, clerk_b, clerk_c, open_sheet, unit_c):
    card = self_score(clerk_c, open_sheet, unit_c, FULL)
    evidence = card.lines.get(criterion__code="1").evidence.get()
    assert _get(client, clerk_b, reverse("clusters:evidence_download", args=[evidence.pk])).status_code == 404
    assert _get(client, clerk_c, reverse("clusters:evidence_download", args=[evidence.pk])).status_code == 200


def test_cluster_page_member_sees_only_its_own_score(client, clerk_b, clerk_c, open_sheet, unit_c):
    self_score(clerk_c, open_sheet, unit_c, FULL)
    page = _get(client, clerk_b, reverse("clusters:group_detail", args=[open_sheet.group_id])).content.decode()
    assert "UBND xã Bích Hòa</a>" in page
    assert "UBND xã Thanh Mai</a>" not in page


def test_cluster_page_unit_outside_the_group_gets_404(client, open_sheet):
    from accounts.enums import Role
    from tests.factories import user_with_role

    outsider = user_with_role(Role.UNIT_CLERK, UnitFactory(name="UBND xã Kim An"))
    assert _get(client, outsider, reverse("clusters:group_detail", args=[open_sheet.group_id])).status_code == 404


def test_ranking_member_sees_it_only_once_published(
    client, office_staff, clerk_a, clerk_b, clerk_c, open_sheet, unit_a, unit_b, unit_c
):
    url = reverse("clusters:ranking", args=[open_sheet.group_id])
    assert _get(client, clerk_c, url).status_code == 404
    assert _get(client, clerk_a, url).status_code == 200  # the head sees the running ranking
    for clerk, unit in ((clerk_a, unit_a), (clerk_b, unit_b), (clerk_c, unit_c)):
        self_score(clerk, open_sheet, unit, FULL)
        review(clerk_b if unit == unit_a else clerk_a, open_sheet, unit)  # the deputy reviews the head's card
    services.sheet_finalise(by=office_staff, sheet=open_sheet)
    page = _get(client, clerk_c, url)
    assert page.status_code == 200
    assert "Xếp hạng theo tổng điểm từ cao xuống thấp." in page.content.decode()


def _groups(office_staff, n, year=2026, start=0):
    for i in range(start, start + n):
        units = [UnitFactory(name=f"UBND xã Số {i}-{j}") for j in range(4)]
        group = services.group_create(by=office_staff, year=year, kind="cum", name=f"Cụm thi đua số {i + 10}", units=units)
        services.group_set_leader(by=office_staff, group=group, unit=units[0], position="truong", method="chi_dinh")
        services.pact_create(
            by=office_staff, group=group, title="Giao ước thi đua năm 2026", common_commitments="Hoàn thành nhiệm vụ."
        )


def test_group_list_query_count_stays_flat(client, office_staff, django_assert_max_num_queries):
    _groups(office_staff, 2)
    client.force_login(office_staff)
    url = reverse("clusters:group_list") + "?nam=2026"
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    _groups(office_staff, 6, start=2)
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert page.count("0/4 đơn vị đã ký") == 8


def test_cluster_page_query_count_stays_flat(
    client, office_staff, clerk_a, clerk_c, open_sheet, unit_c, django_assert_max_num_queries
):
    services.pact_create(
        by=office_staff, group=open_sheet.group, title="Giao ước thi đua năm 2026", common_commitments="Hoàn thành."
    )
    client.force_login(office_staff)
    url = reverse("clusters:group_detail", args=[open_sheet.group_id])
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    group = open_sheet.group
    from clusters.models import GroupMember

    # Test setup only: the service refuses new members once scoring is open.
    GroupMember.objects.bulk_create(
        GroupMember(group=group, unit=UnitFactory(name=f"UBND xã Mới {i}"), year=group.year) for i in range(6)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_card_page_evidence_upload_checks_content(client, clerk_c, open_sheet, unit_c):
    from django.core.files.uploadedfile import SimpleUploadedFile

    card = card_of(open_sheet, unit_c)
    line = card.lines.get(criterion__code="1")
    client.force_login(clerk_c)
    url = reverse("clusters:evidence_upload", args=[card.pk])
    fake = SimpleUploadedFile("ke-hoach.pdf", b"not a pdf at all", content_type="application/pdf")
    page = client.post(url, {"line": line.pk, "file": fake}, follow=True).content.decode()
    assert "không phải tệp PDF, DOCX, XLSX, JPG, PNG hợp lệ" in page
    client.post(url, {"line": line.pk, "file": pdf("ke-hoach.pdf")})
    assert list(line.evidence.values_list("original_name", flat=True)) == ["ke-hoach.pdf"]


def test_pact_page_office_sees_who_has_signed(client, office_staff, group, head_a):
    pact = services.pact_create(
        by=office_staff, group=group, title="Giao ước thi đua năm 2026", common_commitments="Hoàn thành nhiệm vụ."
    )
    signature = pact.signatures.get(unit=group.head)
    services.pact_sign(by=head_a, signature=signature, expected_version=signature.version)
    page = _get(client, office_staff, reverse("clusters:pact", args=[group.pk])).content.decode()
    assert "GIAO ƯỚC THI ĐUA NĂM 2026" in page.upper()
    assert "Đã ký: Đỗ Minh Tuấn" in page
    assert "Đã có 1/3 đơn vị xác nhận." in page


def test_pact_prints_as_a_document_with_confirmations(client, office_staff, group, head_a):
    import subprocess

    pact = services.pact_create(
        by=office_staff, group=group, title="Giao ước thi đua năm 2026", common_commitments="Hoàn thành nhiệm vụ được giao."
    )
    signature = pact.signatures.get(unit=group.head)
    services.pact_sign(by=head_a, signature=signature, expected_version=signature.version)
    response = _get(client, office_staff, reverse("clusters:pact_pdf", args=[group.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert download_name(response, inline=True) == "Giao ước thi đua năm 2026 - Cụm thi đua số 1.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())
    assert "GIAO ƯỚC THI ĐUA NĂM 2026" in text
    assert "Hoàn thành nhiệm vụ được giao." in text
    assert "Đã xác nhận" in text
    assert "Chưa xác nhận" in text


def test_election_page_shows_who_voted_never_for_whom(client, clerk_a, head_a, group, unit_a, unit_b):
    election = services.election_open(by=clerk_a, group=group)
    services.election_vote(by=head_a, election=election, unit=unit_a, candidate=unit_b)
    page = _get(client, clerk_a, reverse("clusters:election", args=[group.pk])).content.decode()
    assert "Đã bầu: 1/3 đơn vị" in page
    assert "Kết thúc bỏ phiếu và kiểm phiếu" in page


def test_demo_seed_clusters_runs_twice(demo_data):
    from clusters.demo import seed_clusters
    from clusters.models import EmulationGroup
    from units.models import Unit

    units = {u.code: u for u in Unit.objects.all()}
    assert seed_clusters(units) == 6
    assert seed_clusters(units) == 6
    assert list(EmulationGroup.objects.filter(year=2026).values_list("name", "head__name")) == [
        ("Cụm thi đua số 1", "UBND thị trấn Kim Bài"),
        ("Cụm thi đua số 2", "UBND xã Dân Hòa"),
        ("Cụm thi đua số 3", "UBND xã Mỹ Hưng"),
        ("Khối các cơ quan chuyên môn", "Văn phòng HĐND và UBND huyện"),
        ("Khối Mặt trận, đoàn thể và các hội", "Ủy ban MTTQ Việt Nam huyện"),
        ("Khối lực lượng vũ trang và đơn vị đóng trên địa bàn", "Công an huyện Thanh Oai"),
    ]


def test_office_creates_a_group_with_members_and_a_unit_cannot_join_two(client, office_staff, unit_a, unit_b):
    from clusters.models import EmulationGroup

    client.force_login(office_staff)
    response = client.post(
        reverse("clusters:group_add") + "?nam=2027",
        {
            "kind": EmulationGroup._meta.get_field("kind").choices[0][0],
            "name": "Cụm thi đua số 9",
            "regulations": "Quy chế hoạt động năm 2027",
            "units": [unit_a.pk, unit_b.pk],
        },
    )
    group = EmulationGroup.objects.get(name="Cụm thi đua số 9")
    assert response.url == reverse("clusters:group_detail", args=[group.pk])
    assert sorted(group.memberships.values_list("unit__name", flat=True)) == sorted([unit_a.name, unit_b.name])
    response = client.post(
        reverse("clusters:group_add") + "?nam=2027",
        {
            "kind": group.kind,
            "name": "Cụm thi đua số 10",
            "regulations": "",
            "units": [unit_a.pk],
        },
    )
    body = response.content.decode()
    assert f"Đơn vị đã thuộc cụm, khối khác trong năm 2027: {unit_a.name} (Cụm thi đua số 9)." in body
    assert 'value="Cụm thi đua số 10"' in body
    assert EmulationGroup.objects.filter(name="Cụm thi đua số 10").exists() is False


def test_office_edits_members_and_a_stale_page_is_refused(client, office_staff, unit_a, unit_b):
    from clusters import services as group_services
    from clusters.models import EmulationGroup

    group = group_services.group_create(
        by=office_staff,
        year=2027,
        kind=EmulationGroup._meta.get_field("kind").choices[0][0],
        name="Cụm thi đua số 8",
        units=[unit_a],
    )
    client.force_login(office_staff)
    url = reverse("clusters:group_edit", args=[group.pk])
    client.post(url, {"name": "Cụm thi đua số 8", "regulations": "", "units": [unit_a.pk, unit_b.pk], "version": group.version})
    assert group.memberships.count() == 2
    stale = client.post(url, {"name": "Cụm 8 (đổi tên)", "regulations": "", "units": [unit_a.pk], "version": group.version})
    assert "vừa được người khác cập nhật" in stale.content.decode()
    assert EmulationGroup.objects.get(pk=group.pk).name == "Cụm thi đua số 8"


def test_clerk_cannot_edit_groups(client, clerk_a):
    client.force_login(clerk_a)
    assert client.get(reverse("clusters:group_add")).status_code == 403


def test_evidence_posted_twice_from_one_drawn_form_is_stored_once(client, clerk_c, open_sheet, unit_c):
    """A double click on "Tải lên": the form's one-time token stores the file once; the second post is told
    the work is done and lands on the card."""
    import re

    card = card_of(open_sheet, unit_c)
    line = card.lines.get(criterion__code="1")
    client.force_login(clerk_c)
    card_url = reverse("clusters:card_detail", args=[card.pk])
    token = re.search(r'name="once" value="([0-9a-f-]{36})"', client.get(card_url).content.decode()).group(1)
    url = reverse("clusters:evidence_upload", args=[card.pk])
    first = client.post(url, {"once": token, "line": line.pk, "file": pdf("ke-hoach.pdf")})
    second = client.post(url, {"once": token, "line": line.pk, "file": pdf("ke-hoach.pdf")})
    assert (first.status_code, first.url) == (302, card_url)
    assert (second.status_code, second.url) == (302, card_url)
    assert "Thao tác này đã được thực hiện." in client.get(card_url).content.decode()
    assert list(line.evidence.values_list("original_name", flat=True)) == ["ke-hoach.pdf"]
