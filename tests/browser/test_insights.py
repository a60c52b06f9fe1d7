"""Coherence, learning from peers and movement in real Chromium, each page through axe."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mengpaneel.agenda.models import AgendaLink
from mengpaneel.core import demo
from mengpaneel.insights.tests.conftest import agreed_panel
from mengpaneel.workshops.models import Edition
from tests.browser.test_member_keyboard import DEMO_PASSWORD, gettext_in
from tests.browser.test_organiser import log_in, submit

pytestmark = pytest.mark.browser

VENLO = "venlo.gebied@demo.mengpaneel.nl"


@pytest.fixture
def demo_edition(settings, transactional_db) -> Edition:
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    demo.load_demo()
    edition = Edition.objects.get(slug=demo.EDITION_SLUG)
    # A second moment for Venlo at the third meeting, so there is movement to see.
    venlo = edition.trios.get(municipality__code="GM0983")
    agreed_panel(
        venlo,
        {
            "positioning": -1,
            "residents": 1,
            "internal_process": -1,
            "governance": 2,
            "communication": -1,
        },
        meeting=edition.meetings.get(number=3),
        at=demo.PANEL_REVEALED_AT + timedelta(days=84),
        rationale="Na drie bijeenkomsten",
    )
    return edition


def test_a_member_reads_coherence_and_puts_a_rule_on_the_agenda(demo_edition, page, check_page):
    venlo = demo_edition.trios.get(municipality__code="GM0983")
    log_in(page, VENLO, DEMO_PASSWORD)
    page.goto(reverse("insights:trio_coherence", args=[venlo.pk]))
    assert page.locator("h1").count() == 1
    rules = page.locator("article.mp-rule")
    assert rules.count() >= 1
    check_page(page, "insights-coherence")

    # One action: the first rule that fires goes on the case's agenda.
    first = rules.first
    title = first.locator("h3").inner_text()
    button = first.locator("button[type=submit]")
    # Each rule's button names its rule, so a list of buttons tells them apart.
    expect(button).to_have_accessible_name(re.compile(re.escape(title) + "$"))
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert AgendaLink.objects.filter(trio=venlo).count() == 1
    assert page.locator("article.mp-rule").first.locator("button[type=submit]").count() == 0
    assert title in page.locator("main").inner_text()
    check_page(page, "insights-coherence-on-agenda")

    # The trio page lists it, and the moments.
    page.goto(venlo.get_absolute_url())
    assert title in page.locator("main").inner_text()
    check_page(page, "insights-trio-page")


def test_a_member_learns_from_municipalities_that_chose_differently(demo_edition, page, check_page):
    venlo = demo_edition.trios.get(municipality__code="GM0983")
    log_in(page, VENLO, DEMO_PASSWORD)
    page.goto(reverse("insights:trio_peers", args=[venlo.pk]))
    positioning = page.locator("#fader-positioning").locator("xpath=..")
    assert "Altena" in positioning.inner_text()
    assert "programmabudget" in positioning.inner_text()
    check_page(page, "insights-peers")

    # A wider or narrower notion of "clearly different", and a wrong one kept with its message.
    page.fill("input[name=steps]", "9")
    submit(page)
    assert page.locator("input[name=steps][aria-invalid=true]").count() == 1
    assert page.locator("input[name=steps]").input_value() == "9"
    check_page(page, "insights-peers-bad-steps")


def test_a_member_sees_moments_and_the_movement_between_two(demo_edition, page, check_page):
    venlo = demo_edition.trios.get(municipality__code="GM0983")
    log_in(page, VENLO, DEMO_PASSWORD)
    page.goto(reverse("insights:trio_moments", args=[venlo.pk]))
    table = page.locator("table.mp-moments")
    assert table.locator("thead th").count() == 3  # the fader column and two moments
    assert gettext_in("nl", "not placed yet") in table.inner_text()
    check_page(page, "insights-moments")

    # The panel shows the earlier moment as a ghost with an arrow.
    page.goto(reverse("panel:trio_panel", args=[venlo.pk]))
    assert page.locator("figure svg").count() >= 1
    check_page(page, "insights-panel-with-ghost")

    # The edition: one moment, then the movement between two meetings.
    page.goto(reverse("insights:edition_insights", args=[demo_edition.slug]))
    check_page(page, "insights-edition-latest")
    first, third = demo_edition.meetings.get(number=1), demo_edition.meetings.get(number=3)
    page.select_option("select[name=moment]", str(third.pk))
    page.select_option("select[name=since]", str(first.pk))
    submit(page)
    comparison = page.locator("table.mp-comparison").inner_text()
    assert "→" in comparison
    check_page(page, "insights-edition-movement")


def test_an_organiser_sees_every_trio_and_the_rules_that_fire(demo_edition, page, check_page):
    altena = demo_edition.trios.get(municipality__code="GM1959")
    altena.shares_panel = False
    altena.save()
    log_in(page, demo.ORGANISER_EMAIL, DEMO_PASSWORD)
    page.goto(reverse("insights:edition_insights", args=[demo_edition.slug]))
    assert "Altena" in page.locator("table.mp-comparison").inner_text()
    check_page(page, "insights-organiser-edition")
    page.goto(reverse("panel:compare", args=[demo_edition.slug]))
    check_page(page, "insights-organiser-compare")
