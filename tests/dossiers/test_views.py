import pytest
from django.urls import reverse

from accounts.enums import Role
from dossiers import services
from dossiers.enums import ComponentType, DossierStatus
from dossiers.models import AwardType, Dossier, Nominee
from tests.clock import at
from tests.core.downloads import download_name
from tests.factories import UnitFactory, user_with_role
from units.models import Authority

from .conftest import PDF, add_person, pdf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["dossiers:detail", "dossiers:nominee_add"])
def test_clerk_of_another_unit_gets_404(client, draft, clerk_b, name):
    client.force_login(clerk_b)
    assert client.get(reverse(name, args=[draft.pk])).status_code == 404


def test_attachment_download_checks_the_dossier(client, draft, clerk_a, clerk_b, office_staff):
    attachment = services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=pdf())
    url = reverse("dossiers:attachment_download", args=[draft.pk, attachment.pk])
    client.force_login(clerk_b)
    assert client.get(url).status_code == 404
    client.force_login(office_staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'attachment; filename="to-trinh.pdf"' in response["Content-Disposition"]


def test_an_attachment_downloads_under_its_vietnamese_name(client, draft, clerk_a):
    upload = pdf("Tờ trình đề nghị khen thưởng.pdf")
    attachment = services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=upload)
    client.force_login(clerk_a)
    response = client.get(reverse("dossiers:attachment_download", args=[draft.pk, attachment.pk]))
    assert download_name(response, inline=False) == "Tờ trình đề nghị khen thưởng.pdf"


def test_council_member_sees_only_dossiers_at_council(client, complete_draft, council_member):
    client.force_login(council_member)
    assert client.get(reverse("dossiers:detail", args=[complete_draft.pk])).status_code == 404
    Dossier.objects.filter(pk=complete_draft.pk).update(status=DossierStatus.AT_COUNCIL)
    assert client.get(reverse("dossiers:detail", args=[complete_draft.pk])).status_code == 200


def test_clerk_creates_and_fills_a_dossier_through_pages(client, clerk_a, award_round, unit_a):
    client.force_login(clerk_a)
    response = client.post(
        reverse("dossiers:create"),
        {
            "award_round": award_round.pk,
            "unit": unit_a.pk,
            "title": "Đề nghị tặng danh hiệu LĐTT năm 2024",
        },
    )
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossiers:detail", args=[dossier.pk])
    ldtt = AwardType.objects.get(code="ldtt")
    response = client.post(
        reverse("dossiers:nominee_add", args=[dossier.pk]) + "?subject=ca_nhan",
        {
            "award": ldtt.pk,
            "full_name": "Trần Thị Bích",
            "gender": "nu",
            "date_of_birth": "05/06/1990",
            "worker_category": "truc_tiep",
            "months_worked": 12,
            "task_rating": "tot",
            "discipline": "khong",
            "version": dossier.version,
        },
    )
    assert response.status_code == 302
    nominee = Nominee.objects.get()
    assert (nominee.full_name, nominee.date_of_birth.isoformat(), nominee.verdict) == (
        "Trần Thị Bích",
        "1990-06-05",
        "du_dieu_kien",
    )
    body = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Hồ sơ còn thiếu: Tờ trình đề nghị khen thưởng, Biên bản họp bình xét." in body
    # A settled dossier (a decided one of a past year, say) is asked for nothing more.
    Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.DECIDED)
    body = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Hồ sơ còn thiếu" not in body
    assert "Thiếu:" not in body


