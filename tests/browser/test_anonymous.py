"""Pages anyone can open without an account."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("name", "url_name", "heading"),
    [
        ("welcome", "core:home", "Mengpaneel"),
        ("login", "accounts:login", None),
        ("password-reset", "accounts:password_reset", None),
        ("accessibility", "core:accessibility", None),
    ],
)
def test_anonymous_page_passes_axe(page, check_page, name, url_name, heading):
    response = page.goto(reverse(url_name))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    check_page(page, f"anonymous-{name}")
