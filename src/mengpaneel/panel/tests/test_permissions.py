"""Every panel URL × every persona: members and organisers in, everyone else 404 or login."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "other_trio_member", "member", "other_organiser", "organiser"]


def _expect(**allowed: int) -> dict[str, int]:
    expected = {p: 404 for p in PERSONAS}
    expected["anonymous"] = 302  # to the login page
    expected.update(allowed)
    return expected


TRIO_PAGES = {
    "panel:trio_panel": _expect(member=200, organiser=200),
    "panel:trio_panel_svg": _expect(member=200, organiser=200),
    "panel:trio_panel_png": _expect(member=200, organiser=200),
}
EDITION_PAGES = {
    "panel:compare": _expect(member=200, other_trio_member=200, organiser=200),
    "reports:export_csv": _expect(organiser=200),
    "reports:export_json": _expect(organiser=200),
}
# Posting nothing: a member gets the page back with "not saved yet" (200), or a redirect.
TRIO_POSTS = {
    ("panel:reveal", None): _expect(member=302, organiser=302),
    ("panel:place", "positioning"): _expect(member=200),
    ("panel:agree", "positioning"): _expect(member=200, organiser=200),
    ("panel:dissent", "positioning"): _expect(member=200),
}


def _login(client, world, persona):
    if persona != "anonymous":
        client.force_login(getattr(world, persona))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(TRIO_PAGES))
def test_trio_panel_pages(client, world, persona, name):
    if name.endswith("png"):
        pytest.importorskip("resvg_py")
    _login(client, world, persona)
    response = client.get(reverse(name, args=[world.trio.pk]))
    assert response.status_code == TRIO_PAGES[name][persona], persona
    if persona == "anonymous":
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(EDITION_PAGES))
def test_edition_panel_pages(client, world, persona, name):
    _login(client, world, persona)
    response = client.get(reverse(name, args=[world.edition.slug]))
    assert response.status_code == EDITION_PAGES[name][persona], persona


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name, key", list(TRIO_POSTS))
def test_trio_panel_posts(client, world, persona, name, key):
    _login(client, world, persona)
    args = [world.trio.pk] + ([key] if key else [])
    response = client.post(reverse(name, args=args), {})
    assert response.status_code == TRIO_POSTS[(name, key)][persona], persona


@pytest.mark.parametrize("name", ["panel:reveal"])
def test_posts_refuse_get(client, world, name):
    client.force_login(world.member)
    assert client.get(reverse(name, args=[world.trio.pk])).status_code == 405


def test_a_missing_trio_or_edition_is_404_like_a_forbidden_one(client, world):
    client.force_login(world.organiser)
    assert client.get(reverse("panel:trio_panel", args=[99999])).status_code == 404
    assert client.get(reverse("panel:compare", args=["bestaat-niet"])).status_code == 404
