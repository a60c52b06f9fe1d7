"""The organisers' named writes, called directly (the pages call them the same way)."""

from __future__ import annotations

import pytest

from mengpaneel.panel import placing
from mengpaneel.panel.models import IndividualPlacement
from mengpaneel.workshops import organising
from mengpaneel.workshops.models import Edition

pytestmark = pytest.mark.django_db


def test_a_new_edition_is_organised_by_its_maker_and_starts_closed(world):
    edition = organising.create_edition(
        Edition(name="Werkplaats 2030", slug="werkplaats-2030", year=2030), by=world.organiser
    )
    assert edition.is_organised_by(world.organiser)
    assert not edition.is_organised_by(world.other_organiser)
    assert not edition.comparison_open
    organising.open_comparison(edition, True)
    edition.refresh_from_db()
    assert edition.comparison_open


def test_a_removed_member_leaves_their_placements_with_the_panel(world):
    assessment = placing.current_assessment(world.trio)
    category = assessment.panel_model.categories.first()
    placing.place(assessment, world.member, category, 2, expected_version=0)
    organising.remove_member(world.membership)
    assert not world.trio.has_member(world.member)
    assert IndividualPlacement.objects.filter(assessment=assessment, member=world.member).exists()
