"""The org-chart exercise in real Chromium, keyboard only: Altena types its chart, marks
where area-based working sits, and sees the drawing and the layers; axe on every page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mengpaneel.core import demo
from mengpaneel.orgchart.models import OrgChart
from mengpaneel.workshops.models import Trio
from tests.browser.conftest import SCREENSHOTS
from tests.browser.keyboard import focused, tab_to
from tests.browser.test_member_keyboard import DEMO_PASSWORD, gettext_in, press_and_follow
from tests.browser.test_organiser import log_in
from tests.browser.test_reflow import PHONE, assert_fits

pytestmark = pytest.mark.browser

MEMBER = "altena.gebied@demo.mengpaneel.nl"
# Typed as a person would, with two spaces a level (Tab would leave the text box).
ALTENA = (
    "College van B&W\n"
    "  Gemeentesecretaris / algemeen directeur\n"
    "    Directie externe oriëntatie\n"
    "      Team Samenleving\n"
)


def nl(message: str) -> str:
    return gettext_in("nl", message)


@pytest.fixture
def altena(settings, transactional_db) -> Trio:
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    demo.load_demo()
    trio = Trio.objects.get(edition__slug=demo.EDITION_SLUG, municipality__code="GM1959")
    OrgChart.objects.filter(trio=trio).delete()  # the trio enters it itself
    return trio


def test_a_trio_enters_altenas_chart_and_marks_where_area_work_sits(altena, page, check_page):
    log_in(page, MEMBER, DEMO_PASSWORD)
    page.goto(reverse("workshops:trio_detail", args=[altena.pk]))
    tab_to(page, nl("Enter your org chart"))
    press_and_follow(page)
    check_page(page, "orgchart-01-empty")
    tab_to(page, nl("Enter your org chart"))
    press_and_follow(page)
    assert page.url.endswith(reverse("orgchart:edit", args=[altena.pk]))
    check_page(page, "orgchart-02-form")

    # A wrong indent first: the message names the line and the text stays.
    textarea = page.locator("textarea[name=outline]")
    tab_to_field(page, "outline")
    page.keyboard.type("College van B&W\n    Directie\n   Team\n")
    tab_to(page, nl("Save"))
    press_and_follow(page)
    expect(page.locator("main")).to_contain_text(
        nl("Line %(line)d: %(message)s") % {"line": 3, "message": ""}
    )
    assert "   Team" in textarea.input_value()
    check_page(page, "orgchart-03-indent-error")

    tab_to_field(page, "outline")
    page.keyboard.press("Control+A")
    page.keyboard.type(ALTENA)
    tab_to(page, nl("Save"))
    press_and_follow(page)
    expect(page.locator("main")).to_contain_text(
        nl("Your org chart is saved. Now mark where area-based working sits.")
    )

    # Mark the unit with the arrow keys, tick "not named", say how near the alderman is.
    tab_to_field(page, "area_unit")
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    assert page.locator("select[name=area_unit] option:checked").inner_text().strip() == (
        "Team Samenleving"
    )
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "input"
    page.keyboard.press("Space")
    tab_to_field(page, "felt_alderman")
    page.keyboard.press("ArrowDown")  # from "not filled in" to "walks straight in"
    tab_to_field(page, "felt_note")
    page.keyboard.type("We lopen zo bij de kernwethouder binnen.")
    tab_to(page, nl("Save"))
    press_and_follow(page)

    assert page.url.endswith(reverse("orgchart:trio_chart", args=[altena.pk]))
    main = page.locator("main")
    expect(main.locator(".mp-orgchart-layers")).to_contain_text("2 lagen")  # Dutch first
    expect(main).to_contain_text(nl("The official chart does not name it."))
    expect(main).to_contain_text(nl("walks straight in"))
    drawing = main.locator(".mp-orgchart-scroll svg")
    expect(drawing).to_have_attribute("role", "img")
    assert drawing.locator("text").filter(has_text="Team Samenleving").count() == 1
    # The text alternative is the outline itself, opened from the keyboard.
    tab_to(page, nl("The org chart in words"))
    page.keyboard.press("Enter")
    expect(main.locator(".mp-outline li")).to_have_count(4)
    check_page(page, "orgchart-04-drawn")

    chart = OrgChart.objects.get(trio=altena)
    assert chart.not_named and chart.distance.layers == 2
    assert chart.felt_alderman == "walks_in"

    # Beside the internal positioning fader on the panel page: a preview and a link.
    page.goto(reverse("panel:trio_panel", args=[altena.pk]))
    beside = page.locator("#fader-positioning .mp-orgchart-beside")
    expect(beside).to_contain_text("Team Samenleving")
    beside.screenshot(path=str(SCREENSHOTS / "orgchart-05-beside-fader.png"))

    # On a phone the page fits; the chart scrolls inside its own region.
    page.goto(reverse("orgchart:trio_chart", args=[altena.pk]))
    page.set_viewport_size(PHONE)
    check_page(page, "orgchart-06-phone")
    assert_fits(page, "org chart on a phone")


def test_the_edition_lists_every_sharing_trio_alphabetically(
    settings, transactional_db, page, check_page
):
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    demo.load_demo()
    log_in(page, "venlo.gebied@demo.mengpaneel.nl", DEMO_PASSWORD)
    page.goto(reverse("orgchart:edition_charts", args=[demo.EDITION_SLUG]))
    names = page.locator("tbody th").all_inner_texts()
    assert [name.split()[0] for name in names] == ["Altena", "Schiedam", "Venlo"]
    check_page(page, "orgchart-07-edition")
    for _ in range(40):  # to the link, past the table's scroll region (which holds all names)
        page.keyboard.press("Tab")
        if focused(page)["tag"] == "a" and focused(page)["text"] == "Schiedam":
            break
    press_and_follow(page)
    expect(page.locator("h1")).to_contain_text("Schiedam")
    check_page(page, "orgchart-08-shared-chart")


def tab_to_field(page, name: str, *, max_presses: int = 60) -> None:
    """Press Tab until the form control named ``name`` has focus."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached the field {name!r} on {page.url}")
