"""One trio's save never waits for another trio's (issue 11, finding B).

A save is held open half-way (inside its transaction, with every lock it takes),
and meanwhile another trio saves. On PostgreSQL a lock on a joined row (the panel
model every trio shares, an edition) or on the round's row would make the second
save wait for the first; SQLite runs one write at a time anyway.
"""

from __future__ import annotations

import threading

import pytest

from mengpaneel.live import participation, phases
from mengpaneel.live.constants import Phase
from mengpaneel.panel import placing
from mengpaneel.panel.models import IndividualPlacement
from mengpaneel.testing.concurrency import InThread

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _hold_saves_of(monkeypatch, trio) -> tuple[threading.Event, threading.Event]:
    """Saves in ``trio`` stop after writing their line of history, before they commit."""
    holding, release = threading.Event(), threading.Event()
    write_history = placing._log

    def held(assessment, *args, **kwargs):
        write_history(assessment, *args, **kwargs)
        if assessment.trio_id == trio.pk and not holding.is_set():
            holding.set()
            release.wait(10)

    monkeypatch.setattr(placing, "_log", held)
    return holding, release


def _while_held(monkeypatch, trio, hold, attempt) -> bool:
    """Whether ``attempt`` was still waiting 2 s after ``hold`` stopped in ``trio``."""
    holding, release = _hold_saves_of(monkeypatch, trio)
    holder = InThread(hold)
    try:
        assert holding.wait(10), "the first save did not get as far as its history"
        attempter = InThread(attempt)
        waited = attempter.still_running_after(2)
    finally:
        release.set()
    holder.result(10)
    attempter.result(10)
    return waited


def test_a_held_placement_in_one_trio_does_not_delay_another_trio(
    monkeypatch, world, live_round, categories
):
    altena = participation.Participant(live_round, world.trio, user=world.member)
    other = participation.Participant(live_round, world.other_trio, user=world.other_trio_member)
    for participant in (altena, other):
        participation.assessment_for(live_round, participant.trio)

    waited = _while_held(
        monkeypatch,
        world.trio,
        lambda: participation.place(altena, categories[0], 2, expected_version=0),
        lambda: participation.place(other, categories[0], -1, expected_version=0),
    )
    assert not waited, "the other trio's save waited for this trio's"
    assert IndividualPlacement.objects.count() == 2


def test_a_held_agreement_in_one_trio_does_not_delay_another_trio(
    monkeypatch, world, live_round, categories
):
    for participant_trio in (world.trio, world.other_trio):
        participation.assessment_for(live_round, participant_trio)
    for to, expected in [(Phase.REVEAL, Phase.ALONE), (Phase.AGREE, Phase.REVEAL)]:
        live_round = phases.move(live_round, to=to, expected=expected, by=world.organiser)
    altena = participation.Participant(live_round, world.trio, user=world.member)
    other = participation.Participant(live_round, world.other_trio, user=world.other_trio_member)

    def agree(participant, position):
        return lambda: participation.agree(
            participant,
            categories[0],
            position=position,
            rationale="Omdat",
            discuss=False,
            expected_version=0,
        )

    waited = _while_held(monkeypatch, world.trio, agree(altena, 1), agree(other, -1))
    assert not waited, "the other trio's agreement waited for this trio's"


def test_a_placement_on_the_panel_page_does_not_delay_another_trio_in_the_round(
    monkeypatch, world, live_round, categories
):
    """The phase guard on the panel's own writes shares the round's row, never takes it."""
    mine = participation.assessment_for(live_round, world.trio)
    theirs = participation.assessment_for(live_round, world.other_trio)

    waited = _while_held(
        monkeypatch,
        world.trio,
        lambda: placing.place(mine, world.member, categories[0], 2, expected_version=0),
        lambda: placing.place(
            theirs, world.other_trio_member, categories[0], -1, expected_version=0
        ),
    )
    assert not waited


def test_the_reveal_waits_for_a_placement_being_saved_and_shows_it(
    monkeypatch, world, live_round, categories
):
    """The other side of sharing the round's row: a phase move takes it whole."""
    member = participation.Participant(live_round, world.trio, user=world.member)
    assessment = participation.assessment_for(live_round, world.trio)

    waited = _while_held(
        monkeypatch,
        world.trio,
        lambda: participation.place(member, categories[0], 2, expected_version=0),
        lambda: phases.move(live_round, to=Phase.REVEAL, expected=Phase.ALONE, by=world.organiser),
    )
    assert waited, "the reveal must wait for the placement being saved"
    assessment.refresh_from_db()
    assert assessment.is_revealed
    assert IndividualPlacement.objects.get(assessment=assessment).position == 2
