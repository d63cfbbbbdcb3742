"""#14: every download names its file in Vietnamese the way browsers read it (RFC 6266: `filename*=UTF-8''…`,
with the same name without diacritics in `filename` for older clients), through core.files."""

import pytest
from django.http import HttpResponse
from django.urls import reverse

from accounts.enums import Role
from core.files import content_disposition, named
from tests.factories import user_with_role

from .downloads import download_name


def test_a_vietnamese_name_is_given_encoded_with_an_ascii_fallback():
    header = content_disposition("Quyết định 15/QĐ-UBND.pdf", inline=True)
    assert header == (
        "inline; filename=\"Quyet dinh 15-QD-UBND.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2015-Q%C4%90-UBND.pdf"
    )
    assert download_name(named(HttpResponse(), "Quyết định 15/QĐ-UBND.pdf", inline=True), inline=True) == (
        "Quyết định 15-QĐ-UBND.pdf"
    )


def test_a_plain_name_is_given_once_and_an_attachment_by_default():
    assert content_disposition("to-trinh.pdf") == 'attachment; filename="to-trinh.pdf"'


@pytest.mark.parametrize(
    "typed, shown",
    [
        ("Biên bản họp Hội đồng 12/12/2026.pdf", "Biên bản họp Hội đồng 12-12-2026.pdf"),
        ('Tờ trình "số 3"\r\n.pdf', "Tờ trình -số 3-.pdf"),  # no quote or line break can end the header
        ("Giao ước thi đua Cụm 1.pdf", "Giao ước thi đua Cụm 1.pdf"),  # NFD typed on a Mac reads as NFC
    ],
)
def test_names_are_made_safe_for_a_header_and_a_disk(typed, shown):
    import unicodedata

    response = named(HttpResponse(), unicodedata.normalize("NFD", typed))
    assert download_name(response, inline=False) == shown
    assert "\r" not in response["Content-Disposition"] and "\n" not in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name, role, shown",
    [
        ("dossiers:nominee_template", Role.UNIT_CLERK, "Mẫu danh sách đề nghị khen thưởng.xlsx"),
        ("dossiers:ledger_template", Role.OFFICE_STAFF, "Mẫu sổ khen thưởng các năm.xlsx"),
    ],
)
def test_the_import_templates_download_under_vietnamese_names(client, unit_a, url_name, role, shown):
    client.force_login(user_with_role(role, unit_a))
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert download_name(response, inline=False) == shown
