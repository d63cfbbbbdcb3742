"""Small defects of the dossier pages (#14): the too-close-to-the-ceremony flag in the dossier's header and the
list, the history naming who was added or removed, the attachments with their document type."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from dossiers import services
from dossiers.enums import ComponentType
from dossiers.models import Dossier
from dossiers.revisions import history_subject
from dossiers.tables import ceremony_warning
from tests.dossiers.conftest import add_person, pdf

FLAG = "Sát ngày trao thưởng"


def _sent(dossier, *, days_before_ceremony: int, minimum: int = 30):
    """The dossier as sent today, its round's ceremony `days_before_ceremony` days later."""
    today = timezone.localdate()
    award_round = dossier.round
    award_round.ceremony_date = today + datetime.timedelta(days=days_before_ceremony)
    award_round.min_days_before_ceremony = minimum
    award_round.save(update_fields=["ceremony_date", "min_days_before_ceremony"])
    Dossier.objects.filter(pk=dossier.pk).update(submitted_at=timezone.now())
    dossier.refresh_from_db()
    return dossier


def test_the_warning_says_the_days_left_and_the_minimum(draft):
    dossier = _sent(draft, days_before_ceremony=5)
    text = ceremony_warning(dossier)
    assert "chỉ còn 5 ngày trước lễ trao thưởng" in text
    assert f"{dossier.round.ceremony_date:%d/%m/%Y}" in text and "tối thiểu 30 ngày" in text


def test_no_warning_when_sent_in_time_unsent_or_without_a_minimum(draft):
    assert ceremony_warning(draft) == ""  # not sent
    assert ceremony_warning(_sent(draft, days_before_ceremony=30)) == ""
    assert ceremony_warning(_sent(draft, days_before_ceremony=2, minimum=0)) == ""


def test_the_header_shows_the_flag(client, draft, clerk_a):
    _sent(draft, days_before_ceremony=5)
    client.force_login(clerk_a)
    page = client.get(reverse("dossiers:detail", args=[draft.pk])).content.decode()
    header = page.split('id="nguoi-duoc-de-nghi"')[0]
    assert 'id="ceremony-warning"' in header and FLAG in header and "chỉ còn 5 ngày" in header


def test_the_header_has_no_flag_for_a_dossier_in_time(client, draft, clerk_a):
    _sent(draft, days_before_ceremony=60)
    client.force_login(clerk_a)
    assert FLAG not in client.get(reverse("dossiers:detail", args=[draft.pk])).content.decode()


def test_the_list_flags_the_row_in_a_fixed_number_of_queries(client, clerk_a, unit_a, award_round):
    client.force_login(clerk_a)

    def make(title):
        dossier = services.dossier_create(by=clerk_a, unit=unit_a, award_round=award_round, title=title)
        return _sent(dossier, days_before_ceremony=5)

    make("Hồ sơ thứ nhất")
    with CaptureQueriesContext(connection) as one:
        page = client.get(reverse("dossiers:list")).content.decode()
    assert page.count("ceremony-warning") == 1 and "chỉ còn 5 ngày" in page
    make("Hồ sơ thứ hai")
    make("Hồ sơ thứ ba")
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("dossiers:list")).content.decode()
    assert page.count("ceremony-warning") == 3
    assert len(three) == len(one)


def test_the_history_names_who_was_added_and_removed(client, draft, clerk_a, ldtt):
    nominee = add_person(clerk_a, draft, ldtt, full_name="Trần Văn Bình")
    services.nominee_delete(by=clerk_a, nominee=nominee)
    services.attachment_add(by=clerk_a, dossier=draft, component=ComponentType.PROPOSAL, upload=pdf())
    client.force_login(clerk_a)
    page = client.get(reverse("dossiers:detail", args=[draft.pk])).content.decode()
    history = page.split("Lịch sử xử lý")[1]
    assert history.count("Trần Văn Bình") == 2  # added, then removed
    label = str(ComponentType.PROPOSAL.label)
    assert f"{label}: to-trinh.pdf" in history
    attachments = page.split('id="tep-dinh-kem"')[1].split("</ul>")[0]
    assert label in attachments and "to-trinh.pdf" in attachments


@pytest.mark.parametrize(
    ("action", "changes", "subject"),
    [
        ("nominee_add", {"Lê Thị Lan.full_name": [None, "Lê Thị Lan"], "Lê Thị Lan.award": [None, 1]}, "Lê Thị Lan"),
        ("nominee_update", {"Lê Thị Lan.position": ["", "Kế toán"]}, "Lê Thị Lan"),
        ("nominee_delete", {"nominee": ["Lê Thị Lan", None]}, "Lê Thị Lan"),
        ("attachment_add", {"attachment": [None, "Biên bản: bb.pdf"]}, "Biên bản: bb.pdf"),
        ("attachment_delete", {"attachment": ["Biên bản: bb.pdf", None]}, "Biên bản: bb.pdf"),
        ("dossier_create", {"title": [None, "Hồ sơ"]}, ""),
    ],
)
def test_history_subject(action, changes, subject):
    assert history_subject(AuditEntry(action=action, changes=changes)) == subject


def test_the_attachment_form_has_the_vietnamese_picker(client, draft, clerk_a):
    client.force_login(clerk_a)
    form = client.get(reverse("dossiers:detail", args=[draft.pk])).content.decode().split('id="tep-dinh-kem"')[1]
    assert "Chọn tệp" in form and "Chưa chọn tệp" in form
    assert 'type="file" name="file" class="file-picker-input visually-hidden"' in form
    assert '<label class="btn btn-outline-secondary file-picker-button" for="id_file"' in form
