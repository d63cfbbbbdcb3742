"""Django's own messages that its Vietnamese catalogue leaves in English come from locale/vi; the
compiled catalogue agrees with its source; a refused CSRF check explains itself in Vietnamese."""

import gettext
import re
from pathlib import Path

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES"


def po_entries() -> dict[str, str]:
    """msgid → msgstr (msgstr[0] for plurals) from the .po source."""
    entries = {}
    for block in (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"$', block, re.M)
        msgstr = re.search(r'^msgstr(?:\[0\])? "(.*)"$', block, re.M)
        if msgid and msgid.group(1) and msgstr:
            entries[msgid.group(1).replace('\\"', '"')] = msgstr.group(1).replace('\\"', '"')
    return entries


def test_the_compiled_catalogue_says_what_its_source_says():
    compiled = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    entries = po_entries()
    assert len(entries) > 20
    assert {msgid: compiled.gettext(msgid) for msgid in entries} == entries


def test_django_form_errors_come_in_vietnamese():
    class Form(forms.Form):
        name = forms.CharField()
        count = forms.IntegerField()

    with translation.override("vi"):
        form = Form({"name": "Nguyễn\x00", "count": "mười"})
        assert form.errors == {
            "name": ["Không được có ký tự rỗng (NUL) trong nội dung."],
            "count": ["Hãy nhập một số nguyên."],
        }


@pytest.mark.django_db
def test_a_refused_csrf_check_explains_itself_in_vietnamese():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Trang đã cũ, chưa gửi được" in page
    assert "CSRF" not in page
