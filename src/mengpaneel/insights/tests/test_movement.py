"""Movement over time: moments of a trio, the previous position, the move per fader."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from mengpaneel.insights import movement
from mengpaneel.insights.movement import Move, moves
from mengpaneel.insights.tests.conftest import agreed_panel
from mengpaneel.panel import placing, positions, versions
from mengpaneel.panel.models import PanelModel
from mengpaneel.testing.concurrency import while_held
from mengpaneel.testing.factories import MeetingFactory


def test_moves_per_fader_with_unplaced_kept_apart_from_the_middle():
    found = moves({"a": -3, "b": None, "c": 1, "d": 2}, {"a": -1, "b": 0, "c": 1, "d": None})
    assert found == [Move("a", -3, -1), Move("b", None, 0), Move("c", 1, 1), Move("d", 2, None)]
    assert [m.changed for m in found] == [True, True, False, True]
    assert [m.steps for m in found] == [2, None, 0, None]


def test_moves_follow_the_given_order_and_missing_keys_are_unplaced():
    assert moves({"x": 1}, {"a": 1}, keys=["x", "a"]) == [Move("x", 1, None), Move("a", None, 1)]


@pytest.mark.django_db
def test_previous_positions_are_those_of_the_last_revealed_moment_before(world):
    now = timezone.now()
    first = agreed_panel(world.trio, {"governance": 1}, at=now - timedelta(days=60))
    second = agreed_panel(world.trio, {"governance": 3}, at=now - timedelta(days=30))
    third = placing.start_assessment(world.trio)  # not revealed yet
    assert positions.previous_positions(first) == {}
    assert positions.previous_positions(second)["governance"] == 1
    assert positions.previous_positions(third)["governance"] == 3


@pytest.mark.django_db
def test_moments_are_oldest_first_with_their_panels(world, django_assert_num_queries):
    now = timezone.now()
    for days in (90, 60, 30):
        agreed_panel(world.trio, {"residents": days // 30}, at=now - timedelta(days=days))
    with django_assert_num_queries(2):
        found = [
            [a.position for a in m.agreed_positions.all() if a.category.key == "residents"]
            for m in movement.moments(world.trio)
        ]
    assert found == [[3], [2], [1]]


@pytest.mark.django_db
def test_at_meeting_picks_each_trios_assessment_of_that_meeting(world):
    second_meeting = MeetingFactory(edition=world.edition, number=2)
    now = timezone.now()
    agreed_panel(world.trio, {"governance": 1}, meeting=world.meeting, at=now - timedelta(days=9))
    agreed_panel(world.trio, {"governance": 2}, meeting=second_meeting, at=now)
    agreed_panel(world.other_trio, {"governance": -1}, meeting=world.meeting)
    trios = world.edition.trios.all()
    at_first = {a.trio_id: a.meeting_id for a in movement.at_meeting(trios, world.meeting)}
    assert at_first == {world.trio.pk: world.meeting.pk, world.other_trio.pk: world.meeting.pk}
    at_second = {a.trio_id for a in movement.at_meeting(trios, second_meeting)}
    assert at_second == {world.trio.pk}
    latest = {a.trio_id: a.meeting_id for a in movement.at_meeting(trios, None)}
    assert latest[world.trio.pk] == second_meeting.pk


@pytest.mark.django_db
def test_a_new_moment_starts_empty_on_the_current_version_of_the_model(world):
    first = agreed_panel(world.trio, {"governance": 2}, meeting=world.meeting)
    newer = versions.new_version(PanelModel.objects.default())
    second_meeting = MeetingFactory(edition=world.edition, number=2)
    moment = movement.start_moment(world.trio, second_meeting, by=world.member)
    assert moment.panel_model == newer != first.panel_model
    assert not moment.is_revealed
    assert {a.position for a in moment.agreed_positions.all()} == {None}


@pytest.mark.django_db
def test_a_new_moment_is_refused_while_the_current_one_is_not_revealed(world):
    placing.start_assessment(world.trio)
    with pytest.raises(ValidationError, match="not revealed yet"):
        movement.start_moment(world.trio, None, by=world.member)


@pytest.mark.django_db
def test_one_moment_per_meeting_and_only_meetings_of_the_own_edition(world):
    agreed_panel(world.trio, {"governance": 2}, meeting=world.meeting)
    with pytest.raises(ValidationError, match="already has a panel"):
        movement.start_moment(world.trio, world.meeting, by=world.member)
    foreign = MeetingFactory(edition=world.other_edition, number=1)
    with pytest.raises(ValidationError, match="own edition"):
        movement.start_moment(world.trio, foreign, by=world.member)


@pytest.mark.django_db
def test_only_the_trio_and_its_organisers_start_a_moment(world):
    for user in (world.outsider, world.other_trio_member, world.other_organiser):
        with pytest.raises(ValidationError):
            movement.start_moment(world.trio, None, by=user)
    assert movement.start_moment(world.trio, None, by=world.organiser).trio == world.trio


# SQLite's shared in-memory test database runs one transaction at a time.
@pytest.mark.postgres
# Serialized rollback: the flush after a transactional test takes the migrated data with it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_clicks_at_once_start_one_moment(world):
    """The second start waits for the first, then sees its unrevealed moment and is refused."""
    agreed_panel(world.trio, {"governance": 2})

    def click():
        with translation.override("en"):
            return movement.start_moment(world.trio, None, by=world.member)

    waited, second = while_held(click, click)
    assert waited, "the second click must wait for the first"
    assert isinstance(second, ValidationError)
    assert "not revealed yet" in second.messages[0]
    assert world.trio.assessments.count() == 2
