"""While a trio's panel belongs to a running live round, the round's phase decides — on the
panel's own pages and in its named writes too, not only on the live page (issue 11, finding 1).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mengpaneel.live import participation, phases
from mengpaneel.live.constants import PHASE_ORDER, Phase
from mengpaneel.live.models import GuestPlacement
from mengpaneel.live.tests.conftest import agree_data, fader_data
from mengpaneel.panel import guards, placing
from mengpaneel.panel.models import AgreedPosition
from mengpaneel.testing.factories import TrioMemberFactory

pytestmark = pytest.mark.django_db


def _to(live_round, phase, by):
    """Move the round on, step by step, to ``phase`` (or close it)."""
    steps = PHASE_ORDER if phase == Phase.CLOSED else PHASE_ORDER[: PHASE_ORDER.index(phase) + 1]
    for step in steps[1:]:
        live_round = phases.move(live_round, to=step, expected=live_round.phase, by=by)
    if phase == Phase.CLOSED:
        live_round = phases.close(live_round, expected=live_round.phase, by=by)
    return live_round


@pytest.fixture
def assessment(world, live_round):
    return participation.assessment_for(live_round, world.trio)


def _panel_url(name, world, key=None):
    return reverse(f"panel:{name}", args=[world.trio.pk] + ([key] if key else []))


def test_during_alone_a_member_cannot_reveal_through_the_panel_page(
    client, world, live_round, categories, assessment
):
    colleague = TrioMemberFactory(trio=world.trio).user
    placing.place(assessment, colleague, categories[0], 3, "Geheime notitie", expected_version=0)
    client.force_login(world.member)

    response = client.post(_panel_url("reveal", world))
    assert response.status_code == 409
    assert "the organiser reveals everyone&#x27;s positions at once" in response.content.decode()
    assessment.refresh_from_db()
    assert not assessment.is_revealed
    assert "Geheime notitie" not in client.get(_panel_url("trio_panel", world)).content.decode()


def test_a_guest_keeps_placing_after_a_refused_reveal(
    guest_client, world, live_round, categories, assessment
):
    member = Client()
    member.force_login(world.member)
    member.post(_panel_url("reveal", world))
    response = guest_client.post(
        reverse("live:place", args=[live_round.pk]), fader_data(categories[0], -2)
    )
    assert response.status_code == 302
    assert GuestPlacement.objects.get().position == -2


def test_during_alone_agreeing_on_the_panel_page_is_refused_with_the_phase(
    client, world, live_round, categories, assessment
):
    client.force_login(world.member)
    key = categories[0].key
    response = client.post(
        _panel_url("agree", world, key), {f"{key}-position": "1", f"{key}-version": "0"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "part of a live round in the phase “Alone”" in page
    assert "once the organiser moves the round on to “Agree together”" in page
    assert AgreedPosition.objects.get(assessment=assessment, category=categories[0]).version == 0


def test_after_the_reveal_placing_on_the_panel_page_is_refused_and_the_fader_says_why(
    client, world, live_round, categories, assessment
):
    _to(live_round, Phase.REVEAL, world.organiser)
    client.force_login(world.member)
    key = categories[0].key
    response = client.post(
        _panel_url("place", world, key),
        {f"{key}-position": "2", f"{key}-note": "", f"{key}-version": "0"},
        headers={"HX-Request": "true"},
    )
    # htmx swaps only a 200: the fader itself carries the refusal.
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-refused" in page and "Placing alone is over" in page
    assert not assessment.placements.exists()


def test_the_panel_page_agrees_in_the_agree_phase_and_the_live_page_sees_it(
    client, world, live_round, categories, assessment
):
    _to(live_round, Phase.AGREE, world.organiser)
    client.force_login(world.member)
    key = categories[0].key
    response = client.post(
        _panel_url("agree", world, key),
        {f"{key}-position": "1", f"{key}-rationale": "Omdat", f"{key}-version": "0"},
    )
    assert response.status_code == 302
    assert AgreedPosition.objects.get(assessment=assessment, category=categories[0]).position == 1
    # The live page's next save names the version the panel page wrote.
    response = client.post(
        reverse("live:agree", args=[live_round.pk]), agree_data(categories[0], 2, "Toch", 0)
    )
    assert response.status_code == 409


def test_once_the_round_is_closed_the_panel_is_the_trios_own_again(
    client, world, live_round, categories, assessment
):
    _to(live_round, Phase.CLOSED, world.organiser)
    client.force_login(world.member)
    key = categories[0].key
    response = client.post(
        _panel_url("agree", world, key),
        {f"{key}-position": "-1", f"{key}-rationale": "Na afloop", f"{key}-version": "0"},
    )
    assert response.status_code == 302
    assert AgreedPosition.objects.get(assessment=assessment, category=categories[0]).position == -1


# Each named write, in each phase: the rule lives in ``panel.placing``, so any caller
# (a view, the API to come, a command) hears the same.
ALLOWED = {
    "place": {Phase.ALONE},
    "reveal": {Phase.REVEAL, Phase.AGREE, Phase.PLENARY, Phase.REFLECT},
    "agree": {Phase.AGREE},
    "dissent": {Phase.AGREE, Phase.PLENARY, Phase.REFLECT},
}


def _write(action, assessment, member, category):
    if action == "place":
        return placing.place(assessment, member, category, 1, expected_version=0)
    if action == "reveal":
        return placing.reveal(assessment, by=member)
    if action == "agree":
        return placing.agree(assessment, category, 0, "", False, member, expected_version=0)
    agreed = AgreedPosition.objects.get(assessment=assessment, category=category)
    return placing.dissent(agreed, member, "Anders")


@pytest.mark.parametrize("phase", PHASE_ORDER, ids=str)
@pytest.mark.parametrize("action", ALLOWED)
def test_the_named_writes_follow_the_phase(world, live_round, categories, phase, action):
    assessment = participation.assessment_for(live_round, world.trio)
    _to(live_round, phase, world.organiser)
    assessment.refresh_from_db()
    if phase in ALLOWED[action]:
        _write(action, assessment, world.member, categories[0])
    else:
        with pytest.raises(guards.Refused):
            _write(action, assessment, world.member, categories[0])
