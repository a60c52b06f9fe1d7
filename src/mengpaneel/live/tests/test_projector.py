from __future__ import annotations

from html import escape

import pytest
from django.urls import reverse

from mengpaneel.live import participation, phases
from mengpaneel.live.constants import Phase

pytestmark = pytest.mark.django_db


def _room(client, live_round) -> str:
    url = reverse("live:projector_room", args=[live_round.pk])
    return client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_projector_counts_who_is_done_and_never_shows_a_position(
    client, world, live_round, categories
):
    member = participation.Participant(live_round, world.trio, user=world.member)
    for category in categories:
        participation.place(member, category, 3, note="geheime notitie", expected_version=0)
    participation.join_as_guest(live_round, world.trio, "Gast")
    client.force_login(world.organiser)
    page = client.get(reverse("live:projector", args=[live_round.pk])).content.decode()
    assert page.count("<h1") == 1
    assert page.count('aria-live="polite"') == 1
    assert "1 of 2 done" in page  # the member; the guest has placed nothing
    assert "0 of 0 done" not in page or world.other_trio.municipality.name in page
    assert "+3" not in page and "geheime notitie" not in page
    assert live_round.code_display in page and "<svg" in page  # code and QR to join


def test_unplaced_faders_do_not_count_as_done(client, world, live_round, categories):
    member = participation.Participant(live_round, world.trio, user=world.member)
    for category in categories[:-1]:
        participation.place(member, category, 0, expected_version=0)
    participation.place(member, categories[-1], None, expected_version=0)
    client.force_login(world.organiser)
    assert "0 of 1 done" in _room(client, live_round)


def _agreed_in_plenary(world, live_round, categories, *, shares: bool):
    """World's trio agreed one fader (+2); the round is in the plenary."""
    world.trio.shares_panel = shares
    world.trio.save()
    member = participation.Participant(live_round, world.trio, user=world.member)
    participation.place(member, categories[0], 2, expected_version=0)
    for to, expected in [(Phase.REVEAL, Phase.ALONE), (Phase.AGREE, Phase.REVEAL)]:
        live_round = phases.move(live_round, to=to, expected=expected, by=world.organiser)
    participation.agree(
        member, categories[0], position=2, rationale="Mandaat", discuss=False, expected_version=0
    )
    return phases.move(live_round, to=Phase.PLENARY, expected=Phase.AGREE, by=world.organiser)


def test_projector_shows_no_panel_of_a_trio_that_keeps_it_to_itself(
    client, world, live_round, categories
):
    live_round = _agreed_in_plenary(world, live_round, categories, shares=False)
    client.force_login(world.organiser)
    room = _room(client, live_round)
    altena = room.split(world.trio.municipality.name)[1].split("</li>")[0]
    assert "keeps its panel within the trio" in altena
    assert categories[0].value_text(2) not in room and "<svg" not in altena
    controls = client.get(reverse("live:control", args=[live_round.pk])).text
    assert "Does not share its panel" in controls


def test_projector_in_plenary_shows_each_sharing_trios_agreed_panel(
    client, world, live_round, categories
):
    live_round = _agreed_in_plenary(world, live_round, categories, shares=True)
    client.force_login(world.organiser)
    room = _room(client, live_round)
    assert world.trio.municipality.name in room
    assert categories[0].value_text(2) in room


def test_projector_in_reflect_names_the_firing_rules(client, world, live_round, categories):
    world.trio.shares_panel = True
    world.trio.save()
    member = participation.Participant(live_round, world.trio, user=world.member)
    for to, expected in [(Phase.REVEAL, Phase.ALONE), (Phase.AGREE, Phase.REVEAL)]:
        live_round = phases.move(live_round, to=to, expected=expected, by=world.organiser)
    by_key = {c.key: c for c in categories}
    # The source's first rule: well positioned, residents' initiatives without structure.
    for key, position in [("positioning", 3), ("residents", -3)]:
        participation.agree(
            member,
            by_key[key],
            position=position,
            rationale="Zo",
            discuss=False,
            expected_version=0,
        )
    for to, expected in [(Phase.PLENARY, Phase.AGREE), (Phase.REFLECT, Phase.PLENARY)]:
        live_round = phases.move(live_round, to=to, expected=expected, by=world.organiser)
    client.force_login(world.organiser)
    room = _room(client, live_round)
    from mengpaneel.insights.coherence import RuleBook

    assessment = participation.assessment_for(live_round, world.trio)
    firing = RuleBook.for_assessments([assessment]).firing(assessment)
    assert firing, "the default rules should fire for this panel"
    assert all(escape(rule.title) in room for rule in firing)
