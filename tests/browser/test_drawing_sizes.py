"""Drawn text stays legible at every width, for small and large models (issue 11, finding 13).

A 12-fader panel used to be scaled to the column: ~5 px text on a desktop, ~3 px on a
phone. Now a drawing keeps its own size, where no text is below 12 CSS px, and a drawing
wider than the column scrolls inside its own labelled region, never the page. Fader names
break between words, or at a hyphenation point, never in the middle of a syllable.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.panel import versions
from tests.browser.conftest import open_page
from tests.browser.test_organiser import log_in
from tests.browser.test_reflow import assert_fits

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# Long Dutch names, as organisers write them: the wrap must find the word boundaries.
NAMES = [
    "Bewonersproces",
    "Positionering intern",
    "Uitvoeringsorganisatie",
    "Bestuur en politiek",
    "Samenwerking met maatschappelijke partners",
    "Communicatie",
    "Gebiedsbudget",
    "Wijkgericht werken in de organisatie",
    "Informatievoorziening",
    "Bewonersparticipatie",
    "Inzet van professionals",
    "Ruimtelijke ontwikkeling",
]

# Runs in the page: the smallest font size any text of the drawing is shown at, in CSS px
# (its font-size, times the scale the page draws the SVG at), and whether it scrolls.
MEASURE = """
(region) => {
  const svg = region.querySelector('svg');
  const scale = svg.getScreenCTM().a;
  const sizes = [...svg.querySelectorAll('text')].map(
    (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {
    smallest: Math.min(...sizes),
    count: sizes.length,
    scrolls: region.scrollWidth > region.clientWidth,
    label: region.getAttribute('aria-label'),
    role: region.getAttribute('role'),
  };
}
"""


def _model(organiser, faders: int):
    return versions.create_model(
        {"name_nl": f"Model met {faders} schuiven", "name_en": "", "scale_min": -3, "scale_max": 3},
        [
            {
                "name_nl": NAMES[number],
                "name_en": "",
                "key": f"schuif-{number + 1}",
                "question_nl": "Hoe staat het ervoor?",
                "top_nl": "Vooral vanuit de gemeente georganiseerd",
                "bottom_nl": "Vooral vanuit de bewoners",
            }
            for number in range(faders)
        ],
        by=organiser,
    )


@pytest.mark.parametrize("width", WIDTHS, ids=str)
def test_drawn_text_is_at_least_12_px_for_2_5_7_and_12_faders(new_context, check_page, width):
    from mengpaneel.testing.factories import OrganiserFactory

    organiser = OrganiserFactory()
    models = {faders: _model(organiser, faders) for faders in (2, 5, 7, 12)}
    context = new_context()
    page = open_page(context)
    page.set_viewport_size(WIDTHS[width])
    log_in(page, organiser.email)
    for faders, model in models.items():
        page.goto(reverse("panel:model_detail", args=[model.key]))
        region = page.locator(".mp-drawing-scroll").first
        found = region.evaluate(MEASURE)
        name = f"drawing-{faders}-faders-{width}"
        check_page(page, name)
        assert found["count"] >= 5 * faders
        assert found["smallest"] >= 12 - 0.01, f"{name}: text at {found['smallest']:.1f} px"
        assert found["role"] == "region" and found["label"], name
        # Wider than the column: it scrolls in its region, and the page never scrolls sideways.
        assert_fits(page, name)
        if width == "phone" and faders >= 5:
            assert found["scrolls"], name
        if width == "desktop" and faders <= 7:
            assert not found["scrolls"], f"{name} needs no scrolling on a desktop"
