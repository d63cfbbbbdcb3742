"""Small things that make the clerk's forms quicker (#14)."""

import re

import pytest
from django.urls import reverse

from dossiers.enums import Subject


@pytest.mark.parametrize(
    ("subject", "label"),
    [
        (Subject.INDIVIDUAL, "Lưu và thêm người khác"),
        (Subject.COLLECTIVE, "Lưu và thêm tập thể khác"),
        (Subject.HOUSEHOLD, "Lưu và thêm hộ gia đình khác"),
        (Subject.VILLAGE, "Lưu và thêm thôn, tổ dân phố khác"),
    ],
)
def test_save_and_add_another_names_the_subject(client, clerk_a, draft, subject, label):
    client.force_login(clerk_a)
    body = client.get(reverse("dossiers:nominee_add", args=[draft.pk]) + f"?subject={subject}").content.decode()
    assert label in body
    if subject != Subject.INDIVIDUAL:
        assert "Lưu và thêm người khác" not in body


def test_a_clerk_with_one_unit_finds_it_chosen(client, clerk_a, unit_a):
    client.force_login(clerk_a)
    body = client.get(reverse("dossiers:create")).content.decode()
    unit_select = re.search(r'<select name="unit".*?</select>', body, re.S).group(0)
    assert f'<option value="{unit_a.pk}" selected>' in unit_select
    assert unit_select.count("<option") == 1  # nothing else to choose, no empty choice


def test_sending_and_cancelling_a_dossier_ask_first(client, clerk_a, unit_a, award_round):
    from dossiers.models import Dossier

    dossier = Dossier.objects.create(unit=unit_a, round=award_round, title="Đề nghị khen thưởng năm 2026", created_by=clerk_a)
    client.force_login(clerk_a)
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert 'data-confirm="Gửi hồ sơ này?' in page
    assert 'data-confirm="Hủy, rút hồ sơ này?' in page
