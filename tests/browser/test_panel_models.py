"""An organiser copies the default panel model, adapts it and gives it to an edition."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.panel.models import PanelModel
from mengpaneel.testing.factories import EditionFactory, OrganiserFactory, TrioMemberFactory
from tests.browser.test_organiser import log_in, submit

SAVE = "main form button[type=submit]:not([name])"

pytestmark = pytest.mark.browser


def test_organiser_adapts_a_model_and_the_trio_places_its_faders(
    transactional_db, page, new_context, check_page
):
    organiser = OrganiserFactory(email="olga@example.org")
    edition = EditionFactory(slug="werkplaats-eigen-model", organisers=[organiser])
    log_in(page, organiser.email)

    page.click(f"header a[href='{reverse('panel:model_list')}']")
    check_page(page, "models-01-list")
    page.click("main a[href*='?van=wijkgericht-werken']")
    check_page(page, "models-02-copy-form")

    page.fill("input[name=name_nl]", "Mengpaneel met bewoners voorop")
    page.check("input[name=categories-4-DELETE]")  # communication out
    with page.expect_navigation():
        page.click("button[name=add_category]")
    assert not page.locator(".utrecht-form-field-error-message").count(), "no check yet"
    # The extra fader arrives with everything typed so far still there.
    assert page.input_value("input[name=name_nl]") == "Mengpaneel met bewoners voorop"
    assert page.is_checked("input[name=categories-4-DELETE]")
    page.fill("input[name=categories-5-name_nl]", "Data en monitoring")
    page.fill("input[name=categories-5-question_nl]", "Hoe gebruiken jullie cijfers over de wijk?")
    page.fill("input[name=categories-5-top_nl]", "eigen wijkmonitor")
    with page.expect_navigation():
        page.click(SAVE)  # the bottom pole is missing
    error = page.locator("#id_categories-5-bottom_nl_error")
    assert error.is_visible()
    assert page.input_value("input[name=categories-5-top_nl]") == "eigen wijkmonitor"
    check_page(page, "models-03-form-error")

    page.fill("input[name=categories-5-bottom_nl]", "landelijke cijfers")
    page.fill("input[name=categories-5-ORDER]", "0")  # first on the panel
    with page.expect_navigation():
        page.click(SAVE)
    panel_model = PanelModel.objects.get(name_nl="Mengpaneel met bewoners voorop")
    keys = [c.key for c in panel_model.categories.all()]
    assert keys == [
        "data-en-monitoring",
        "positioning",
        "residents",
        "internal_process",
        "governance",
    ]
    assert page.locator("main figure svg").count() == 1
    check_page(page, "models-04-detail")

    page.goto(reverse("workshops:edition_detail", args=[edition.slug]))
    with page.expect_navigation():
        page.get_by_role("link", name="Kies een ander mengpaneelmodel").click()
    check_page(page, "models-05-edition-model")
    page.select_option("select[name=panel_model_key]", panel_model.key)
    submit(page)
    assert "Mengpaneel met bewoners voorop" in page.locator("main").inner_text()
    check_page(page, "models-06-edition")

    member = TrioMemberFactory(trio__edition=edition).user
    member_page = new_context().new_page()
    log_in(member_page, member.email)
    member_page.goto(reverse("panel:trio_panel", args=[member.trio_memberships.get().trio_id]))
    assert member_page.locator("input[type=range]").count() >= 5
    assert "Data en monitoring" in member_page.locator("main").inner_text()
