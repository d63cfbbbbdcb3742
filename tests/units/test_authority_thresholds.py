"""Each authority's own thresholds (#13): the CSTĐCS quota and the processing time, blank following the
authority above and at the top the legal catalogue; set on the authority's page, checked, audited."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.enums import Role
from core.models import AuditEntry
from units.models import Authority, Threshold

from ..factories import user_with_role

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 7, 9, 0)
REGIME_IN_FORCE = "chế độ Luật TĐKT 2022 (sửa đổi năm 2026) và Nghị định 152/2025/NĐ-CP"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def admin_client(client):
    client.force_login(user_with_role(Role.ADMIN))
    return client


def _form_data(authority: Authority, **changes) -> dict:
    data = {f.name: getattr(authority, f.attname) for f in Authority._meta.fields if f.name not in ("id", "updated_at")}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_blank_commune_follows_the_province_and_its_own_value_comes_first(commune_x, province, django_assert_num_queries):
    province.cstdcs_quota_percent = Decimal("12.5")
    province.save()
    commune = Authority.objects.get(pk=commune_x.authority.pk)
    with django_assert_num_queries(1):  # one level up, one query
        assert commune.threshold("cstdcs_quota_percent") == Threshold(Decimal("12.50"), Threshold.ABOVE, "UBND tỉnh Lai Châu")
    commune.cstdcs_quota_percent = Decimal("20")
    with django_assert_num_queries(0):
        assert commune.threshold("cstdcs_quota_percent") == Threshold(Decimal("20"), Threshold.OWN, "UBND xã Phong Thổ")
    assert province.threshold("processing_days").source == Threshold.CATALOGUE


def test_blank_everywhere_the_catalogue_answers_and_says_which_regime(commune_x):
    quota = commune_x.authority.threshold("cstdcs_quota_percent")
    assert (quota.value, quota.source) == (Decimal("15"), Threshold.CATALOGUE)
    assert quota.summary("%") == f"15 % theo {REGIME_IN_FORCE}"
    days = commune_x.authority.threshold("processing_days")
    assert days.value is None
    assert (
        days.summary("ngày làm việc")
        == f"theo thời hạn của từng danh hiệu trong danh mục của {REGIME_IN_FORCE} (20 ngày làm việc)"
    )


def test_the_page_shows_what_is_in_force_and_where_it_comes_from(admin_client, commune_x, province):
    url = reverse("units:authority_change", args=[commune_x.authority.pk])
    body = admin_client.get(url).content.decode()
    assert "Ngưỡng áp dụng riêng" in body
    assert f"Đang áp dụng: 15 % theo {REGIME_IN_FORCE}." in body

    province.cstdcs_quota_percent = Decimal("12.5")
    province.processing_days = 15
    province.save()
    body = admin_client.get(url).content.decode()
    assert "Đang áp dụng: 12,5 % theo UBND tỉnh Lai Châu (cơ quan cấp trên)." in body
    assert "Đang áp dụng: 15 ngày làm việc theo UBND tỉnh Lai Châu (cơ quan cấp trên)." in body
    province_page = admin_client.get(reverse("units:authority_change", args=[province.pk])).content.decode()
    assert "Đang áp dụng: 12,5 % do cơ quan này quy định." in province_page
    assert 'value="12,50"' in province_page  # written the Vietnamese way, in a text box a browser keeps


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("cstdcs_quota_percent", "-5", "Tỷ lệ không được là số âm."),
        ("cstdcs_quota_percent", "150", "Tỷ lệ không được vượt quá 100 %."),
        ("cstdcs_quota_percent", "abc", "Nhập một số."),
        ("cstdcs_quota_percent", "12,345", "Hãy chắc chắn rằng không có nhiều hơn 2 chữ số thập phân."),
        ("processing_days", "0", "Thời hạn giải quyết phải từ 1 ngày làm việc trở lên."),
        ("processing_days", "-3", "Thời hạn giải quyết phải từ 1 ngày làm việc trở lên."),
        ("processing_days", "400", "Thời hạn giải quyết không được quá 365 ngày làm việc."),
    ],
)
def test_bad_thresholds_are_refused_in_vietnamese_and_keep_what_was_typed(admin_client, commune_x, field, typed, message):
    authority = commune_x.authority
    url = reverse("units:authority_change", args=[authority.pk])
    response = admin_client.post(url, _form_data(authority, **{field: typed, "chair_name": "Lò Văn Chủ"}))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    body = response.content.decode()
    assert f'value="{typed}"' in body and 'value="Lò Văn Chủ"' in body
    authority.refresh_from_db()
    assert (authority.cstdcs_quota_percent, authority.processing_days, authority.chair_name) == (None, None, "")


def test_a_quota_typed_with_a_comma_is_saved_and_every_change_is_audited(admin_client, commune_x):
    authority = commune_x.authority
    url = reverse("units:authority_change", args=[authority.pk])
    response = admin_client.post(url, _form_data(authority, cstdcs_quota_percent="12,5", processing_days="10"))
    assert response.status_code == 302
    authority.refresh_from_db()
    assert (authority.cstdcs_quota_percent, authority.processing_days) == (Decimal("12.5"), 10)
    entry = AuditEntry.objects.get(action="authority_update")
    assert entry.changes == {"cstdcs_quota_percent": [None, "12.5"], "processing_days": [None, 10]}

    # Emptied again: the commune follows the province once more, and that too is audited.
    response = admin_client.post(url, _form_data(authority, cstdcs_quota_percent="", processing_days=""))
    assert response.status_code == 302
    authority.refresh_from_db()
    assert (authority.cstdcs_quota_percent, authority.processing_days) == (None, None)
    last = AuditEntry.objects.filter(action="authority_update").latest("pk")
    assert last.changes == {"cstdcs_quota_percent": ["12.5", None], "processing_days": [10, None]}
