"""In the browser (a tablet): the clerk of Cự Khê types figures on its score card and the totals follow before any
save (static/js/scorecard.js); a figure above its cap is marked at once and again by the server on save, kept as
typed and not saved."""

import re

import pytest
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from clusters.demo import seed_clusters
from clusters.models import EmulationGroup, ScoreCard
from units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def test_totals_follow_typing_and_an_over_cap_figure_is_marked(page, live_server, demo_data, login):
    seed_clusters({u.code: u for u in Unit.objects.all()})
    group = EmulationGroup.objects.get(year=2026, name="Cụm thi đua số 1")
    card = ScoreCard.objects.get(sheet=group.sheet, unit__code="xa-cu-khe")
    login(page, "vanthu.cukhe", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/don-vi/cum-khoi/phieu/{card.pk}/")
    one = page.get_by_label("Tự chấm mục 1", exact=True)
    expect(one).to_have_attribute("inputmode", "decimal")
    one.fill("7,5")
    page.get_by_label("Tự chấm mục 2", exact=True).fill("10")
    expect(page.locator("#card-self-total")).to_have_text("17,5")
    expect(page.locator("#card-total")).to_have_text("17,5")
    one.fill("12")
    expect(one).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#card-total")).to_have_text("20")  # counted within the cap, as the server counts it
    page.get_by_role("button", name="Lưu điểm tự chấm").click()
    one = page.get_by_label("Tự chấm mục 1", exact=True)
    expect(one).to_have_value("12")
    expect(one).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{one.get_attribute('aria-describedby')}")).to_contain_text("Vượt điểm tối đa")
    assert card.lines.filter(self_points__isnull=False).count() == 0
