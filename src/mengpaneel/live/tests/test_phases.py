from __future__ import annotations

import pytest
from django.urls import reverse

from mengpaneel.live import participation, phases
from mengpaneel.live.constants import Phase
from mengpaneel.live.models import LiveRound

pytestmark = pytest.mark.django_db


def test_starting_gives_a_round_in_the_alone_phase_with_a_code(world, live_round):
    assert live_round.phase == Phase.ALONE
    assert live_round.code_is_usable
    assert live_round.started_by == world.organiser
    assert live_round.version > 1  # issuing the code counted as a change


def test_starting_twice_returns_the_running_round(world, live_round):
    assert phases.start(world.meeting, by=world.organiser) == live_round
    assert LiveRound.objects.filter(meeting=world.meeting).count() == 1


def test_organiser_moves_forward_and_every_move_raises_the_version(world, live_round):
    versions = [live_round.version]
    for to in [Phase.REVEAL, Phase.AGREE, Phase.PLENARY, Phase.REFLECT]:
        live_round = phases.move(live_round, to=to, expected=live_round.phase, by=world.organiser)
        assert live_round.phase == to
        versions.append(live_round.version)
    assert versions == sorted(set(versions))


def test_a_double_click_moves_once(world, live_round):
    phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    with pytest.raises(phases.PhaseError, match="in the meantime"):
        phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    live_round.refresh_from_db()
    assert live_round.phase == Phase.REVEAL


def test_back_is_possible_but_never_back_to_placing_alone(world, live_round):
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    live_round = phases.move(live_round, to=Phase.AGREE, expected=Phase.REVEAL, by=world.organiser)
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.AGREE, by=world.organiser)
    assert live_round.phase == Phase.REVEAL
    assert phases.previous_phase(Phase.REVEAL) is None
    with pytest.raises(phases.PhaseError, match="cannot start again"):
        phases.move(live_round, to=Phase.ALONE, expected=Phase.REVEAL, by=world.organiser)


def test_skipping_a_phase_is_refused(world, live_round):
    with pytest.raises(phases.PhaseError, match="one step"):
        phases.move(live_round, to=Phase.PLENARY, expected=Phase.ALONE, by=world.organiser)


def test_the_reveal_reveals_every_trio_assessment(world, live_round, categories):
    member = participation.Participant(live_round, world.trio, user=world.member)
    participation.place(member, categories[0], 2, expected_version=0)
    assessment = participation.assessment_for(live_round, world.trio)
    assert not assessment.is_revealed
    phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    assessment.refresh_from_db()
    assert assessment.is_revealed
    assert assessment.meeting == world.meeting


def test_closing_ends_the_code_and_keeps_the_agreed_panel_as_the_meetings_assessment(
    world, live_round, categories
):
    member = participation.Participant(live_round, world.trio, user=world.member)
    participation.place(member, categories[0], 2, expected_version=0)
    live_round = phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser)
    live_round = phases.move(live_round, to=Phase.AGREE, expected=Phase.REVEAL, by=world.organiser)
    participation.agree(
        member,
        categories[0],
        position=2,
        rationale="Eigen budget",
        discuss=False,
        expected_version=0,
    )
    live_round = phases.close(live_round, expected=Phase.AGREE, by=world.organiser)
    assert live_round.is_closed and live_round.code is None and live_round.closed_at
    assessment = world.meeting.assessments.get(trio=world.trio)
    agreed = assessment.agreed_positions.get(category=categories[0])
    assert (agreed.position, agreed.rationale) == (2, "Eigen budget")
    with pytest.raises(phases.PhaseError, match="closed"):
        phases.move(live_round, to=Phase.REFLECT, expected=Phase.CLOSED, by=world.organiser)


def test_a_new_round_can_start_after_closing(world, live_round):
    phases.close(live_round, expected=Phase.ALONE, by=world.organiser)
    again = phases.start(world.meeting, by=world.organiser)
    assert again != live_round and again.phase == Phase.ALONE


def test_organiser_moves_through_the_control_page(client, world, live_round):
    client.force_login(world.organiser)
    url = reverse("live:move_phase", args=[live_round.pk])
    response = client.post(url, {"expected": "alone", "to": "reveal"}, follow=True)
    assert "Reveal in the trio" in response.content.decode() or response.status_code == 200
    live_round.refresh_from_db()
    assert live_round.phase == Phase.REVEAL
    # The same button again (an old tab): a clear message, no second move.
    response = client.post(url, {"expected": "alone", "to": "reveal"}, follow=True)
    live_round.refresh_from_db()
    assert live_round.phase == Phase.REVEAL
    messages = [str(m) for m in response.context["messages"]]
    assert any("in the meantime" in m or "ondertussen" in m for m in messages), messages


def test_organiser_starts_a_round_from_the_meeting(client, world):
    client.force_login(world.organiser)
    url = reverse("live:start", args=[world.edition.slug, world.meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    live_round = LiveRound.objects.get(meeting=world.meeting)
    assert response.url == reverse("live:control", args=[live_round.pk])
    control = client.get(response.url).content.decode()
    assert live_round.code_display in control
    assert "<svg" in control or live_round.code_display in control


def test_members_cannot_move_phases(client, world, live_round):
    client.force_login(world.member)
    url = reverse("live:move_phase", args=[live_round.pk])
    assert client.post(url, {"expected": "alone", "to": "reveal"}).status_code == 404
    live_round.refresh_from_db()
    assert live_round.phase == Phase.ALONE
