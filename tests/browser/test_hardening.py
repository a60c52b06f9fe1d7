"""Pages of issue 11's hardening: limits, invitations for another address, error pages."""

from __future__ import annotations

import re
import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from mengpaneel.testing.factories import (
    PASSWORD,
    EditionFactory,
    OrganiserFactory,
    TrioFactory,
    TrioMemberFactory,
    UserFactory,
    municipality,
)
from tests.browser.conftest import open_page
from tests.browser.test_live_round import (  # noqa: F401 (asgi_server, check: fixtures)
    PHONE,
    _context,
    _organiser_starts_the_round,
    _phase_is,
    asgi_server,
    check,
)
from tests.browser.test_organiser import log_in, submit

pytestmark = pytest.mark.browser


@pytest.fixture
def trio(transactional_db):
    organiser = OrganiserFactory(email="olga@example.org", name="Olga Organisator")
    edition = EditionFactory(name="Werkplaats najaar", organisers=[organiser])
    trio = TrioFactory(edition=edition, municipality=municipality("GM1959"))
    TrioMemberFactory(trio=trio, user=UserFactory(email="gebied@example.org", name="Gea Gebied"))
    return trio


def test_too_many_wrong_passwords_show_a_page_with_a_way_out(page, check_page, transactional_db):
    UserFactory(email="wijk@example.org")
    for _attempt in range(5):
        page.goto(reverse("accounts:login"))
        page.fill("input[name=username]", "wijk@example.org")
        page.fill("input[name=password]", "niet het wachtwoord")
        submit(page)
    page.fill("input[name=username]", "wijk@example.org")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    assert navigation.value.status == 429
    assert page.locator("h1").inner_text() == "Te veel pogingen"
    assert page.get_by_role("link", name="Wachtwoord vergeten?").is_visible()
    check_page(page, "hardening-01-login-paused")


def test_wrong_join_codes_are_paused_in_the_form(page, check_page, transactional_db):
    for _attempt in range(11):
        page.goto(reverse("live:join"))
        page.fill("input[name=code]", "AAAA-AAAA")
        submit(page)
    assert page.get_by_role("alert").is_visible()
    assert "te veel verkeerde codes" in page.locator("main").inner_text()
    assert page.locator("input[name=code]").input_value() == "AAAA-AAAA"
    check_page(page, "hardening-02-join-codes-paused")


def test_an_invitation_for_another_address_waits_for_the_organiser(
    trio, page, new_context, check_page
):
    log_in(page, "gebied@example.org")
    page.goto(reverse("workshops:trio_invite", args=[trio.pk]))
    page.fill("input[name=email]", "fenna@gemeente.example.org")
    page.select_option("select[name=domain]", "physical")
    submit(page)
    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[-1].body).group(0)

    # Fenna opens it while logged in with her private account.
    UserFactory(email="fenna.prive@example.org", name="Fenna Fysiek")
    fenna = open_page(new_context())
    log_in(fenna, "fenna.prive@example.org")
    fenna.goto(link)
    main = fenna.locator("main").inner_text()
    assert "fenna@gemeente.example.org" in main and "fenna.prive@example.org" in main
    assert fenna.get_by_role("button", name="Meedoen in dit trio").count() == 0
    check_page(fenna, "hardening-03-invitation-other-address")
    with fenna.expect_navigation():
        fenna.get_by_role("button", name="Vraag de organisator om bevestiging").click()
    assert fenna.url.endswith(reverse("core:home"))
    check_page(fenna, "hardening-04-invitation-asked")

    organiser = open_page(new_context())
    log_in(organiser, "olga@example.org")
    organiser.goto(trio.get_absolute_url())
    check_page(organiser, "hardening-05-trio-confirm")
    with organiser.expect_navigation():
        organiser.get_by_role("button", name="Laat Fenna Fysiek meedoen").click()
    assert "Fenna Fysiek is nu lid van dit trio." in organiser.locator("main").inner_text()
    assert trio.members.filter(user__email="fenna.prive@example.org").exists()


