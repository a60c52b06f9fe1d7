"""An organiser sets up an edition and a trio; the invited colleague joins through the e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from mengpaneel.testing.factories import PASSWORD, OrganiserFactory
from mengpaneel.workshops.models import Edition, Trio
from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

HOSTILE = (
    '<script>alert("xss")</script> "><img src=x onerror=alert(1)> {{ 7*7 }} {% now "Y" %} '
    "'; DROP TABLE workshops_edition; -- \u202eomgekeerd\u202c 🧪 ąčęėįšųū "
) * 40


@pytest.fixture
def organiser(transactional_db):
    return OrganiserFactory(email="olga@example.org", name="Olga Organisator")


def log_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto(reverse("accounts:login"))
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(reverse("core:home")), f"login failed, at {page.url}"


def submit(page) -> None:
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_organiser_sets_up_edition_and_colleague_joins(organiser, page, new_context, check_page):
    log_in(page, organiser.email)
    check_page(page, "organiser-01-home")

    page.click(f"main a[href='{reverse('workshops:edition_create')}']")
    check_page(page, "organiser-02-edition-form")
    page.fill("input[name=name]", "Werkplaats voorjaar 2026")
    page.fill("input[name=slug]", "werkplaats-voorjaar-2026")
    page.fill("input[name=year]", "2026")
    page.select_option("select[name=status]", "running")
    page.fill("textarea[name=description]", "Drie bijeenkomsten over wijkgericht werken.")
    submit(page)
    edition = Edition.objects.get(slug="werkplaats-voorjaar-2026")
    assert page.url.endswith(edition.get_absolute_url())
    assert page.locator(".mp-messages").is_visible()
    check_page(page, "organiser-03-edition")

    page.click(f"main a[href='{reverse('workshops:meeting_create', args=[edition.slug])}']")
    check_page(page, "organiser-04-meeting-form")
    page.fill("input[name=number]", "1")
    page.fill("input[name=date]", "2026-03-12")
    page.fill("input[name=place]", "Utrecht")
    page.fill("input[name=theme]", "Het mengpaneel")
    page.fill("textarea[name=assignment]", "Zet de vijf schuiven, eerst alleen en dan samen.")
    page.fill("input[name=talks-0-speaker]", "Sanne Spreker")
    page.fill("input[name=talks-0-affiliation]", "Kenniscentrum")
    page.fill("input[name=talks-0-title]", "Waarom geen stand de beste is")
    submit(page)
    main = page.locator("main").inner_text()
    assert "Sanne Spreker" in main and "Waarom geen stand de beste is" in main
    check_page(page, "organiser-05-meeting")

    page.click(f"nav.mp-breadcrumbs a[href='{edition.get_absolute_url()}']")
    assert "Waarom geen stand de beste is" in page.locator("main").inner_text()
    page.click(f"main a[href='{reverse('workshops:trio_create', args=[edition.slug])}']")
    municipality = page.locator("select[name=municipality]")
    provinces = municipality.locator("optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert len(provinces) == 12 and "Noord-Brabant" in provinces
    check_page(page, "organiser-06-trio-form")
    municipality.select_option(label="Altena")
    page.fill("input[name=local_name]", "kerngericht werken")
    submit(page)
    trio = Trio.objects.get(edition=edition, municipality__code="GM1959")
    assert page.url.endswith(reverse("workshops:trio_invite", args=[trio.pk]))
    check_page(page, "organiser-07-invite-form")

    page.fill("input[name=email]", "Collega@Example.org")
    page.select_option("select[name=domain]", "physical")
    submit(page)
    assert page.url.endswith(trio.get_absolute_url())
    assert "collega@example.org" in page.locator("main").inner_text()
    check_page(page, "organiser-08-trio-invited")

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["collega@example.org"]
    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[0].body).group(0)

    # The colleague, in a browser of their own.
    invitee = open_page(new_context())
    invitee.goto(link)
    assert invitee.url.endswith(reverse("workshops:invitation_accept")), "token leaves the URL"
    assert "Altena" in invitee.locator("h1").inner_text()
    check_page(invitee, "invitee-01-accept")
    invitee.fill("input[name=name]", "Fenna Fysiek")
    invitee.fill("input[name=password1]", "schuiven op het mengpaneel")
    invitee.fill("input[name=password2]", "schuiven op het mengpaneel")
    submit(invitee)
    assert invitee.url.endswith(trio.get_absolute_url())
    assert "Fenna Fysiek" in invitee.locator("main").inner_text()
    check_page(invitee, "invitee-02-trio")
    assert trio.members.filter(user__email="collega@example.org").exists()


def test_edition_form_keeps_hostile_text_and_shows_the_error(organiser, page, check_page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, organiser.email)
    page.goto(reverse("workshops:edition_create"))
    page.fill("input[name=slug]", "werkplaats-met-fout")
    page.fill("input[name=year]", "2026")
    page.fill("textarea[name=description]", HOSTILE)
    submit(page)

    assert page.url.endswith(reverse("workshops:edition_create")), "stays on the form"
    assert page.get_by_role("alert").is_visible()
    name = page.locator("input[name=name]")
    assert name.get_attribute("aria-invalid") == "true"
    error_id = f"{name.get_attribute('id')}_error"
    assert error_id in name.get_attribute("aria-describedby")
    assert page.locator(f"#{error_id}").is_visible()
    assert page.locator("textarea[name=description]").input_value() == HOSTILE
    assert page.locator("input[name=slug]").input_value() == "werkplaats-met-fout"
    assert dialogs == [], "typed script must never run"
    check_page(page, "organiser-09-edition-form-errors")
    assert not Edition.objects.filter(slug="werkplaats-met-fout").exists()
