"""The comparison page: shared panels side by side or on top of each other, never ranked."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from mengpaneel.core import demo
from mengpaneel.panel import placing
from mengpaneel.testing.factories import TrioFactory, TrioMemberFactory, municipality
from mengpaneel.workshops.models import Edition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def _agreed_panel(trio, positions: dict[str, int | None], rationale: str = "") -> None:
    member = (
        trio.members.first().user if trio.members.exists() else TrioMemberFactory(trio=trio).user
    )
    assessment = placing.current_assessment(trio)
    placing.reveal(assessment, by=member)
    for category in assessment.panel_model.categories.all():
        if category.key in positions:
            position = positions[category.key]
            text = rationale or f"Toelichting {trio.municipality.name} {category.key}"
            placing.agree(assessment, category, position, text, False, member, 0)


@pytest.fixture
def edition_with_panels(world):
    """Altena (world.trio) does not share; the other trio shares; a third one doesn't."""
    world.other_trio.shares_panel = True
    world.other_trio.save()
    taken = set(world.edition.trios.values_list("municipality__code", flat=True))
    code = next(c for c in ("GM0983", "GM0606", "GM0363") if c not in taken)
    venlo = TrioFactory(edition=world.edition, municipality=municipality(code))
    _agreed_panel(world.trio, {"positioning": 2, "governance": 0})
    _agreed_panel(world.other_trio, {"positioning": -1})
    _agreed_panel(venlo, {"residents": 3})
    return venlo


def _compare(client, world, **params):
    return client.get(reverse("panel:compare", args=[world.edition.slug]), params)


def test_organisers_see_every_trio_of_their_edition(client, world, edition_with_panels):
    client.force_login(world.organiser)
    page = _compare(client, world).text
    for trio in (world.trio, world.other_trio, edition_with_panels):
        assert f"Toelichting {trio.municipality.name}" in page
    assert reverse("reports:export_csv", args=[world.edition.slug]) in page


def test_members_see_shared_panels_and_their_own(client, world, edition_with_panels):
    client.force_login(world.member)
    page = _compare(client, world).text
    assert "Toelichting Altena" in page  # their own, though not shared
    assert f"Toelichting {world.other_trio.municipality.name}" in page  # shared
    assert (
        f"Toelichting {edition_with_panels.municipality.name}" not in page
    )  # neither shared nor theirs
    assert "mengpanelen.csv" not in page

    client.force_login(world.other_trio_member)
    page = _compare(client, world).text
    assert "Toelichting Altena" not in page
    assert f"Toelichting {edition_with_panels.municipality.name}" not in page


def test_until_the_organiser_opens_the_comparison_members_see_only_their_own_panel(
    client, world, edition_with_panels
):
    Edition.objects.filter(pk=world.edition.pk).update(comparison_open=False)
    client.force_login(world.member)
    page = _compare(client, world).text
    assert "Toelichting Altena" in page
    assert f"Toelichting {world.other_trio.municipality.name}" not in page
    assert "has not opened the comparison" in page

    client.force_login(world.organiser)
    page = _compare(client, world).text
    assert f"Toelichting {world.other_trio.municipality.name}" in page
    assert "Open the comparison for trios" in page
    client.post(reverse("workshops:edition_comparison", args=[world.edition.slug]), {"open": "1"})

    client.force_login(world.member)
    assert f"Toelichting {world.other_trio.municipality.name}" in _compare(client, world).text


def test_each_rationale_is_one_click_away_and_unplaced_reads_as_such(
    client, world, edition_with_panels
):
    client.force_login(world.organiser)
    page = _compare(client, world).text
    assert "<summary><bdi>Internal positioning</bdi>: +2, towards" in page
    assert (
        "<summary><bdi>Executive and politics</bdi>: 0, the middle: no choice made</summary>"
        in page
    )
    assert "<summary><bdi>Communication</bdi>: not placed yet</summary>" in page
    assert page.count("<svg") == 3


def test_overlay_puts_all_municipalities_on_one_panel(client, world, edition_with_panels):
    client.force_login(world.organiser)
    page = _compare(client, world, weergave="over-elkaar").text
    assert page.count("<svg") == 1
    assert '<table class="utrecht-table' in page
    assert page.count('scope="row"') == 5
    assert 'aria-current="page">On top of each other' in page


def test_panels_are_in_alphabetical_order_not_ranked(client, world, edition_with_panels):
    client.force_login(world.organiser)
    page = _compare(client, world).text
    names = sorted(t.municipality.name for t in (world.trio, world.other_trio, edition_with_panels))
    positions = [page.index(f"Toelichting {name}") for name in names]
    assert positions == sorted(positions)


def test_comparison_queries_do_not_grow_with_the_number_of_trios(client, world):
    client.force_login(world.organiser)
    for trio in (world.trio, world.other_trio):
        _agreed_panel(trio, {"positioning": 1})
    with CaptureQueriesContext(connection) as few:
        assert _compare(client, world).status_code == 200
    for _ in range(4):
        _agreed_panel(TrioFactory(edition=world.edition), {"positioning": -1, "residents": 2})
    with CaptureQueriesContext(connection) as many:
        assert _compare(client, world).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(few) <= 13  # one of them reads every org chart of the edition


def test_the_demo_comparison_shows_the_three_municipalities(client, settings, tmp_path):
    settings.DEMO_PASSWORD = ""
    settings.DATA_DIR = tmp_path
    demo.load_demo()
    edition = Edition.objects.get(slug=demo.EDITION_SLUG)
    client.force_login(edition.trios.get(municipality__code="GM0606").members.first().user)
    page = client.get(reverse("panel:compare", args=[edition.slug])).text
    for name in ("Altena", "Schiedam", "Venlo"):
        assert f'<h2 class="utrecht-heading-2">{name}' in page
    assert "<summary><bdi>Internal positioning</bdi>: not placed yet</summary>" in page  # Schiedam
    assert "kernwethouders" in page
