"""Project-wide test additions on top of the root personas."""

from __future__ import annotations

import pytest


@pytest.fixture
def world(world):
    """The root personas, with a live round running for their meeting and one guest in it.

    The permission matrix and the page guards reach the live round's addresses
    through ``world.live_round`` and ``world.live_guest``.
    """
    from mengpaneel.live import participation, phases

    world.live_round = phases.start(world.meeting, by=world.organiser)
    world.live_guest = participation.join_as_guest(world.live_round, world.trio, "Gast Gerda")
    return world
