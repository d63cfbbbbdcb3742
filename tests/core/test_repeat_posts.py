"""Two clicks at the same moment (two threads, two sessions, real transactions): the second one is told
the work is done, never a 500, and a create form makes one record. Runs on SQLite (a file, as deployed)
and on PostgreSQL when DATABASE_URL points there."""

import datetime
import re
import threading

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.enums import Role
from core.models import FormToken
from dossiers.catalogue_seed import seed_catalogue
from dossiers.enums import DossierStatus
from dossiers.models import Dossier
from tests.factories import user_with_role

from ..dossiers.conftest import add_person, pdf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(db):
    """The flush after each transactional test empties the catalogue: seed it again."""
    seed_catalogue(lambda name: apps.get_model("dossiers", name))


@pytest.fixture
def award_round(catalogue):
    from django.utils import timezone

    from dossiers.enums import CommendationKind
    from dossiers.models import AwardRound

    today = timezone.localdate()
    return AwardRound.objects.create(
        name=f"Tổng kết năm {today.year}",
        year=today.year,
        commendation_kind=CommendationKind.REGULAR,
        submission_deadline=today + datetime.timedelta(days=365),  # replace(year=…) fails on 29/02
        ceremony_date=today + datetime.timedelta(days=400),
    )


@pytest.fixture
def complete_draft(clerk_a, unit_a, award_round):
    from dossiers import services
    from dossiers.enums import ComponentType
    from dossiers.models import AwardType

    draft = services.dossier_create(by=clerk_a, unit=unit_a, award_round=award_round, title="Đề nghị khen thưởng")
    add_person(clerk_a, draft, AwardType.objects.get(code="ldtt"))
    services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=pdf())
    services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.MINUTES, upload=pdf("bien-ban.pdf"))
    draft.refresh_from_db()
    return draft


def _at_once(user, url, data, n=2, clients=None):
    """`n` clients signed in as `user` (or the `clients` given) post `data` to `url` at the same moment;
    their responses and the messages each one was given."""
    if clients is None:
        clients = []
        for _ in range(n):
            client = Client()
            client.force_login(user)
            clients.append(client)
    n = len(clients)
    start = threading.Barrier(n)
    answers = [None] * n

    def post(i):
        try:
            start.wait()
            response = clients[i].post(url, data)
            answers[i] = (response.status_code, response.get("Location"), [str(m) for m in get_messages(response.wsgi_request)])
        except Exception as exc:
            answers[i] = (500, None, [repr(exc)])
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


# The second click is told the dossier has moved: by the page when it arrives after the first one saved,
# by the service when both passed the page's check at once (the service's conditional update decides).
SECOND_CLICK = {
    "Hồ sơ vừa được cập nhật (có thể do bấm hai lần). Vui lòng xem lại rồi thao tác tiếp.",
    "Hồ sơ vừa được chuyển sang trạng thái khác (có thể do bấm hai lần). Vui lòng tải lại trang.",
}


def _second(answers, success):
    """Exactly one answer says `success` (its words, before the link that may follow them: sending a dossier
    offers its acknowledgement); the other one's first message is returned."""
    said = [re.sub(r"\s*<a [^>]*>.*?</a>$", "", msgs[0]) for _s, _l, msgs in answers]
    assert said.count(success) == 1, said
    said.remove(success)
    return said[0]


def _transition(dossier, to):
    return {"to": to, "version": dossier.version, "note": ""}


def test_submit_clicked_twice_at_once_submits_once_and_says_so(complete_draft, clerk_a):
    url = reverse("dossiers:transition", args=[complete_draft.pk])
    answers = _at_once(clerk_a, url, _transition(complete_draft, DossierStatus.SUBMITTED))
    detail = reverse("dossiers:detail", args=[complete_draft.pk])
    assert sorted(status for status, _url, _m in answers) == [302, 302]
    assert {location for _s, location, _m in answers} == {detail}
    assert _second(answers, "Hồ sơ đã chuyển sang: Đã gửi, chờ tiếp nhận.") in SECOND_CLICK
    dossier = Dossier.objects.get(pk=complete_draft.pk)
    assert (dossier.status, dossier.version) == (DossierStatus.SUBMITTED, complete_draft.version + 1)


