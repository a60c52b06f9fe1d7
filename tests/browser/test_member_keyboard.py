"""A trio member's main journey, with the keyboard only, on the demo edition."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mengpaneel.core import demo
from tests.browser.conftest import SCREENSHOTS
from tests.browser.keyboard import focused, tab_to

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "demo wachtwoord voor de browsertest"
MEMBER = "altena.gebied@demo.mengpaneel.nl"
EDITION = "Werkplaatsen wijkgericht werken 2019"


@pytest.fixture
def demo_world(settings, transactional_db):
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    demo.load_demo()


def press_and_follow(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def gettext_in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def test_member_finds_edition_meeting_and_trio_with_keyboard_only(demo_world, page, check_page):
    page.goto("/")
    check_page(page, "member-01-welcome")
    # Dutch first, although the browser asks for English.
    assert page.locator("html").get_attribute("lang") == "nl"

    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["href"] == "#main" and skip["visible"], (
        f"first Tab should reach the skip link: {skip}"
    )
    page.screenshot(path=str(SCREENSHOTS / "member-01-skip-link-focused.png"))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, gettext_in("nl", "Log in"))
    press_and_follow(page)
    assert page.url.endswith(reverse("accounts:login"))
    assert page.evaluate("document.activeElement.name") == "username", "e-mail field has focus"
    check_page(page, "member-02-login")
    page.keyboard.type(MEMBER)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    press_and_follow(page)

    assert page.url.endswith(reverse("core:home"))
    check_page(page, "member-03-home")
    tab_to(page, EDITION)
    press_and_follow(page)
    assert page.locator("h1").inner_text() == EDITION
    assert page.locator(".mp-card").filter(has_text="Altena").count() == 1
    check_page(page, "member-04-edition")

    tab_to(page, "Organogram en mengpaneel")
    press_and_follow(page)
    assert "Matthijs Uyterlinde" in page.locator("main").inner_text()
    check_page(page, "member-05-meeting")

    # Back up through the breadcrumbs, then into the trio.
    tab_to(page, EDITION)
    press_and_follow(page)
    tab_to(page, "Altena")
    press_and_follow(page)
    main = page.locator("main").inner_text()
    assert "Statushouders een thuis geven in de kern" in main
    assert "kerngericht werken" in main
    check_page(page, "member-06-trio")

    tab_to(page, "English")
    press_and_follow(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Trio Altena"
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name="Editions", exact=True).is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()
    check_page(page, "member-07-trio-english")

    tab_to(page, "Nederlands")
    press_and_follow(page)
    assert page.locator("html").get_attribute("lang") == "nl"
    nav = page.get_by_role("navigation", name=gettext_in("nl", "Main"))
    assert nav.get_by_role("link", name=gettext_in("nl", "Editions"), exact=True).is_visible()
    assert page.url.endswith(reverse("workshops:trio_detail", args=[demo_trio_pk()]))


def demo_trio_pk() -> int:
    from mengpaneel.workshops.models import Trio

    return Trio.objects.get(edition__slug=demo.EDITION_SLUG, municipality__code="GM1959").pk
