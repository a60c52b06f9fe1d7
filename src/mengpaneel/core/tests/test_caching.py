"""Responses meant for one person say so: Cache-Control private, no-store."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.caching import PRIVATE
from mengpaneel.live import phases
from mengpaneel.live.tests.conftest import join_as_guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_round(world):
    return phases.start(world.meeting, by=world.organiser)


@pytest.mark.parametrize(
    "name, args",
    [
        ("core:home", ()),
        ("workshops:trio_detail", ("trio",)),
        ("panel:trio_panel", ("trio",)),
        ("panel:trio_panel_svg", ("trio",)),
        ("panel:trio_panel_png", ("trio",)),
    ],
)
def test_every_page_for_a_logged_in_person_is_private(client, world, name, args):
    """The review's finding: panel pages, drawings and exports carried no Cache-Control."""
    client.force_login(world.member)
    url = reverse(name, args=[getattr(world, arg).pk for arg in args])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_an_export_is_private(client, world):
    client.force_login(world.organiser)
    response = client.get(reverse("reports:export_csv", args=[world.edition.slug]))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_the_live_controls_and_stream_are_private(client, world, live_round):
    client.force_login(world.organiser)
    assert client.get(reverse("live:control", args=[live_round.pk]))["Cache-Control"] == PRIVATE
    version = client.get(reverse("live:version", args=[live_round.pk]))
    directives = {part.strip() for part in version["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_a_guest_without_an_account_gets_private_pages_too(client, world, live_round):
    join_as_guest(client, live_round, world.trio)
    response = client.get(reverse("live:participant", args=[live_round.pk]))
    assert response["Cache-Control"] == PRIVATE


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, db):
    response = client.get(reverse("core:accessibility"))
    assert "private" not in response.get("Cache-Control", "")


def test_a_view_may_choose_revalidation_with_an_etag(client, world, settings):
    settings.ROOT_URLCONF = "mengpaneel.core.tests.urls"
    client.force_login(world.member)
    response = client.get("/test/hervalideren/")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"private", "no-cache"}
    assert response["ETag"] == '"v1"'
    assert client.get("/test/hervalideren/", HTTP_IF_NONE_MATCH='"v1"').status_code == 304