def test_receive_clicked_twice_at_once_gives_one_receipt_number(complete_draft, clerk_a, office_staff):
    from dossiers import services

    services.dossier_transition(complete_draft, to=DossierStatus.SUBMITTED, by=clerk_a)
    url = reverse("dossiers:transition", args=[complete_draft.pk])
    answers = _at_once(office_staff, url, _transition(complete_draft, DossierStatus.RECEIVED))
    assert sorted(status for status, _url, _m in answers) == [302, 302]
    assert _second(answers, "Hồ sơ đã chuyển sang: Đã tiếp nhận, đang thẩm định.") in SECOND_CLICK
    dossier = Dossier.objects.get(pk=complete_draft.pk)
    assert (dossier.status, bool(dossier.receipt_number)) == (DossierStatus.RECEIVED, True)


def test_create_form_posted_twice_at_once_makes_one_dossier(clerk_a, unit_a, award_round):
    page = Client()
    page.force_login(clerk_a)
    html = page.get(reverse("dossiers:create")).content.decode()
    token = re.search(r'name="once" value="([0-9a-f-]{36})"', html).group(1)
    data = {"once": token, "unit": unit_a.pk, "award_round": award_round.pk, "title": "Đề nghị khen thưởng cuối năm"}
    answers = _at_once(clerk_a, reverse("dossiers:create"), data)
    dossier = Dossier.objects.get()
    detail = reverse("dossiers:detail", args=[dossier.pk])
    assert [(status, location) for status, location, _m in answers] == [(302, detail), (302, detail)]
    said = sorted(msgs[0] for _s, _l, msgs in answers)
    assert said == sorted(
        ["Đã tạo hồ sơ nháp. Hãy thêm người, tập thể được đề nghị và tệp đính kèm.", "Thao tác này đã được thực hiện."]
    )
    assert FormToken.objects.filter(token=token).count() == 1


def test_create_form_refused_keeps_its_token_for_the_corrected_post(clerk_a, unit_a, award_round):
    """A refusal by the service rolls the token back with it: the user corrects the form and posts again."""
    client = Client()
    client.force_login(clerk_a)
    html = client.get(reverse("dossiers:create")).content.decode()
    token = re.search(r'name="once" value="([0-9a-f-]{36})"', html).group(1)
    award_round.is_open = False
    award_round.save()
    data = {"once": token, "unit": unit_a.pk, "award_round": award_round.pk, "title": "Đề nghị"}
    refused = client.post(reverse("dossiers:create"), data)
    assert (refused.status_code, FormToken.objects.count()) == (200, 0)
    award_round.is_open = True
    award_round.save()
    accepted = client.post(reverse("dossiers:create"), data)
    assert (accepted.status_code, Dossier.objects.count(), FormToken.objects.count()) == (302, 1, 1)


def test_create_form_posted_again_later_goes_to_the_first_dossier(clerk_a, unit_a, award_round):
    client = Client()
    client.force_login(clerk_a)
    html = client.get(reverse("dossiers:create")).content.decode()
    token = re.search(r'name="once" value="([0-9a-f-]{36})"', html).group(1)
    data = {"once": token, "unit": unit_a.pk, "award_round": award_round.pk, "title": "Đề nghị"}
    first = client.post(reverse("dossiers:create"), data)
    second = client.post(reverse("dossiers:create"), data, follow=True)
    assert (second.redirect_chain[0][0], Dossier.objects.count()) == (first["Location"], 1)
    assert "Thao tác này đã được thực hiện." in second.content.decode()


