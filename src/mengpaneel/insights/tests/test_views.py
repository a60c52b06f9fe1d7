"""The coherence, peers and moments pages through HTTP, with the demo and with consent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from mengpaneel.insights.models import SharingConsent
from mengpaneel.insights.sharing import record_consent
from mengpaneel.insights.tests.conftest import agreed_panel, demo_trio, member_of
from mengpaneel.panel.models import Assessment
from mengpaneel.testing.factories import (
    EditionFactory,
    MeetingFactory,
    TrioFactory,
    TrioMemberFactory,
)

pytestmark = pytest.mark.django_db


def test_venlo_learns_from_altenas_programme_budget(client, demo_edition):
    venlo = demo_trio(demo_edition, "GM0983")
    client.force_login(member_of(venlo))
    page = client.get(reverse("insights:trio_peers", args=[venlo.pk])).content.decode()
    assert "programmabudget" in page
    assert "over 4 faders compared" in page and "over 3 faders compared" in page
    assert "better" in page  # says outright that alike/different is not better


def test_a_trio_that_stops_sharing_disappears_from_every_peer_view(client, demo_edition):
    venlo = demo_trio(demo_edition, "GM0983")
    altena = demo_trio(demo_edition, "GM1959")
    altena.shares_panel = False
    altena.save()
    client.force_login(member_of(venlo))
    pages = [
        client.get(reverse("insights:trio_peers", args=[venlo.pk])),
        client.get(reverse("insights:trio_peers", args=[venlo.pk]) + "?steps=1&schuif=positioning"),
        client.get(reverse("insights:edition_insights", args=[demo_edition.slug])),
        client.get(
            reverse("insights:edition_insights", args=[demo_edition.slug])
            + f"?since={demo_edition.meetings.get(number=1).pk}"
        ),
    ]
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode()
        assert "Altena" not in text
        assert "programmabudget" not in text and "kernwethouders" not in text
    # The organiser of the edition still sees every trio.
    client.force_login(demo_edition.organisers.get())
    for url in (
        reverse("insights:trio_peers", args=[venlo.pk]),
        reverse("insights:edition_insights", args=[demo_edition.slug]),
    ):
        assert "Altena" in client.get(url).content.decode()


def test_across_editions_only_with_consent_of_both(client, world):
    elsewhere = world.other_edition.trios.get()
    elsewhere.shares_panel = True
    elsewhere.save()
    agreed_panel(elsewhere, {"positioning": -3}, rationale="Geheim elders")
    agreed_panel(world.trio, {"positioning": 3})
    url = reverse("insights:trio_peers", args=[world.trio.pk])
    client.force_login(world.member)
    assert "Geheim elders" not in client.get(url).content.decode()
    record_consent(elsewhere, True, by=member_of(elsewhere))
    assert "Geheim elders" not in client.get(url).content.decode()
    response = client.post(
        reverse("insights:sharing_consent", args=[world.trio.pk]), {"across_editions": "on"}
    )
    assert response.status_code == 302
    assert SharingConsent.objects.get(trio=world.trio).across_editions
    page = client.get(url).content.decode()
    assert "Geheim elders" in page and world.other_edition.name in page
    client.post(reverse("insights:sharing_consent", args=[world.trio.pk]), {})
    assert "Geheim elders" not in client.get(url).content.decode()


def test_an_organiser_cannot_consent_for_a_trio(client, world):
    client.force_login(world.organiser)
    response = client.post(
        reverse("insights:sharing_consent", args=[world.trio.pk]), {"across_editions": "on"}
    )
    assert response.status_code == 404
    assert not SharingConsent.objects.exists()


def test_hostile_rationale_is_shown_as_text(client, world):
    world.other_trio.shares_panel = True
    world.other_trio.save()
    agreed_panel(world.other_trio, {"positioning": -3}, rationale="<script>alert(1)</script>")
    agreed_panel(world.trio, {"positioning": 3})
    client.force_login(world.member)
    page = client.get(reverse("insights:trio_peers", args=[world.trio.pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_bad_number_of_steps_is_explained_and_the_default_used(client, world):
    agreed_panel(world.trio, {"positioning": 3})
    client.force_login(world.member)
    for bad in ("99", "nul", "-1"):
        response = client.get(reverse("insights:trio_peers", args=[world.trio.pk]), {"steps": bad})
        assert response.status_code == 200
        assert 'aria-invalid="true"' in response.content.decode()


def test_moments_list_and_a_new_moment(client, world):
    now = timezone.now()
    agreed_panel(world.trio, {"governance": 1}, meeting=world.meeting, at=now - timedelta(days=40))
    second = MeetingFactory(edition=world.edition, number=2, theme="Tweede")
    agreed_panel(world.trio, {"governance": 3}, meeting=second, at=now - timedelta(days=5))
    client.force_login(world.member)
    url = reverse("insights:trio_moments", args=[world.trio.pk])
    page = client.get(url).content.decode()
    assert "meeting 1" in page and "meeting 2" in page
    assert "2 steps up" in page
    third = MeetingFactory(edition=world.edition, number=3)
    response = client.post(
        reverse("insights:moment_start", args=[world.trio.pk]), {"meeting": third.pk}
    )
    assert response.status_code == 302
    assert Assessment.objects.filter(trio=world.trio).count() == 3
    # The new moment is not revealed yet: a next one is refused, with the choice kept.
    response = client.post(reverse("insights:moment_start", args=[world.trio.pk]), {})
    assert response.status_code == 200
    assert Assessment.objects.filter(trio=world.trio).count() == 3


def test_a_moment_for_a_meeting_of_another_edition_is_refused(client, world):
    client.force_login(world.member)
    foreign = MeetingFactory(edition=world.other_edition, number=1)
    response = client.post(
        reverse("insights:moment_start", args=[world.trio.pk]), {"meeting": foreign.pk}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_comparison_shows_one_moment_or_the_movement_between_two(client, world):
    first, second = world.meeting, MeetingFactory(edition=world.edition, number=2)
    world.other_trio.shares_panel = True
    world.other_trio.save()
    now = timezone.now()
    agreed_panel(world.trio, {"governance": 1}, meeting=first, at=now - timedelta(days=9))
    agreed_panel(world.trio, {"governance": 3}, meeting=second, at=now)
    agreed_panel(world.other_trio, {"governance": -2}, meeting=first)
    client.force_login(world.member)
    url = reverse("insights:edition_insights", args=[world.edition.slug])
    at_first = client.get(url, {"moment": first.pk}).content.decode()
    assert world.other_trio.municipality.name in at_first and "+1" in at_first
    movement = client.get(url, {"moment": second.pk, "since": first.pk}).content.decode()
    assert "+1 → +3" in movement and "2 steps up" in movement
    assert world.other_trio.municipality.name not in movement  # no panel at meeting 2
    wrong = client.get(url, {"moment": first.pk, "since": second.pk})
    assert wrong.status_code == 200 and 'aria-invalid="true"' in wrong.content.decode()


def _comparison_queries(client, edition, user) -> int:
    client.force_login(user)
    url = reverse("insights:edition_insights", args=[edition.slug])
    # Counted through an execute wrapper: the request_started signal empties
    # connection.queries, which CaptureQueriesContext reads.
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    assert queries
    return len(queries)


def test_the_comparison_makes_as_many_queries_for_many_trios_as_for_few(client, world):
    edition = EditionFactory(organisers=[world.organiser])
    meeting = MeetingFactory(edition=edition, number=1)

    def add_trios(count: int) -> None:
        for number in range(count):
            trio = TrioFactory(edition=edition, shares_panel=True)
            agreed_panel(
                trio,
                {"positioning": number % 7 - 3, "residents": -1, "governance": 2},
                meeting=meeting,
            )

    add_trios(3)
    own = edition.trios.first()
    member = TrioMemberFactory(trio=own).user
    few = _comparison_queries(client, edition, member)
    add_trios(20)
    many = _comparison_queries(client, edition, member)
    assert few == many
    assert _comparison_queries(client, edition, world.organiser) <= many + 1


def test_a_moment_still_being_placed_is_not_shown_as_movement(client, world):
    now = timezone.now()
    agreed_panel(world.trio, {"governance": 1}, at=now - timedelta(days=40))
    agreed_panel(world.trio, {"governance": 3}, at=now - timedelta(days=5))
    client.force_login(world.member)
    client.post(reverse("insights:moment_start", args=[world.trio.pk]), {})
    page = client.get(reverse("insights:trio_moments", args=[world.trio.pk])).content.decode()
    # The empty new panel has not moved anything: what moved is still the last two agreed panels.
    moved = page.split("What moved since the moment before")[1].split("</ul>")[0]
    assert "+1 → +3" in moved and "2 steps up" in moved
    assert "+3 → " not in moved
    assert "(changed)" not in page  # nor in the table's column for the new moment


def test_moment_dates_read_as_dates_in_each_language(client, world):
    september = MeetingFactory(edition=world.edition, number=2, date=date(2026, 9, 14))
    agreed_panel(world.trio, {"governance": 1}, meeting=september)
    client.force_login(world.member)
    url = reverse("insights:trio_moments", args=[world.trio.pk])
    english = client.get(url).content.decode()
    client.cookies["django_language"] = "nl"
    dutch = client.get(url).content.decode()
    assert ">14 Sept. 2026<" in english
    assert ">14 sep 2026<" in dutch  # Dutch month names are not capitalised


def test_a_peer_of_another_edition_with_the_same_name_is_marked_as_elsewhere(client, world):
    world.other_edition.name = world.edition.name
    world.other_edition.save()
    elsewhere = world.other_edition.trios.get()
    agreed_panel(elsewhere, {"positioning": -3}, rationale="Elders gekozen")
    agreed_panel(world.trio, {"positioning": 3})
    record_consent(elsewhere, True, by=member_of(elsewhere))
    record_consent(world.trio, True, by=world.member)
    client.force_login(world.member)
    page = client.get(reverse("insights:trio_peers", args=[world.trio.pk])).content.decode()
    assert "Elders gekozen" in page
    assert "1 of them is from another edition." in page
    assert f"({world.other_edition.name})" in page