def test_nominee_form_keeps_input_on_error(client, draft, clerk_a):
    client.force_login(clerk_a)
    ldtt = AwardType.objects.get(code="ldtt")
    response = client.post(
        reverse("dossiers:nominee_add", args=[draft.pk]) + "?subject=ca_nhan",
        {
            "award": ldtt.pk,
            "full_name": "Hà Văn Sai",
            "date_of_birth": "31/02/1990",
            "months_worked": 13,
            "task_rating": "tot",
            "discipline": "khong",
            "worker_category": "khac",
            "version": draft.version,
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Hà Văn Sai"' in body
    assert "Số tháng công tác trong năm từ 0 đến 12." in body
    assert Nominee.objects.count() == 0


def test_stale_nominee_form_is_refused(client, draft, clerk_a):
    client.force_login(clerk_a)
    ldtt = AwardType.objects.get(code="ldtt")
    stale_version = draft.version
    add_person(clerk_a, draft, ldtt)  # somebody else adds a nominee meanwhile
    response = client.post(
        reverse("dossiers:nominee_add", args=[draft.pk]) + "?subject=ca_nhan",
        {
            "award": ldtt.pk,
            "full_name": "Người Thứ Hai",
            "months_worked": 12,
            "task_rating": "tot",
            "discipline": "khong",
            "worker_category": "khac",
            "version": stale_version,
        },
    )
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert Nominee.objects.count() == 1


def test_double_posted_transition_acts_once(client, complete_draft, clerk_a):
    client.force_login(clerk_a)
    data = {"to": DossierStatus.SUBMITTED, "version": complete_draft.version, "note": ""}
    client.post(reverse("dossiers:transition", args=[complete_draft.pk]), data)
    response = client.post(reverse("dossiers:transition", args=[complete_draft.pk]), data, follow=True)
    assert "Hồ sơ vừa được cập nhật (có thể do bấm hai lần)." in response.content.decode()
    assert complete_draft.revisions.count() == 1


def _bulk(count_dossiers, nominees_each, round_, ldtt, creator):
    units = [UnitFactory() for _ in range(3)]
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            unit=units[i % 3],
            round=round_,
            commendation_kind="thuong_xuyen",
            title=f"Hồ sơ {i}",
            created_by=creator,
            status=DossierStatus.SUBMITTED,
        )
        for i in range(count_dossiers)
    )
    Nominee.objects.bulk_create(
        Nominee(dossier=d, award=ldtt, full_name=f"Người {d.pk}-{j}") for d in dossiers for j in range(nominees_each)
    )


def test_staff_dossier_list_query_count_is_flat(client, office_staff, award_round, django_assert_max_num_queries):
    client.force_login(office_staff)
    Authority.root()
    ldtt = AwardType.objects.get(code="ldtt")
    _bulk(3, 2, award_round, ldtt, office_staff)
    url = reverse("dossiers:list") + f"?award={ldtt.pk}&round={award_round.pk}"
    with django_assert_max_num_queries(16) as small:
        assert client.get(url).status_code == 200
    _bulk(120, 10, award_round, ldtt, office_staff)
    with django_assert_max_num_queries(16) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "Đã gửi, chờ tiếp nhận" in response.content.decode()


def test_clerk_list_shows_only_own_units_dossiers(client, draft, clerk_b, unit_b, award_round):
    other = services.dossier_create(by=clerk_b, unit=unit_b, award_round=award_round, title="Hồ sơ của xã Bích Hòa")
    client.force_login(clerk_b)
    body = client.get(reverse("dossiers:list")).content.decode()
    assert other.title in body
    assert draft.title not in body


def test_person_history_page(client, office_staff, complete_draft):
    person = complete_draft.nominees.get().person
    client.force_login(office_staff)
    body = client.get(reverse("dossiers:person", args=[person.pk])).content.decode()
    assert "Nguyễn Thị Hoa" in body
    assert "Tổng kết năm 2024" in body


def test_duplicates_are_flagged_and_merged(client, office_staff, draft, clerk_a, unit_b):
    from dossiers.models import AwardRecord, Person

    ldtt = AwardType.objects.get(code="ldtt")
    first = Person.objects.create(full_name="Vũ Văn Long", date_of_birth="1980-01-01", unit=draft.unit)
    second = Person.objects.create(full_name="Vũ Văn Long", date_of_birth="1980-01-01", unit=unit_b)
    AwardRecord.objects.create(year=2022, award=ldtt, person=second)
    client.force_login(office_staff)
    assert "Vũ Văn Long" in client.get(reverse("dossiers:duplicates")).content.decode()
    client.post(reverse("dossiers:person_merge"), {"keep": first.pk, "duplicate": second.pk})
    assert list(AwardRecord.objects.values_list("person_id", flat=True)) == [first.pk]
    second.refresh_from_db()
    assert second.merged_into_id == first.pk
    assert "Không phát hiện cá nhân trùng." in client.get(reverse("dossiers:duplicates")).content.decode()


def test_office_without_role_cannot_process(client, complete_draft, unit_a):
    head = user_with_role(Role.UNIT_HEAD, unit_a)
    client.force_login(head)
    response = client.get(reverse("dossiers:detail", args=[complete_draft.pk]))
    assert response.status_code == 200
    assert "Nộp hồ sơ" not in response.content.decode()


