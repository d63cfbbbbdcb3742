"""A link into another authority (#13): `?co_quan=<pk>` switches the session to an authority the person holds a
role in and goes on to the page without it; anywhere else it changes nothing (never an error, never a privilege)."""

import datetime

import pytest
from django.urls import reverse

from accounts.enums import Role
from accounts.middleware import ACTING_AUTHORITY_KEY
from accounts.models import RoleAssignment
from dossiers.enums import DossierStatus
from dossiers.models import AwardRound, Dossier
from notifications.links import in_authority
from notifications.models import Notification, OutboxEmail
from notifications.services import Message, notify, notify_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def commune_dossier(commune_x):
    """A dossier of Phong Thổ at its council: its council members see it, nobody in the province does."""
    award_round = AwardRound.objects.create(
        authority=commune_x.authority, name="Tổng kết năm 2026", year=2026, commendation_kind="thuong_xuyen"
    )
    return Dossier.objects.create(
        unit=commune_x.unit,
        round=award_round,
        commendation_kind="thuong_xuyen",
        title="Đề nghị khen thưởng Trường Tiểu học",
        created_by=commune_x.clerk,
        status=DossierStatus.AT_COUNCIL,
    )


@pytest.fixture
def two_hats(office_staff, commune_x):
    """The province's office clerk who also sits on Phong Thổ's council; acting in the province by default."""
    RoleAssignment.objects.create(user=office_staff, role=Role.COUNCIL_MEMBER, authority=commune_x.authority)
    office_staff.forget_roles()
    return office_staff


def test_a_link_into_a_commune_opens_the_dossier_for_someone_on_its_council(client, two_hats, commune_dossier, commune_x):
    client.force_login(two_hats)
    page = reverse("dossiers:detail", args=[commune_dossier.pk])
    assert client.get(page).status_code == 404  # acting in the province: the commune's dossier is not found
    response = client.get(in_authority(page, commune_x.authority.pk), follow=True)
    assert response.redirect_chain == [(page, 302)]  # the same page, without the parameter
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đề nghị khen thưởng Trường Tiểu học" in body
    assert "Bạn đang làm việc tại UBND xã Phong Thổ." in body
    assert client.session[ACTING_AUTHORITY_KEY] == commune_x.authority.pk
    # The rest of the address is kept; a link into the authority one already acts in just drops the parameter.
    response = client.get(f"{page}?tab=files&co_quan={commune_x.authority.pk}")
    assert response.status_code == 302 and response["Location"] == f"{page}?tab=files"


def test_without_a_role_there_the_link_is_the_404_it_was_and_the_user_stays_put(client, commune_dossier, commune_x, commune_y):
    client.force_login(commune_y.office)
    page = reverse("dossiers:detail", args=[commune_dossier.pk])
    response = client.get(in_authority(page, commune_x.authority.pk), follow=True)
    assert response.redirect_chain == [(page, 302)]
    assert response.status_code == 404
    assert ACTING_AUTHORITY_KEY not in client.session
    assert response.wsgi_request.user.acting_authority_id == commune_y.authority.pk


@pytest.mark.parametrize("forged", ["999999", "abc", "-1", "١", "99999999999999999999", "", "1 OR 1=1"])
def test_a_forged_parameter_does_nothing(client, two_hats, province, forged):
    client.force_login(two_hats)
    response = client.get(reverse("dashboard"), {"co_quan": forged})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert ACTING_AUTHORITY_KEY not in client.session
    assert client.get(reverse("dashboard")).wsgi_request.user.acting_authority_id == province.pk


def test_a_dissolved_authority_is_not_entered_by_a_link(client, two_hats, commune_x, province):
    commune = commune_x.authority
    commune.dissolved_on = datetime.date(2025, 7, 1)  # merged away: its records keep its name, nobody works in it
    commune.save()
    client.force_login(two_hats)
    client.get(reverse("dashboard"), {"co_quan": commune.pk})
    assert ACTING_AUTHORITY_KEY not in client.session


def test_a_signed_out_visitor_keeps_the_link_through_sign_in(client, commune_x):
    link = in_authority(reverse("dashboard"), commune_x.authority.pk)
    response = client.get(link)
    assert response.status_code == 302 and "co_quan" in response["Location"]  # kept in `next`
    assert ACTING_AUTHORITY_KEY not in client.session


def test_a_post_ignores_the_parameter(client, two_hats, commune_x):
    client.force_login(two_hats)
    client.post(in_authority(reverse("notifications:read_all"), commune_x.authority.pk))
    assert ACTING_AUTHORITY_KEY not in client.session


def test_notify_puts_the_authority_in_the_portal_link_and_the_e_mail(two_hats, commune_dossier, commune_x, settings):
    settings.SITE_URL = "https://tdkt.laichau.gov.vn"
    page = reverse("dossiers:detail", args=[commune_dossier.pk])
    two_hats.email = "vp@laichau.gov.vn"
    two_hats.save()
    notification = notify(
        recipient=two_hats,
        title="Hồ sơ đã được tiếp nhận",
        template="dossier_status",
        context={"dossier": commune_dossier, "status": "Đã tiếp nhận", "note": ""},
        url=page,
        authority_id=commune_x.authority.pk,
    )
    assert notification.url == f"{page}?co_quan={commune_x.authority.pk}"
    assert f"https://tdkt.laichau.gov.vn{page}?co_quan={commune_x.authority.pk}" in OutboxEmail.objects.get().body
    count = notify_many(
        [
            Message(
                recipient=two_hats,
                title="Hồ sơ đã được tiếp nhận",
                template="dossier_status",
                context={"dossier": commune_dossier, "status": "Đã tiếp nhận", "note": ""},
                url=f"{page}#ket-qua",
                authority_id=commune_x.authority.pk,
            )
        ]
    )
    assert count == 1
    assert Notification.objects.filter(url=f"{page}?co_quan={commune_x.authority.pk}#ket-qua").exists()
    assert f"{page}?co_quan={commune_x.authority.pk}#ket-qua" in OutboxEmail.objects.latest("id").body


def test_without_an_authority_the_link_is_as_before():
    assert in_authority("/ho-so/1/", None) == "/ho-so/1/"
    assert in_authority("", 3) == ""
    assert in_authority("/ho-so/?trang=2", 3) == "/ho-so/?trang=2&co_quan=3"


def test_opening_a_notification_follows_it_into_its_authority(client, two_hats, commune_dossier, commune_x):
    page = reverse("dossiers:detail", args=[commune_dossier.pk])
    notification = Notification.objects.create(
        recipient=two_hats, title="Hồ sơ chờ Hội đồng xét", url=in_authority(page, commune_x.authority.pk)
    )
    client.force_login(two_hats)
    response = client.post(reverse("notifications:read", args=[notification.pk]), follow=True)
    assert response.status_code == 200 and response.redirect_chain[-1] == (page, 302)
    assert "Đề nghị khen thưởng Trường Tiểu học" in response.content.decode()
