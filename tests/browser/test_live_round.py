"""A live round in the room: an organiser with a projector, a member and a guest, all phases.

The event stream is an async view, which the test server of pytest-django
(threaded WSGI) cannot serve; so this test runs ``mengpaneel serve`` (uvicorn,
ASGI) in a subprocess on a migrated SQLite file of its own, as production does.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time

import pytest

from tests.browser.conftest import TIMEOUT_MS, open_page

pytestmark = pytest.mark.browser

SETUP = r"""
import json
import django
django.setup()
from mengpaneel.testing.factories import (
    PASSWORD, EditionFactory, MeetingFactory, OrganiserFactory, TrioFactory, TrioMemberFactory,
    municipality,
)
organiser = OrganiserFactory(email="olga@example.org", name="Olga Organisator")
edition = EditionFactory(name="Werkplaats live", slug="werkplaats-live", organisers=[organiser])
# Altena shares its panel with the room; Venlo keeps its panel within the trio.
altena = TrioFactory(edition=edition, municipality=municipality("GM1959"), shares_panel=True)
venlo = TrioFactory(edition=edition, municipality=municipality("GM0983"))
member = TrioMemberFactory(
    trio=altena, user__email="anna@example.org", user__name="Anna Altena"
).user
meeting = MeetingFactory(edition=edition, number=1)
print(json.dumps({
    "password": PASSWORD, "slug": edition.slug, "meeting": meeting.pk,
    "altena": altena.pk, "venlo": venlo.pk,
}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def asgi_server(tmp_path, settings):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mengpaneel.settings",
        "MENGPANEEL_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "DEBUG": "true",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "",
    }
    command = [sys.executable, "-m", "mengpaneel.cli"]
    subprocess.run([*command, "migrate", "-v", "0"], env=env, check=True, timeout=180)
    setup = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, check=True, capture_output=True, text=True
    )
    world = json.loads(setup.stdout.strip().splitlines()[-1])
    port = _free_port()
    log = tmp_path / "server.log"
    server = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if server.poll() is not None:
                pytest.fail(log.read_text())
            time.sleep(0.1)
    world["url"] = f"http://127.0.0.1:{port}"
    yield world
    server.kill()  # open event streams would make a graceful stop wait
    server.wait()


PHONE = 390  # CSS pixels, a common phone width


