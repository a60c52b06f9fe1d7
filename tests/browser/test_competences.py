"""Competences in real Chromium, keyboard only: two members of Altena rate themselves
privately, the trio shows its coverage and names a colleague for a gap; the organiser
changes the edition's list without the admin. axe on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mengpaneel.competences.models import Competence, SelfRating
from mengpaneel.core import demo
from mengpaneel.workshops.models import Trio
from tests.browser.conftest import open_page
from tests.browser.keyboard import focused, tab_to
from tests.browser.test_member_keyboard import DEMO_PASSWORD, gettext_in, press_and_follow
from tests.browser.test_organiser import log_in
from tests.browser.test_orgchart import tab_to_field
from tests.browser.test_reflow import PHONE, assert_fits

pytestmark = pytest.mark.browser

AREA_OFFICER = "altena.gebied@demo.mengpaneel.nl"
PHYSICAL = "altena.fysiek@demo.mengpaneel.nl"


def nl(message: str) -> str:
    return gettext_in("nl", message)


@pytest.fixture
def altena(settings, transactional_db) -> Trio:
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    demo.load_demo()
    trio = Trio.objects.get(edition__slug=demo.EDITION_SLUG, municipality__code="GM1959")
    SelfRating.objects.filter(member__trio=trio).delete()  # the members rate themselves
    return trio


def rate_with_keyboard(page, steps: list[int]) -> None:
    """In each competence's radio group, move right ``step`` times from "not rated yet"."""
    competences = page.locator(".mp-rating-form fieldset")
    assert competences.count() == len(steps)
    tab_to_field(page, competences.first.locator("input").first.get_attribute("name"))
    for index, step in enumerate(steps):
        if index:
            page.keyboard.press("Tab")  # a radio group is one tab stop
        for _ in range(step):
            page.keyboard.press("ArrowRight")
    tab_to(page, nl("Save my rating"))
    press_and_follow(page)


def test_members_rate_themselves_and_the_trio_sees_its_coverage(altena, new_context, check_page):
    url = reverse("competences:trio", args=[altena.pk])
    first = open_page(new_context())
    log_in(first, AREA_OFFICER, DEMO_PASSWORD)
    first.goto(altena.get_absolute_url())
    tab_to(first, nl("Your competences and who to involve"))
    press_and_follow(first)
    assert first.url.endswith(url)
    check_page(first, "competences-01-rate")
    # known for it, can, not my thing, known for it, not my thing, not my thing
    rate_with_keyboard(first, [3, 2, 1, 3, 1, 1])
    expect(first.locator("main")).to_contain_text(nl("Your ratings are saved. Only you see them."))
    expect(first.locator("main")).to_contain_text("1 van de 3")
    assert SelfRating.objects.filter(member__user__email=AREA_OFFICER).count() == 6

    second = open_page(new_context())
    log_in(second, PHYSICAL, DEMO_PASSWORD)
    second.goto(url)
    # The first member's rating is nowhere on the second member's page.
    assert second.locator("input[type=radio]:checked[value=known_for]").count() == 0
    rate_with_keyboard(second, [1, 2, 3, 1, 1, 1])
    tab_to(second, nl("Show our coverage now"))
    press_and_follow(second)
    main = second.locator("main")
    expect(main).to_contain_text(nl("Your trio has"))
    lacks = main.locator(".mp-gaps")
    expect(lacks).to_contain_text("Improviseren met wat er is")
    expect(lacks).to_contain_text("Van buiten naar binnen werken")
    check_page(second, "competences-02-coverage")

    # Name a colleague for the first gap, keyboard only.
    gap = Competence.objects.get(edition=altena.edition, name_nl="Improviseren met wat er is")
    tab_to_field(second, f"gap{gap.pk}-role")
    second.keyboard.type("beleidsadviseur participatie")
    with second.expect_navigation():
        second.keyboard.press("Enter")
    expect(second.locator(f"#gap-{gap.pk}")).to_contain_text("beleidsadviseur participatie")
    check_page(second, "competences-03-involved")

    second.set_viewport_size(PHONE)
    check_page(second, "competences-04-phone")
    assert_fits(second, "competences on a phone")

    # Beside the fader, the panel page names what helps and what the trio lacks.
    second.set_viewport_size({"width": 1280, "height": 900})
    second.goto(reverse("panel:trio_panel", args=[altena.pk]))
    residents = second.locator("#fader-residents .mp-fader-competences")
    expect(residents).to_contain_text(nl("your trio lacks it"))


def test_the_organiser_changes_the_list_in_the_product(
    settings, transactional_db, page, check_page
):
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    demo.load_demo()
    log_in(page, demo.ORGANISER_EMAIL, DEMO_PASSWORD)
    page.goto(reverse("workshops:edition_detail", args=[demo.EDITION_SLUG]))
    tab_to(page, nl("The competence list of this edition"))
    press_and_follow(page)
    check_page(page, "competences-05-list")
    tab_to(page, nl("Add a competence"))
    press_and_follow(page)
    check_page(page, "competences-06-form")
    tab_to_field(page, "name_nl")
    page.keyboard.type("Verhalen vertellen")
    page.keyboard.press("Tab")
    page.keyboard.type("Je maakt zichtbaar wat er in de wijk gebeurt.")
    tab_to_field(page, "fader_keys")
    while focused(page)["text"] != "" and page.evaluate("document.activeElement.value") != (
        "communication"
    ):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, nl("Save"))
    press_and_follow(page)
    expect(page.locator("main")).to_contain_text("Verhalen vertellen")
    added = Competence.objects.get(name_nl="Verhalen vertellen")
    assert added.fader_keys == ["communication"]
