"""Two members of one trio, each in their own browser, with the keyboard only.

They place every fader alone (autosave), reveal, agree fader by fader with a
rationale, and find their agreed panel beside another municipality's on the
edition's comparison page. Every page state goes through axe, at 1280 px and
at 390 px (no sideways scrolling on a phone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from mengpaneel.insights.tests.conftest import agreed_panel
from mengpaneel.panel import editions, placing
from mengpaneel.panel.models import AgreedPosition, Category, IndividualPlacement, signed
from mengpaneel.testing.factories import (
    PASSWORD,
    EditionFactory,
    MeetingFactory,
    TrioFactory,
    TrioMemberFactory,
    UserFactory,
    municipality,
)
from mengpaneel.workshops.constants import Domain
from mengpaneel.workshops.models import Trio
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_member_keyboard import gettext_in

pytestmark = pytest.mark.browser

# Alone: +2 against −1 on positioning and +3 against +1 on governance are 2 or more
# steps apart (marked for discussion); the other faders are close.
ANNA = {"positioning": 2, "residents": 0, "internal_process": -1, "governance": 3,
        "communication": -3}  # fmt: skip
BRAM = {"positioning": -1, "residents": 1, "internal_process": -1, "governance": 1,
        "communication": -2}  # fmt: skip
FAR_APART = {"positioning", "governance"}
ANNA_NOTE = "Wij hebben sinds dit jaar een eigen wijkbudget."
BRAM_NOTE = "Het sociaal team beslist nog alles zelf."
# Agreed together; residents stays in the middle (0 needs no rationale).
AGREED = {"positioning": 1, "residents": 0, "internal_process": -1, "governance": 2,
          "communication": -2}  # fmt: skip
WHY = {
    "positioning": "Er is een klein wijkbudget, maar het mandaat ligt nog bij de teams.",
    "internal_process": "Elke sector plant nog zelf; de gebiedscyclus is net begonnen.",
    "governance": "Twee wethouders hebben een gebied, de rest nog niet.",
    "communication": "Alleen bij grote projecten communiceren we per wijk.",
}
VENLO = {"positioning": -2, "residents": 2, "internal_process": 1, "governance": 0,
         "communication": 1}  # fmt: skip
NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


@dataclass
class TwoMembers:
    trio: Trio
    anna: object
    bram: object
    categories: dict[str, Category]


@pytest.fixture
def two_members(transactional_db) -> TwoMembers:
    edition = EditionFactory(name="Werkplaats Samen Kiezen", slug="samen-kiezen")
    meeting = MeetingFactory(edition=edition, number=1, theme="Organogram en mengpaneel")
    trio = TrioFactory(edition=edition, municipality=municipality("GM0606"), shares_panel=True)
    anna = UserFactory(email="anna@example.org", name="Anna de Vries")
    bram = UserFactory(email="bram@example.org", name="Bram Bakker")
    TrioMemberFactory(trio=trio, user=anna, domain=Domain.AREA)
    TrioMemberFactory(trio=trio, user=bram, domain=Domain.SOCIAL)
    assessment = placing.start_assessment(
        trio, panel_model=editions.model_for_new_panels(edition), meeting=meeting
    )
    # A second municipality shares its agreed panel, so the comparison has two panels.
    venlo = TrioFactory(edition=edition, municipality=municipality("GM0983"), shares_panel=True)
    TrioMemberFactory(trio=venlo)
    agreed_panel(venlo, VENLO, meeting=meeting, rationale="Zo werkt Venlo")
    categories = {c.key: c for c in assessment.panel_model.categories.all()}
    assert set(categories) == set(AGREED), "the test speaks of the default five faders"
    return TwoMembers(trio=trio, anna=anna, bram=bram, categories=categories)


# ---------------------------------------------------------------------------
# Keyboard and waiting helpers


def active_id(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def tab_to_control(page, element_id: str, *, backwards: bool = False, max_presses: int = 80):
    """Press Tab (or Shift+Tab) until the control with this id has focus."""
    key = "Shift+Tab" if backwards else "Tab"
    seen = []
    for _ in range(max_presses):
        if active_id(page) == element_id:
            expect(page.locator(f"#{element_id}")).to_be_visible()
            return
        page.keyboard.press(key)
        seen.append(active_id(page) or page.evaluate("document.activeElement.tagName"))
    raise AssertionError(f"{key} never reached #{element_id} on {page.url}; went to {seen}")


def press_and_follow(page, key: str = "Enter") -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def log_in_with_keyboard(page, email: str) -> None:
    page.goto(reverse("accounts:login"))
    assert active_id(page) == "id_username", "the e-mail field has focus on arrival"
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_and_follow(page)
    assert urlparse(page.url).path == reverse("core:home"), f"login failed, at {page.url}"


def posted(path: str, fields: dict[str, str | None]):
    """Match the answer to a POST to ``path`` that sent these values (None: not sent)."""

    def matches(response) -> bool:
        request = response.request
        if request.method != "POST" or urlparse(response.url).path != path:
            return False
        data = parse_qs(request.post_data or "", keep_blank_values=True)
        return all(data.get(name, [None])[-1] == value for name, value in fields.items())

    return matches


def move_knob(page, position: int, *, low: int = -3, high: int = 3) -> None:
    """From the middle (where an unplaced knob rests) to ``position`` with arrow keys."""
    if position == high:
        page.keyboard.press("End")
    elif position == low:
        page.keyboard.press("Home")
    else:
        for _ in range(abs(position)):
            page.keyboard.press("ArrowUp" if position > 0 else "ArrowDown")


def nl_value(category: Category, position: int | None) -> str:
    with translation.override("nl"):
        return category.value_text(position)


def expect_fader_shows(page, category: Category, position: int | None) -> None:
    section = page.locator(f"#fader-{category.key}")
    knob = section.locator("input[type=range]")
    if position is not None:
        expect(knob).to_have_value(str(position))
    expect(knob).to_have_attribute("aria-valuetext", nl_value(category, position))
    expect(section.locator("output")).to_have_text(nl_value(category, position))
    unplaced = section.locator(".mp-fader__unplaced")
    if position is None:
        expect(unplaced).to_be_checked()
    else:
        expect(unplaced).not_to_be_checked()


def place_with_keyboard(page, trio: Trio, category: Category, position: int, note: str = ""):
    """Place one fader alone, as a keyboard user does, and wait until autosave has it."""
    key = category.key
    sent = {f"{key}-position": str(position), f"{key}-unplaced": None, f"{key}-note": note}
    with page.expect_response(posted(reverse("panel:place", args=[trio.pk, key]), sent)) as done:
        tab_to_control(page, f"id_{key}-position")
        if position == 0:
            # The knob already rests in the middle: placing it there is its own control.
            tab_to_control(page, f"id_{key}-unplaced")
            page.keyboard.press("Space")
        else:
            move_knob(page, position)
        if note:
            tab_to_control(page, f"id_{key}-note")
            page.keyboard.type(note)
            page.keyboard.press("Tab")  # leaving the field saves it
    assert done.value.ok
    expect(page.locator(f"#fader-{key} .mp-saved")).to_have_text(gettext_in("nl", "Saved."))
    # Screen readers hear it from the page's one status region, with the fader's name.
    expect(page.locator("#fader-announcer[role=status]")).to_have_text(
        f"{category.name_nl}: {gettext_in('nl', 'Saved.')}"
    )
    expect_fader_shows(page, category, position)
    if note:
        # The fader was swapped for the saved one: focus stays where the Tab put it.
        expect(page.locator(f"#fader-{key}-save")).to_be_focused()


def agree_with_keyboard(page, trio: Trio, category: Category, position: int, *, discuss=False):
    """Agree on one fader: write why first, then move the knob; autosave keeps both."""
    key = category.key
    why = WHY.get(key, "")
    sent = {
        f"{key}-position": str(position),
        f"{key}-unplaced": None,
        f"{key}-rationale": why,
        f"{key}-discuss": "on" if discuss else None,
    }
    with page.expect_response(posted(reverse("panel:agree", args=[trio.pk, key]), sent)) as done:
        if why:
            tab_to_control(page, f"id_{key}-rationale")
            page.keyboard.type(why)
        if discuss:
            tab_to_control(page, f"id_{key}-discuss")
            page.keyboard.press("Space")
        tab_to_control(page, f"id_{key}-position", backwards=bool(why or discuss))
        if position == 0:
            tab_to_control(page, f"id_{key}-unplaced")
            page.keyboard.press("Space")
        else:
            move_knob(page, position)
    assert done.value.ok
    section = page.locator(f"#fader-{key}")
    expect(section.locator(".mp-saved")).to_have_text(gettext_in("nl", "Saved."))
    expect(section.locator(".mp-fader__agreed")).to_contain_text(nl_value(category, position))
    expect_fader_shows(page, category, position)


# ---------------------------------------------------------------------------
# Looking at a page


def look(page, check_page, name: str) -> None:
    """axe and a screenshot at 1280 px, then a screenshot at 390 px without sideways scroll."""
    check_page(page, name)
    page.set_viewport_size(NARROW)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-390.png"), full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.set_viewport_size(WIDE)
    assert overflow <= 0, f"{name}: {overflow}px of sideways scrolling at 390 px"


# ---------------------------------------------------------------------------


def test_two_members_place_reveal_agree_and_compare_with_the_keyboard(
    two_members, new_context, check_page
):
    trio, categories = two_members.trio, two_members.categories
    panel_url = reverse("panel:trio_panel", args=[trio.pk])
    anna_page = new_context().new_page()
    bram_page = new_context().new_page()  # a second context: cookies of its own

    # 1. Anna places every fader alone, one with a note.
    log_in_with_keyboard(anna_page, two_members.anna.email)
    anna_page.goto(panel_url)
    for key, position in ANNA.items():
        note = ANNA_NOTE if key == "positioning" else ""
        place_with_keyboard(anna_page, trio, categories[key], position, note)

    # Autosave kept everything: after a reload the knobs are where Anna left them.
    anna_page.reload()
    for key, position in ANNA.items():
        expect_fader_shows(anna_page, categories[key], position)
    expect(anna_page.locator("#id_positioning-note")).to_have_value(ANNA_NOTE)
    placed = dict(
        IndividualPlacement.objects.filter(member=two_members.anna).values_list(
            "category__key", "position"
        )
    )
    assert placed == ANNA

    # 2. Bram, in his own browser, sees none of Anna's positions before the reveal.
    log_in_with_keyboard(bram_page, two_members.bram.email)
    bram_page.goto(panel_url)
    progress = gettext_in("nl", "%(done)s of %(total)s members have placed every fader.")
    expect(bram_page.locator("main")).to_contain_text(progress % {"done": 1, "total": 2})

    def bram_sees_nothing_of_anna() -> None:
        # Read as the words are heard: people's text is isolated (U+2068 … U+2069) in them.
        page_html = bram_page.content().replace("\u2068", "").replace("\u2069", "")
        for secret in (ANNA_NOTE, "Anna de Vries", "AV +", "AV \u2212", "AV 0"):
            assert secret not in page_html, f"{secret!r} shows on Bram's page before the reveal"
        assert bram_page.locator(".mp-marks").count() == 0

    bram_sees_nothing_of_anna()
    for category in categories.values():
        expect_fader_shows(bram_page, category, None)
    look(bram_page, check_page, "two-members-01-bram-before-placing")

    for key, position in BRAM.items():
        note = BRAM_NOTE if key == "communication" else ""
        place_with_keyboard(bram_page, trio, categories[key], position, note)
    bram_page.reload()
    for key, position in BRAM.items():
        expect_fader_shows(bram_page, categories[key], position)
    expect(bram_page.locator("main")).to_contain_text(progress % {"done": 2, "total": 2})
    bram_sees_nothing_of_anna()
    look(bram_page, check_page, "two-members-02-bram-placed-before-reveal")

    # 3. Bram reveals: every member's position shows per fader.
    tab_to_text(bram_page, gettext_in("nl", "Reveal our positions inside the trio"))
    press_and_follow(bram_page)
    assert trio.assessments.get().revealed_by == two_members.bram
    anna_page.reload()
    for page in (bram_page, anna_page):
        for key, category in categories.items():
            marks = page.locator(f"#fader-{key} .mp-marks")
            expect(marks).to_contain_text(f"Anna de Vries: {nl_value(category, ANNA[key])}")
            expect(marks).to_contain_text(f"Bram Bakker: {nl_value(category, BRAM[key])}")
            section = page.locator(f"#fader-{key}")
            flag = gettext_in(
                "nl", "Marked for discussion: you were 2 or more steps apart when you placed alone."
            )
            if key in FAR_APART:
                expect(section).to_have_class(re.compile(r"\bmp-fader--far-apart\b"))
                expect(section).to_contain_text(flag)
            else:
                expect(section).not_to_have_class(re.compile(r"\bmp-fader--far-apart\b"))
                expect(section).not_to_contain_text(flag)
        # The drawing in words has both members' marks now: Anna's initials too.
        words = page.locator("#panel-drawing figcaption")
        expect(words).to_contain_text(f"\u2068AV\u2069 {signed(ANNA['positioning'])}")
        expect(words).to_contain_text(f"\u2068BB\u2069 {signed(BRAM['positioning'])}")
        # The notes are shared now, and the warning links to the faders to talk about first.
        expect(page.locator("#fader-positioning .mp-marks")).to_contain_text(ANNA_NOTE)
        expect(page.locator("#fader-communication .mp-marks")).to_contain_text(BRAM_NOTE)
        warning = page.locator(".utrecht-alert--warning").filter(
            has_text=gettext_in(
                "nl", "You were 2 or more steps apart on these faders. Talk about them first:"
            )
        )
        for key in FAR_APART:
            expect(warning.locator(f"a[href='#fader-{key}']")).to_have_text(categories[key].name)
    look(anna_page, check_page, "two-members-03-anna-after-reveal")

    # 4. Off the middle without a rationale: a clear message, and nothing typed is lost,
    # not even what Anna types while the refusal is on its way (the answers are held back).
    agree_path = reverse("panel:agree", args=[trio.pk, "positioning"])
    held = []

    def to_agree(url: str) -> bool:
        return urlparse(url).path == agree_path

    def is_agree(request) -> bool:
        return request.method == "POST" and to_agree(request.url)

    def is_agree_answer(response) -> bool:
        return is_agree(response.request)

    def hold(route) -> None:
        held.append(route)

    anna_page.route(to_agree, hold)
    section = anna_page.locator("#fader-positioning")
    rationale = section.locator("#id_positioning-rationale")
    tab_to_control(anna_page, "id_positioning-position")
    with anna_page.expect_request(is_agree):
        anna_page.keyboard.press("ArrowUp")
    tab_to_control(anna_page, "id_positioning-rationale")
    anna_page.keyboard.type(WHY["positioning"])
    assert len(held) == 1, "the save without a rationale is on its way"
    with anna_page.expect_request(is_agree) as resent:
        with anna_page.expect_response(is_agree_answer):
            held[0].continue_()
        expect(rationale, "typed while the refusal was on its way").to_have_value(
            WHY["positioning"]
        )
    required = gettext_in(
        "nl",
        "You moved this fader away from the middle. Write down why: a sentence or two is enough.",
    )
    expect(section.locator(".utrecht-form-field-error-message")).to_have_text(required)
    expect(section.get_by_role("alert")).to_contain_text(
        gettext_in(
            "nl",
            "Not saved yet. Please check the fields marked below; what you typed has been kept.",
        )
    )
    expect(rationale).to_have_attribute("aria-invalid", "true")
    expect(rationale).to_be_focused()
    expect_fader_shows(anna_page, categories["positioning"], 1)
    positioning = AgreedPosition.objects.get(assessment__trio=trio, category__key="positioning")
    assert positioning.position is None, "refused, so nothing is saved"
    look(anna_page, check_page, "two-members-04-anna-rationale-missing")
    # What was typed meanwhile goes out again by itself, and now it is saved.
    sent_again = parse_qs(resent.value.post_data)
    assert sent_again["positioning-rationale"] == [WHY["positioning"]]
    assert sent_again["positioning-position"] == ["1"]
    assert len(held) == 2
    with anna_page.expect_response(is_agree_answer):
        held[1].continue_()
    anna_page.unroute(to_agree, hold)
    expect(section.locator(".mp-saved")).to_have_text(gettext_in("nl", "Saved."))
    expect(section.locator(".utrecht-form-field-error-message")).to_have_count(0)
    expect(section.locator(".mp-fader__agreed")).to_contain_text(
        nl_value(categories["positioning"], 1)
    )
    positioning.refresh_from_db()
    assert (positioning.position, positioning.rationale) == (1, WHY["positioning"])

    # 5. The rest: Anna two faders, Bram two (one to talk about further).
    agree_with_keyboard(anna_page, trio, categories["residents"], AGREED["residents"])
    agree_with_keyboard(anna_page, trio, categories["internal_process"], AGREED["internal_process"])
    agree_with_keyboard(
        bram_page, trio, categories["governance"], AGREED["governance"], discuss=True
    )
    agree_with_keyboard(bram_page, trio, categories["communication"], AGREED["communication"])

    agreed = dict(
        AgreedPosition.objects.filter(assessment__trio=trio).values_list(
            "category__key", "position"
        )
    )
    assert agreed == AGREED
    for page in (anna_page, bram_page):
        page.reload()
        for key, position in AGREED.items():
            section = page.locator(f"#fader-{key}")
            expect(section.locator(".mp-fader__agreed")).to_contain_text(
                nl_value(categories[key], position)
            )
            expect_fader_shows(page, categories[key], position)
            if key in WHY:
                expect(section.locator(".mp-rationale")).to_have_text(WHY[key])
        expect(page.locator("#fader-governance .mp-fader__agreed")).to_contain_text(
            gettext_in("nl", "we want to talk about this")
        )
    look(bram_page, check_page, "two-members-05-bram-after-agreeing")

    # 6. The comparison: Schiedam's agreed panel beside Venlo's, then on top of each other.
    tab_to_text(anna_page, gettext_in("nl", "Compare with other municipalities"))
    press_and_follow(anna_page)
    assert urlparse(anna_page.url).path == reverse("panel:compare", args=["samen-kiezen"])
    schiedam = anna_page.locator(".mp-compare__item").filter(
        has=anna_page.get_by_role("heading", name=re.compile("^Schiedam"))
    )
    venlo = anna_page.locator(".mp-compare__item").filter(
        has=anna_page.get_by_role("heading", name=re.compile("^Venlo"))
    )
    expect(schiedam).to_have_count(1)
    expect(venlo).to_have_count(1)
    words = schiedam.locator("figcaption")
    for key, position in AGREED.items():
        name = categories[key].name
        expect(words).to_contain_text(f"\u2068{name}\u2069: {signed(position)}")
        expect(schiedam.locator("summary").filter(has_text=name)).to_contain_text(
            nl_value(categories[key], position)
        )
        expect(venlo.locator("figcaption")).to_contain_text(
            f"\u2068{name}\u2069: {signed(VENLO[key])}"
        )
    expect(
        schiedam.locator("summary").filter(has_text=categories["governance"].name)
    ).to_contain_text(gettext_in("nl", "to discuss"))
    look(anna_page, check_page, "two-members-06-compare-side-by-side")

    switch = anna_page.get_by_role("navigation", name=gettext_in("nl", "View"))
    tab_to_text(anna_page, gettext_in("nl", "On top of each other"))
    press_and_follow(anna_page)
    expect(
        switch.get_by_role("link", name=gettext_in("nl", "On top of each other"))
    ).to_have_attribute("aria-current", "page")
    expect(anna_page.locator(".mp-panel-figure--overlay svg")).to_have_count(1)
    table = anna_page.locator("table.mp-compare-table")
    headers = table.locator("thead th")
    expect(headers).to_have_text([gettext_in("nl", "Fader"), "Schiedam", "Venlo"])
    for key, position in AGREED.items():
        row = table.locator("tbody tr").filter(
            has=anna_page.locator("th", has_text=categories[key].name)
        )
        expect(row.locator("td").nth(0)).to_contain_text(nl_value(categories[key], position))
        expect(row.locator("td").nth(1)).to_contain_text(nl_value(categories[key], VENLO[key]))
    look(anna_page, check_page, "two-members-07-compare-overlay")

    tab_to_text(anna_page, gettext_in("nl", "Side by side"), backwards=True)
    press_and_follow(anna_page)
    expect(anna_page.locator(".mp-compare__item")).to_have_count(2)
    expect(table).to_have_count(0)


def tab_to_text(page, text: str, *, backwards: bool = False, max_presses: int = 120) -> None:
    """Press Tab (or Shift+Tab) until a control whose text contains ``text`` has focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(max_presses):
        page.keyboard.press(key)
        focused_text = page.evaluate("(document.activeElement.innerText || '').trim()")
        if text in focused_text:
            assert page.evaluate(
                "(() => { const b = document.activeElement.getBoundingClientRect();"
                " return b.width > 0 && b.height > 0; })()"
            ), f"{text!r} has focus but cannot be seen"
            return
    raise AssertionError(f"{key} never reached {text!r} on {page.url}")
