"""#14, smaller defects: asking for the report chain of a year without clusters says there are none that
year — never another year's request."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import DocumentKind
from campaigns.models import SubmissionRequest
from campaigns.services import requests as campaign_services

from .conftest import CLOCK
from .test_report_chain import D, _chain

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(CLOCK)]
NONE_IN_2027 = "Năm 2027 chưa có cụm, khối thi đua nào: phân cụm, khối năm 2027 trước khi yêu cầu báo cáo."


def test_the_service_says_the_year_has_no_clusters(office_staff, group):
    _chain(office_staff, [group])  # 2026's chain is running
    with pytest.raises(ValidationError) as refused:
        campaign_services.report_chain_create(
            by=office_staff,
            year=2027,
            kind=DocumentKind.INTERIM_REPORT,
            groups=[],
            member_due=D(2027, 6, 10),
            head_due=D(2027, 6, 20),
        )
    assert refused.value.message_dict == {"groups": [NONE_IN_2027]}


def test_the_form_of_a_year_without_clusters_says_so_and_keeps_what_was_typed(client, office_staff, group):
    running, _heads = _chain(office_staff, [group])
    client.force_login(office_staff)
    response = client.post(
        reverse("campaigns:report_chain_create") + "?nam=2027",
        {
            "kind": DocumentKind.INTERIM_REPORT,
            "member_due": "10/06/2027",
            "head_due": "20/06/2027",
            "document_number": "12/UBND-NV",
        },
    )
    page = response.content.decode()
    assert (response.status_code, SubmissionRequest.objects.count()) == (200, 2)
    assert NONE_IN_2027 in page
    assert running.title not in page
    assert 'value="12/UBND-NV"' in page
