"""The reports lists as tables (core.lists): the review reports, a user's own export jobs, and the
decisions list whose Excel file follows the order the page shows."""

import datetime

import pytest
from django.urls import reverse

from awards.models import Decision
from dossiers.models import AwardRound
from reports.models import ExportJob, ReviewReport

from .test_exports import data, export_url, ldtt, sheet_of  # noqa: F401  (ldtt: a fixture)

pytestmark = pytest.mark.django_db


def _decision(title, by, award):
    award_round = AwardRound.objects.create(name=f"Đợt {title}", year=2024, commendation_kind="thuong_xuyen")
    return Decision.objects.create(kind="quyet_dinh", round=award_round, award=award, title=title, created_by=by)


def test_the_decisions_file_follows_the_order_the_page_shows(client, office_staff, ldtt):  # noqa: F811
    for title in ("Quyết định B", "Quyết định A", "Quyết định C"):
        _decision(title, office_staff, ldtt)
    client.force_login(office_staff)
    page = client.get(reverse("awards:decisions") + "?sort=title")
    assert [row.record.title for row in page.context["table"].page.object_list] == [
        "Quyết định A",
        "Quyết định B",
        "Quyết định C",
    ]
    assert f'action="{reverse("exports:start", args=["quyet-dinh"])}?sort=title"' in page.content.decode()
    assert data(sheet_of(client.post(export_url("quyet-dinh", query="sort=title"))), 4) == [
        "Quyết định A",
        "Quyết định B",
        "Quyết định C",
    ]
    assert data(sheet_of(client.post(export_url("quyet-dinh", query="sort=-title"))), 4) == [
        "Quyết định C",
        "Quyết định B",
        "Quyết định A",
    ]
    newest_first = ["Quyết định C", "Quyết định A", "Quyết định B"]
    assert data(sheet_of(client.post(export_url("quyet-dinh"))), 4) == newest_first


def test_review_list_query_count_is_flat(client, office_staff, django_assert_max_num_queries):
    def add(years):
        for year in years:
            ReviewReport.objects.create(
                kind=ReviewReport.Kind.FINAL,
                year=year,
                date_from=datetime.date(year, 1, 1),
                cutoff=datetime.date(year, 12, 31),
                created_by=office_staff,
            )

    client.force_login(office_staff)
    add([2020])
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("reports:review_list")).status_code == 200
    add(range(2021, 2027))
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(reverse("reports:review_list")).content.decode()
    assert (body.count('href="/thong-ke/bao-cao/'), "Tổng kết năm 2026" in body) == (7 * 3, True)


def test_the_export_page_lists_the_owners_other_jobs_only(client, office_staff, council_member, django_assert_max_num_queries):
    def job(user, title):
        return ExportJob.objects.create(created_by=user, export="ho-so", title=title, params_key=title, status="xong")

    mine = [job(office_staff, f"Danh sách {i}") for i in range(3)]
    job(council_member, "Danh sách của người khác")
    client.force_login(office_staff)
    with django_assert_max_num_queries(20) as few:
        page = client.get(reverse("exports:job", args=[mine[0].pk]))
    assert [row.record.title for row in page.context["recent"].page.object_list] == ["Danh sách 2", "Danh sách 1"]
    assert "Danh sách của người khác" not in page.content.decode()
    for i in range(3, 12):
        job(office_staff, f"Danh sách {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("exports:job", args=[mine[0].pk]))
    assert page.context["recent"].paginator.count == 11
    assert len(page.context["recent"].page.object_list) == 5