def test_a_mail_failure_on_invite_is_said_in_the_form(trio, page, check_page, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    log_in(page, "gebied@example.org")
    page.goto(reverse("workshops:trio_invite", args=[trio.pk]))
    page.fill("input[name=email]", "fenna@gemeente.example.org")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    assert navigation.value.status == 503
    assert page.get_by_role("alert").is_visible()
    assert "kon niet worden verstuurd" in page.locator("main").inner_text()
    assert page.locator("input[name=email]").input_value() == "fenna@gemeente.example.org"
    check_page(page, "hardening-06-invite-mail-failed")


def test_a_logged_in_person_changes_the_password(page, check_page, transactional_db):
    UserFactory(email="wijk@example.org")
    log_in(page, "wijk@example.org")
    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    page.wait_for_load_state()
    check_page(page, "hardening-07-password-change")
    page.fill("input[name=old_password]", "niet het wachtwoord")
    page.fill("input[name=new_password1]", "een heel nieuw wachtwoord")
    page.fill("input[name=new_password2]", "een heel nieuw wachtwoord")
    submit(page)
    assert page.get_by_role("alert").is_visible()
    check_page(page, "hardening-08-password-change-errors")
    page.fill("input[name=old_password]", PASSWORD)
    page.fill("input[name=new_password1]", "een heel nieuw wachtwoord")
    page.fill("input[name=new_password2]", "een heel nieuw wachtwoord")
    submit(page)
    assert "Je wachtwoord is gewijzigd" in page.locator("main").inner_text()


@pytest.mark.parametrize(
    "path, status, name",
    [
        ("/test/kapot/", 500, "500"),
        ("/test/schijf-vol/", 503, "503"),
        ("/test/verboden/", 403, "403"),
        ("/bestaat-niet/", 404, "404"),
    ],
)
def test_error_pages_are_styled_and_pass_axe(
    page, check_page, settings, transactional_db, path, status, name
):
    settings.ROOT_URLCONF = "mengpaneel.core.tests.urls"
    response = page.goto(path)
    assert response.status == status
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "nl"
    check_page(page, f"hardening-error-{name}")


def test_the_400_page_for_a_host_we_do_not_serve(
    page, check_page, settings, live_server, transactional_db
):
    settings.ALLOWED_HOSTS = ["localhost"]
    response = page.goto(live_server.url.replace("localhost", "127.0.0.1") + "/")
    assert response.status == 400
    check_page(page, "hardening-error-400")


def test_a_guest_sees_the_round_end_and_nothing_of_the_trio_after(
    asgi_server,  # noqa: F811 (a fixture of test_live_round)
    browser,
    check,  # noqa: F811
):
    """The round closes while the guest's page is open: a goodbye, then nothing of the trio."""
    world = asgi_server
    organiser, control = _organiser_starts_the_round(browser, world)
    code = control.locator(".mp-live__code").inner_text()
    guest_context = _context(browser, world, width=PHONE)
    guest = open_page(guest_context)
    guest.goto("/live/")
    guest.fill("input[name=code]", code)
    submit(guest)
    guest.select_option("select[name=trio]", str(world["altena"]))
    guest.fill("input[name=name]", "Gijs Gast")
    submit(guest)
    participant_page = guest.url
    with control.expect_navigation():
        control.click("form:has(input[name=to][value=close]) button")
    _phase_is(guest, "closed")
    guest.locator("#live-work").get_by_text("Deze live-oefening is afgelopen").wait_for()
    assert guest.locator("[data-live-connection]").is_hidden()
    check(guest, "hardening-09-guest-round-ended-live")
    response = guest.goto(participant_page)
    assert response.status == 410
    assert "Altena" not in guest.locator("main").inner_text()
    check(guest, "hardening-10-guest-round-ended")
    for context in (organiser, guest_context):
        context.close()


def test_a_form_from_a_page_open_too_long_says_what_to_do(page, check_page, transactional_db):
    page.goto(reverse("accounts:login"))
    page.context.clear_cookies()  # as if the CSRF cookie was lost or blocked
    page.fill("input[name=username]", "wijk@example.org")
    page.fill("input[name=password]", "wat dan ook")
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    assert navigation.value.status == 403
    assert page.locator("h1").inner_text() == "Het formulier kon niet worden verstuurd"
    check_page(page, "hardening-error-403-csrf")
