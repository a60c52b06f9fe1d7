"""Reflow (WCAG 1.4.10): on a 390 px phone every page fits the width, with axe on each.

Wide content that must keep its shape (a panel drawing, a table of many
municipalities) scrolls inside its own labelled region, never the page.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.core import demo
from mengpaneel.workshops.models import Trio
from tests.browser.conftest import open_page
from tests.browser.test_organiser import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DEMO_PASSWORD = "demo wachtwoord voor de reflowtest"
MEMBER = "altena.gebied@demo.mengpaneel.nl"


def assert_fits(page, name: str) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => !(e instanceof SVGElement) || e.tagName === 'svg')
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth
                      || e.scrollWidth > e.clientWidth + 1)
            .filter(e => !e.closest('[role=region]'))
            .slice(0, 5)
            .map(e => `${e.tagName}.${e.getAttribute('class')}`)"""
    )
    assert overflow <= 0, f"{name} scrolls {overflow}px sideways: {wide}"


def _pages(edition_slug: str, trio_pk: int, as_organiser: bool) -> list[tuple[str, str]]:
    pages = [
        ("home", reverse("core:home")),
        ("editions", reverse("workshops:edition_list")),
        ("edition", reverse("workshops:edition_detail", args=[edition_slug])),
        ("trio", reverse("workshops:trio_detail", args=[trio_pk])),
        ("panel", reverse("panel:trio_panel", args=[trio_pk])),
        ("panel-history", reverse("panel:history", args=[trio_pk])),
        ("compare", reverse("panel:compare", args=[edition_slug])),
        (
            "compare-overlay",
            reverse("panel:compare", args=[edition_slug]) + "?weergave=over-elkaar",
        ),
        ("orgchart", reverse("orgchart:trio_chart", args=[trio_pk])),
        ("orgchart-edit", reverse("orgchart:edit", args=[trio_pk])),
        ("orgcharts", reverse("orgchart:edition_charts", args=[edition_slug])),
        ("competences", reverse("competences:trio", args=[trio_pk])),
        ("competence-list", reverse("competences:edition_list", args=[edition_slug])),
    ]
    if as_organiser:
        pages += [
            ("models", reverse("panel:model_list")),
            ("model", reverse("panel:model_detail", args=["wijkgericht-werken"])),
            ("model-form", reverse("panel:model_create") + "?van=wijkgericht-werken"),
        ]
    return pages


@pytest.mark.parametrize("persona", ["member", "organiser"])
def test_pages_fit_a_phone(settings, new_context, check_page, persona):
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    demo.load_demo()
    trio = Trio.objects.get(edition__slug=demo.EDITION_SLUG, municipality__name="Altena")
    context = new_context()
    context.set_default_timeout(10_000)
    page = open_page(context)
    page.set_viewport_size(PHONE)
    email = demo.ORGANISER_EMAIL if persona == "organiser" else MEMBER
    log_in(page, email, DEMO_PASSWORD)
    for name, url in _pages(demo.EDITION_SLUG, trio.pk, persona == "organiser"):
        page.goto(url)
        check_page(page, f"phone-{persona}-{name}")
        assert_fits(page, f"{persona} {name}")
        for drawing in page.locator(".mp-drawing-scroll svg").all():
            # Legible pole labels: the drawing keeps its size and scrolls in its region.
            assert drawing.bounding_box()["width"] >= 27 * 16, f"{persona} {name}"