@pytest.mark.time_machine(at(2026, 5, 4))  # the school-year round is set up in May 2026
def test_office_creates_a_round_and_clerk_cannot(client, office_staff, clerk_a):
    client.force_login(clerk_a)
    assert client.get(reverse("dossiers:round_add")).status_code == 403
    client.force_login(office_staff)
    response = client.post(
        reverse("dossiers:round_add"),
        {
            "name": "Năm học 2025 – 2026 ngành Giáo dục",
            "year": 2026,
            "commendation_kind": "thuong_xuyen",
            "submission_deadline": "12/06/2026",
            "ceremony_date": "01/06/2026",
            "min_days_before_ceremony": 15,
            "is_open": "on",
            "campaign_name": "",
        },
    )
    assert "Ngày trao thưởng phải sau hạn nộp hồ sơ." in response.content.decode()
    response = client.post(
        reverse("dossiers:round_add"),
        {
            "name": "Năm học 2025 – 2026 ngành Giáo dục",
            "year": 2026,
            "commendation_kind": "thuong_xuyen",
            "submission_deadline": "12/06/2026",
            "ceremony_date": "20/08/2026",
            "min_days_before_ceremony": 15,
            "is_open": "on",
            "campaign_name": "",
        },
    )
    assert response.status_code == 302
    from dossiers.models import AwardRound

    created = AwardRound.objects.get(name="Năm học 2025 – 2026 ngành Giáo dục")
    assert created.submission_deadline.isoformat() == "2026-06-12"
    assert "Năm học 2025 – 2026 ngành Giáo dục" in client.get(reverse("dossiers:rounds")).content.decode()


def test_nominee_form_posted_twice_adds_one_nominee(client, draft, clerk_a, ldtt):
    """The add form's one-time token: the second post of the same drawn form is told it was done."""
    import re

    client.force_login(clerk_a)
    url = reverse("dossiers:nominee_add", args=[draft.pk]) + "?subject=ca_nhan"
    token = re.search(r'name="once" value="([0-9a-f-]{36})"', client.get(url).content.decode()).group(1)
    data = {
        "once": token,
        "award": ldtt.pk,
        "full_name": "Trần Thị Bích",
        "gender": "nu",
        "date_of_birth": "05/06/1990",
        "worker_category": "truc_tiep",
        "months_worked": 12,
        "task_rating": "tot",
        "discipline": "khong",
        "version": draft.version,
    }
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    assert (first.status_code, second.redirect_chain[0], draft.nominees.count()) == (
        302,
        (first["Location"], 302),
        1,
    )
    assert "Thao tác này đã được thực hiện." in second.content.decode()


def test_merging_people_is_a_post_of_its_own_for_the_office(client, office_staff, clerk_a):
    client.force_login(office_staff)
    assert client.get(reverse("dossiers:person_merge")).status_code == 405
    client.force_login(clerk_a)
    assert client.post(reverse("dossiers:person_merge"), {"keep": 1, "duplicate": 2}).status_code == 403


def test_round_list_filters_and_links_rounds_for_the_office_only(client, office_staff, clerk_a, award_round):
    from dossiers.models import AwardRound

    closed = AwardRound.objects.create(name="Đợt đã đóng năm 2023", year=2023, commendation_kind="dot_xuat", is_open=False)
    client.force_login(office_staff)
    body = client.get(reverse("dossiers:rounds") + "?is_open=false").content.decode()
    assert closed.name in body and award_round.name not in body
    assert reverse("dossiers:round_edit", args=[closed.pk]) in body
    client.force_login(clerk_a)
    body = client.get(reverse("dossiers:rounds")).content.decode()
    assert closed.name in body and award_round.name in body
    assert reverse("dossiers:round_edit", args=[closed.pk]) not in body


def test_unit_ledger_lists_and_filters_the_units_awards(client, clerk_a, clerk_b, unit_a, ldtt):
    from dossiers.models import AwardRecord, Person

    for year, name in [(2022, "Vũ Văn Long"), (2023, "Đỗ Thị Mận")]:
        AwardRecord.objects.create(year=year, award=ldtt, person=Person.objects.create(full_name=name, unit=unit_a))
    url = reverse("dossiers:unit_ledger", args=[unit_a.pk])
    client.force_login(clerk_a)
    body = client.get(url).content.decode()
    assert body.index("Đỗ Thị Mận") < body.index("Vũ Văn Long")  # newest year first
    body = client.get(url + "?year=2022").content.decode()
    assert "Vũ Văn Long" in body and "Đỗ Thị Mận" not in body
    client.force_login(clerk_b)
    assert client.get(url).status_code == 404
