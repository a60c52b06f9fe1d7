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
