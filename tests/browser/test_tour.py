"""Every page of the foundation, as the demo's organiser and member see them, through axe."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.core import demo
from mengpaneel.workshops.models import Edition
from tests.browser.test_member_keyboard import DEMO_PASSWORD
from tests.browser.test_organiser import log_in, submit

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_edition(settings, transactional_db) -> Edition:
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    demo.load_demo()
    return Edition.objects.get(slug=demo.EDITION_SLUG)


def test_every_organiser_page_passes_axe(demo_edition, page, check_page):
    log_in(page, demo.ORGANISER_EMAIL, DEMO_PASSWORD)
    meeting = demo_edition.meetings.get(number=3)
    trio = demo_edition.trios.get(municipality__code="GM0606")
    pages = {
        "home": reverse("core:home"),
        "edition-list": reverse("workshops:edition_list"),
        "edition": demo_edition.get_absolute_url(),
        "edition-edit": reverse("workshops:edition_edit", args=[demo_edition.slug]),
        "meeting": meeting.get_absolute_url(),
        "meeting-edit": reverse("workshops:meeting_edit", args=[demo_edition.slug, meeting.pk]),
        "trio": trio.get_absolute_url(),
        "trio-edit": reverse("workshops:trio_edit", args=[trio.pk]),
        "case-edit": reverse("agenda:case_edit", args=[trio.pk]),
        "trio-invite": reverse("workshops:trio_invite", args=[trio.pk]),
    }
    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, f"{name}: {response.status}"
        assert page.locator("h1").count() == 1, name
        check_page(page, f"tour-organiser-{name}")


def test_member_pages_and_error_pages_pass_axe(demo_edition, page, check_page):
    log_in(page, "venlo.sociaal@demo.mengpaneel.nl", DEMO_PASSWORD)
    trio = demo_edition.trios.get(municipality__code="GM0983")
    page.goto(reverse("workshops:trio_edit", args=[trio.pk]))
    assert page.locator("select[name=municipality]").count() == 0, "members keep the municipality"
    check_page(page, "tour-member-trio-settings")

    # Someone else's trio answers 404, on a page that still looks like Mengpaneel.
    other = demo_edition.trios.exclude(pk=trio.pk).first()
    response = page.goto(reverse("workshops:trio_edit", args=[other.pk]))
    assert response.status == 404
    check_page(page, "tour-not-found")


def test_password_reset_and_spent_invitation_pages_pass_axe(transactional_db, page, check_page):
    page.goto(reverse("accounts:password_reset"))
    page.fill("input[name=email]", "niemand@example.org")
    submit(page)
    assert page.url.endswith(reverse("accounts:password_reset_done"))
    check_page(page, "anonymous-password-reset-sent")

    response = page.goto(reverse("workshops:invitation_open", args=["not-a-real-token"]))
    assert response.status == 404
    check_page(page, "anonymous-invitation-invalid")
