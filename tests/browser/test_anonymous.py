"""Pages anyone can open without an account."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("name", "url_name"),
    [
        ("welcome", "core:home"),
        ("login", "accounts:login"),
        ("password-reset", "accounts:password_reset"),
        ("accessibility", "core:accessibility"),
    ],
)
def test_anonymous_page_passes_axe(page, check_page, name, url_name):
    response = page.goto(reverse(url_name))
    assert response.status == 200
    # Dutch first, although the browser asks for English.
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    check_page(page, f"anonymous-{name}")
