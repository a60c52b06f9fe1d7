"""A member reads the whole history of a panel that changed many times."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.panel import placing
from mengpaneel.panel.presenting import HISTORY_ON_PANEL
from mengpaneel.testing.factories import TrioFactory, TrioMemberFactory
from tests.browser.keyboard import tab_to
from tests.browser.test_member_keyboard import gettext_in, press_and_follow
from tests.browser.test_organiser import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def busy_panel(transactional_db):
    """A revealed panel whose first fader's rationale was rewritten again and again."""
    trio = TrioFactory()
    member = TrioMemberFactory(trio=trio, user__email="lid@example.org").user
    assessment = placing.current_assessment(trio)
    category = assessment.panel_model.categories.first()
    placing.reveal(assessment, by=member)
    for version in range(HISTORY_ON_PANEL + 5):
        rationale = f"Toelichting, versie {version + 1}."
        placing.agree(assessment, category, 1, rationale, False, member, version)
    return trio, member


def test_member_follows_the_panel_history_to_every_change(busy_panel, page, check_page):
    trio, member = busy_panel
    log_in(page, member.email)
    page.goto(reverse("panel:trio_panel", args=[trio.pk]))
    section = page.locator("#panel-history")
    assert section.locator("li").count() == HISTORY_ON_PANEL

    tab_to(page, gettext_in("nl", "The whole history, older changes included"))
    press_and_follow(page)
    assert page.url.endswith(reverse("panel:history", args=[trio.pk]))
    check_page(page, "panel-history")
    changes = page.locator("main .mp-history__list li")
    # Every rationale, the first agreed position and the reveal, newest first.
    assert changes.count() == HISTORY_ON_PANEL + 5 + 2
    assert "Toelichting, versie 1." in changes.nth(changes.count() - 3).inner_text()

    page.set_viewport_size({"width": 390, "height": 844})
    check_page(page, "panel-history-phone")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    tab_to(page, gettext_in("nl", "Back to the mixing panel"))
    press_and_follow(page)
    assert page.url.endswith(reverse("panel:trio_panel", args=[trio.pk]))