def _context(browser, world, width: int = 1280):
    context = browser.new_context(
        base_url=world["url"], locale="en-GB", viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def _log_in(page, email: str, password: str) -> None:
    page.goto("/inloggen/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def _move(control, to: str) -> None:
    """The organiser presses the button that moves the round to ``to``."""
    with control.expect_navigation():
        control.click(f"form:has(input[name=to][value={to}]) button")


def _phase_is(page, phase: str) -> None:
    page.wait_for_selector(f"[data-live][data-phase={phase}]", state="attached")


@pytest.fixture
def check(check_page):
    """check_page, then undo axe's traces: it leaves empty ``style`` attributes behind,
    which htmx would copy on its next swap, and the CSP (rightly) refuses those."""

    def run(page, name: str) -> None:
        check_page(page, name)
        # Reflow: on a phone the page fits the width, nothing scrolls sideways.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
                .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
        )
        assert overflow <= 0, f"{name} scrolls {overflow}px sideways: {wide}"
        page.evaluate(
            "document.querySelectorAll('[style]').forEach(e => e.removeAttribute('style'))"
        )

    return run


def test_a_live_round_from_start_to_close(asgi_server, browser, check):
    world = asgi_server
    check_page = check
    organiser = _context(browser, world)
    control = open_page(organiser)
    _log_in(control, "olga@example.org", world["password"])
    control.goto(f"/edities/{world['slug']}/bijeenkomsten/{world['meeting']}/live/")
    check_page(control, "live-01-start")
    with control.expect_navigation():
        control.click("main form button[type=submit]")
    check_page(control, "live-02-control")
    code = control.locator(".mp-live__code").inner_text()

    projector = open_page(organiser)
    projector.set_viewport_size({"width": 1600, "height": 900})
    projector.goto(control.url.replace("/regie/", "/beamer/"))
    projector.evaluate("window.sameDocument = true")  # gone if the page reloads
    check_page(projector, "live-03-projector-alone")
    assert projector.locator("[aria-live]").count() == 1

    # A member logs in and finds the running round; a guest joins with the code.
    member_context = _context(browser, world, width=PHONE)
    member = open_page(member_context)
    _log_in(member, "anna@example.org", world["password"])
    member.goto("/live/")
    with member.expect_navigation():
        member.click("main ul a")
    check_page(member, "live-04-member-alone")

    guest_context = _context(browser, world, width=PHONE)
    guest = open_page(guest_context)
    guest.goto("/live/")
    guest.fill("input[name=code]", code.lower())
    with guest.expect_navigation():
        guest.click("main form button[type=submit]")
    assert code.replace("-", "") not in guest.url
    guest.select_option("select[name=trio]", str(world["venlo"]))
    guest.fill("input[name=name]", "Gijs Gast")
    with guest.expect_navigation():
        guest.click("main form button[type=submit]")
    check_page(guest, "live-05-guest-alone")

    # The guest joined: the projector shows Venlo with one person, without a reload.
    venlo = projector.locator(f"[data-trio='{world['venlo']}']")
    venlo.and_(projector.locator("[data-size='1']")).wait_for()

    # Both place every fader with the keyboard; each change saves itself.
    for person, key in ((member, "ArrowUp"), (guest, "ArrowDown")):
        faders = person.locator("input[type=range]")
        for index in range(faders.count()):
            with person.expect_response(re.compile(r"/plaatsen/$")):
                faders.nth(index).focus()
                person.keyboard.press(key)
    projector.locator(f"[data-trio='{world['altena']}'][data-done='1']").wait_for()
    projector.locator(f"[data-trio='{world['venlo']}'][data-done='1']").wait_for()
    assert projector.evaluate("window.sameDocument") is True
    check_page(projector, "live-06-projector-all-done")

    # The guest loses the connection; meanwhile the organiser opens the reveal.
    guest_context.set_offline(True)
    _move(control, "reveal")
    _phase_is(projector, "reveal")
    _phase_is(member, "reveal")
    guest_context.set_offline(False)
    _phase_is(guest, "reveal")  # caught up on reconnect, no reload
    guest.locator("#live-work").get_by_text("Gijs Gast").first.wait_for()
    # Requests made while offline failed, as they should; the page recovered from them.
    guest.console_errors = [e for e in guest.console_errors if "INTERNET_DISCONNECTED" not in e]
    check_page(guest, "live-07-guest-reveal")

    # The member agrees a fader with a rationale; the guest only watches this phase.
    _move(control, "agree")
    _phase_is(member, "agree")
    check_page(member, "live-08-member-agree")
    form = member.locator("form[id^=agree-]").first
    form.locator("input[type=range]").focus()
    member.keyboard.press("ArrowUp")
    member.keyboard.press("ArrowUp")
    form.locator("textarea").first.fill("Ons gebiedsteam heeft een eigen budget.")
    with member.expect_response(re.compile(r"/eens/$")) as answer:
        form.locator("button[type=submit]").click()
    assert answer.value.status == 200
    member.locator("form[id^=agree-] .mp-live-fader__saved").first.wait_for()

    _move(control, "plenary")
    _phase_is(projector, "plenary")
    projector.locator(".mp-projector__panel svg").first.wait_for()
    altena_panel = projector.locator(".mp-projector__panel").filter(has_text="Altena")
    assert "+2" in altena_panel.inner_text()
    venlo_panel = projector.locator(".mp-projector__panel").filter(has_text="Venlo")
    assert venlo_panel.locator("svg").count() == 0, "Venlo does not share its panel"
    assert projector.evaluate("window.sameDocument") is True
    check_page(projector, "live-09-projector-plenary")

    _move(control, "reflect")
    _phase_is(projector, "reflect")
    # The phase attribute changes first; wait for the reflect board itself before looking.
    projector.locator(".mp-projector__rule").first.wait_for()
    assert altena_panel.locator(".mp-projector__rule").count() >= 1
    assert venlo_panel.locator(".mp-projector__rule").count() == 0
    check_page(projector, "live-10-projector-reflect")
    _phase_is(guest, "reflect")

    with control.expect_navigation():
        control.click("form:has(input[name=to][value=close]) button")
    _phase_is(member, "closed")
    _phase_is(guest, "closed")
    check_page(member, "live-11-member-closed")
    for context in (organiser, member_context, guest_context):
        context.close()


def _organiser_starts_the_round(browser, world):
    """The organiser's context and the controls page of the round they just started."""
    organiser = _context(browser, world)
    control = open_page(organiser)
    _log_in(control, "olga@example.org", world["password"])
    control.goto(f"/edities/{world['slug']}/bijeenkomsten/{world['meeting']}/live/")
    with control.expect_navigation():
        control.click("main form button[type=submit]")
    return organiser, control


def test_the_no_connection_notice_goes_once_polling_works_again(asgi_server, browser):
    """Behind a proxy that never lets the event stream through, the page lives on polling;
    one failed poll must not leave "No connection" on the screen for the rest of the round."""
    world = asgi_server
    organiser, control = _organiser_starts_the_round(browser, world)

    member_context = _context(browser, world, width=PHONE)
    member_context.route(re.compile(r"/stroom/$"), lambda route: route.abort())
    polls = []

    def first_poll_fails(route) -> None:
        polls.append(route.request.url)
        if len(polls) == 1:
            route.abort()
        else:
            route.continue_()

    member_context.route(re.compile(r"/versie/$"), first_poll_fails)
    member = open_page(member_context)
    _log_in(member, "anna@example.org", world["password"])
    member.goto("/live/")
    with member.expect_navigation():
        member.click("main ul a")
    notice = member.locator("[data-live-connection]")
    notice.wait_for(state="visible")
    _move(control, "reveal")
    _phase_is(member, "reveal")  # the polls that followed did work
    notice.wait_for(state="hidden")
    for context in (organiser, member_context):
        context.close()


def test_the_organisers_focus_stays_put_while_the_room_saves(asgi_server, browser):
    """The list of trios and guests is fetched again on every change in the room; a keyboard
    user on a guest's "Remove" button must not be thrown back to the top each time."""
    world = asgi_server
    organiser, control = _organiser_starts_the_round(browser, world)
    code = control.locator(".mp-live__code").inner_text()

    guest_context = _context(browser, world, width=PHONE)
    guest = open_page(guest_context)
    guest.goto("/live/")
    guest.fill("input[name=code]", code)
    with guest.expect_navigation():
        guest.click("main form button[type=submit]")
    guest.select_option("select[name=trio]", str(world["venlo"]))
    guest.fill("input[name=name]", "Gijs Gast")
    with guest.expect_navigation():
        guest.click("main form button[type=submit]")

    remove = control.locator("#live-people form button")
    remove.wait_for()
    remove.focus()
    remove.evaluate("button => { button.dataset.before = 'yes'; }")
    with guest.expect_response(re.compile(r"/plaatsen/$")):
        guest.locator("input[type=range]").first.focus()
        guest.keyboard.press("ArrowUp")
    # The list was drawn again: its button is a new one, without the mark.
    control.locator("#live-people form button:not([data-before])").wait_for()
    focused = control.evaluate("document.activeElement.textContent.trim()")
    assert focused == remove.inner_text().strip()
    for context in (organiser, guest_context):
        context.close()