def test_a_refusal_from_the_rule_is_a_message_not_a_500(complete_draft, unit_a):
    """Inside scope, not allowed: the unit head sees the dossier but may not submit it."""
    head = user_with_role(Role.UNIT_HEAD, unit_a)
    [(status, location, said)] = _at_once(
        head, reverse("dossiers:transition", args=[complete_draft.pk]), _transition(complete_draft, DossierStatus.SUBMITTED), n=1
    )
    assert (status, said) == (302, ["Bạn không có quyền thực hiện thao tác này."])


def test_import_confirmed_twice_at_once_adds_the_nominees_once(complete_draft, clerk_a):
    """Two clicks of "Lưu" on an import preview, from one browser (one session, one stash): one saves."""
    from tests.dossiers.test_import import VALID_ROWS, _nominees_file, _upload

    browser = Client()
    browser.force_login(clerk_a)
    url = reverse("dossiers:nominee_import", args=[complete_draft.pk])
    token = browser.post(url, {"file": _upload(_nominees_file(VALID_ROWS))}).context["token"]
    second_tab = Client()
    second_tab.cookies = browser.cookies
    confirm = reverse("dossiers:nominee_import_confirm", args=[complete_draft.pk])
    answers = _at_once(clerk_a, confirm, {"token": token, "confirm": "1"}, clients=[browser, second_tab])
    detail = reverse("dossiers:detail", args=[complete_draft.pk])
    assert [(status, location) for status, location, _m in answers] == [(302, detail), (302, detail)]
    assert sorted(msgs[0] for _s, _l, msgs in answers) == ["Thao tác này đã được thực hiện.", "Đã thêm 3 người vào hồ sơ."]
    assert complete_draft.nominees.count() == 1 + 3


def test_form_tokens_older_than_the_setting_are_purged_by_the_nightly_task(clerk_a, settings):
    import datetime
    import uuid

    import time_machine
    from django.utils import timezone

    from core.tasks import form_tokens_purge

    settings.FORM_TOKEN_KEEP_DAYS = 30
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=31)):
        FormToken.objects.create(token=uuid.uuid4(), user=clerk_a, url="/ho-so/1/")
    kept = FormToken.objects.create(token=uuid.uuid4(), user=clerk_a, url="/ho-so/2/")
    assert (form_tokens_purge(), list(FormToken.objects.values_list("pk", flat=True))) == (1, [kept.pk])


def test_an_upload_posted_twice_from_one_drawn_form_stores_one_file(complete_draft, clerk_a):
    from dossiers.models import Attachment

    client = Client()
    client.force_login(clerk_a)
    detail = reverse("dossiers:detail", args=[complete_draft.pk])
    token = re.search(r'name="once" value="([0-9a-f-]{36})"', client.get(detail).content.decode()).group(1)
    url = reverse("dossiers:attachment_upload", args=[complete_draft.pk])
    said = []
    for _click in range(2):
        data = {"once": token, "component": "bao_cao_thanh_tich", "nominee": "", "file": pdf("bao-cao.pdf")}
        response = client.post(url, data)
        said.append((response.status_code, [str(m) for m in get_messages(response.wsgi_request)][-1]))
    assert said == [(302, "Đã tải lên bao-cao.pdf."), (302, "Thao tác này đã được thực hiện.")]
    assert Attachment.objects.filter(dossier=complete_draft, original_name="bao-cao.pdf").count() == 1


def test_a_second_click_of_xoa_is_told_it_was_done(complete_draft, clerk_a):
    client = Client()
    client.force_login(clerk_a)
    attachment = complete_draft.attachments.first()
    url = reverse("dossiers:attachment_delete", args=[complete_draft.pk, attachment.pk])
    first, second = client.post(url), client.post(url)
    assert (first.status_code, second.status_code, second["Location"]) == (302, 302, first["Location"])
    # (the first click's message waits too: no page was drawn between the clicks)
    assert [str(m) for m in get_messages(second.wsgi_request)] == [
        f"Đã xóa tệp {attachment.original_name}.",
        "Thao tác này đã được thực hiện.",
    ]
