"""The unit pickers' suggestions (units:autocomplete) and widget (units.widgets): only what the viewer may
see, matched without diacritics, a fixed number of queries; the <select> draws only the chosen units."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.forms import RoleGrantForm
from tests.factories import UnitFactory
from units.enums import UnitKind
from units.models import Unit
from units.selectors import AUTOCOMPLETE_LIMIT
from units.widgets import UnitAutocomplete, UnitMultipleAutocomplete

pytestmark = pytest.mark.django_db
URL = reverse("units:autocomplete")


def names(response):
    return [row["text"] for row in response.json()["results"]]


def test_autocomplete_finds_a_unit_typed_without_diacritics(client, office_staff, unit_a, unit_b):
    client.force_login(office_staff)
    response = client.get(URL, {"q": "cu khe"})
    assert response.status_code == 200
    assert response.json()["results"] == [{"value": unit_a.pk, "text": "UBND xã Cự Khê", "code": "xa-a", "parent": ""}]


def test_autocomplete_finds_a_unit_by_its_code(client, office_staff, unit_a, unit_b):
    client.force_login(office_staff)
    assert names(client.get(URL, {"q": "xa-b"})) == ["UBND xã Bích Hòa"]


def test_autocomplete_puts_names_starting_with_the_words_first(client, office_staff):
    UnitFactory(name="Trường THCS Cự Khê", sort_order=1)
    UnitFactory(name="Cự Khê thôn 2", sort_order=2)
    client.force_login(office_staff)
    assert names(client.get(URL, {"q": "CỰ KHÊ"})) == ["Cự Khê thôn 2", "Trường THCS Cự Khê"]


def test_autocomplete_never_shows_a_unit_outside_the_viewers_scope(client, clerk_a, unit_a, unit_b):
    client.force_login(clerk_a)
    assert names(client.get(URL, {"q": "ubnd"})) == ["UBND xã Cự Khê"]
    assert names(client.get(URL, {"q": "bich hoa"})) == []


def test_autocomplete_leaves_out_inactive_units_unless_asked(client, office_staff):
    UnitFactory(name="Xã Cũ Đã Nhập", is_active=False)
    client.force_login(office_staff)
    assert names(client.get(URL, {"q": "xa cu"})) == []
    assert names(client.get(URL, {"q": "xa cu", "inactive": "1"})) == ["Xã Cũ Đã Nhập"]


def test_autocomplete_narrows_to_one_kind(client, office_staff, unit_a):
    UnitFactory(name="Trường Tiểu học Cự Khê", kind=UnitKind.SCHOOL)
    client.force_login(office_staff)
    assert names(client.get(URL, {"q": "cu khe", "kind": UnitKind.SCHOOL})) == ["Trường Tiểu học Cự Khê"]


def test_autocomplete_needs_sign_in(client, unit_a):
    response = client.get(URL, {"q": "cu khe"})
    assert response.status_code == 302


def test_autocomplete_returns_at_most_the_limit_in_a_fixed_number_of_queries(client, office_staff):
    UnitFactory.create_batch(AUTOCOMPLETE_LIMIT + 5)
    client.force_login(office_staff)
    client.get(URL, {"q": "thu"})  # the session and the user's roles, once
    with CaptureQueriesContext(connection) as few:
        assert len(names(client.get(URL, {"q": "thu nghiem"}))) == AUTOCOMPLETE_LIMIT
    UnitFactory.create_batch(50)
    with CaptureQueriesContext(connection) as many:
        assert len(names(client.get(URL, {"q": "thu nghiem"}))) == AUTOCOMPLETE_LIMIT
    assert len(many) == len(few) <= 4


def test_widget_draws_only_the_chosen_unit(unit_a, unit_b):
    UnitFactory.create_batch(30)
    field = forms.ModelChoiceField(queryset=Unit.objects.all(), widget=UnitAutocomplete(), required=False)
    html = field.widget.render("unit", unit_b.pk)
    assert html.count("<option") == 2  # the empty choice and the chosen unit
    assert "UBND xã Bích Hòa" in html and unit_a.name not in html
    assert f'data-autocomplete-url="{URL}"' in html
    assert 'data-placeholder="Gõ tên đơn vị…"' in html


def test_multiple_widget_draws_the_chosen_units_only(unit_a, unit_b):
    UnitFactory.create_batch(30)
    field = forms.ModelMultipleChoiceField(queryset=Unit.objects.all(), widget=UnitMultipleAutocomplete(kind=UnitKind.COMMUNE))
    html = field.widget.render("units", [unit_a.pk, unit_b.pk])
    assert html.count("<option") == 2
    assert "multiple" in html and "kind=" in html


def test_widget_draws_no_unit_outside_the_fields_queryset(unit_a, unit_b):
    field = forms.ModelChoiceField(queryset=Unit.objects.filter(pk=unit_a.pk), widget=UnitAutocomplete())
    assert unit_b.name not in field.widget.render("unit", unit_b.pk)


def test_form_with_the_widget_still_refuses_a_unit_outside_its_queryset(system_admin, unit_a):
    closed = UnitFactory(name="Xã Đã Nhập", is_active=False)
    form = RoleGrantForm(data={"role": "unit_clerk", "unit": closed.pk}, by=system_admin)
    assert not form.is_valid()
    assert "unit" in form.errors


def test_a_clerks_few_units_stay_a_plain_select_and_many_become_an_autocomplete(unit_a):
    from dossiers.forms import DossierCreateForm

    few = DossierCreateForm(units=Unit.objects.filter(pk=unit_a.pk))
    assert not isinstance(few.fields["unit"].widget, UnitAutocomplete)
    UnitFactory.create_batch(25)
    many = DossierCreateForm(units=Unit.objects.all())
    assert isinstance(many.fields["unit"].widget, UnitAutocomplete)
    assert str(many["unit"]).count("<option") == 1  # the empty choice only
