"""The province demo (`seed_demo`, #13): what README promises a visitor finds there."""

import os

import pytest
from django.core.management import call_command

from awards.models import Decision
from campaigns.models import PlanTask, PlanTaskReport
from units.models import Authority


@pytest.fixture
def province_demo(db):
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
        call_command("seed_demo", stdout=quiet)  # a second run brings it back, it adds nothing


def test_communes_decide_their_giay_khen_and_propose_a_cstd_tinh_upward(province_demo):
    communes = Authority.objects.exclude(parent=None)
    assert communes.count() == 5
    for commune in communes:
        kinds = dict(Decision.objects.filter(authority=commune).values_list("award__code", "kind"))
        assert kinds["gk-xa-ca-nhan"] == Decision.Kind.DECISION
        assert kinds["cstd-tinh"] == Decision.Kind.PROPOSAL


def test_the_provinces_plan_gives_tasks_to_every_commune_and_two_have_reported(province_demo):
    given = PlanTask.objects.filter(plan__authority__parent=None, for_lower_levels=True)
    assert given.count() == 2
    reports = PlanTaskReport.objects.filter(task__in=given)
    assert sorted(r.authority.code for r in reports) == ["xa-phong-tho", "xa-sin-ho"]
