"""Whose panel a trio may learn from: sharing inside the edition, consent across editions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from mengpaneel.insights.sharing import record_consent, visible_peer_trios
from mengpaneel.testing.factories import (
    EditionFactory,
    OrganiserFactory,
    TrioFactory,
    TrioMemberFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def _visible(trio, user) -> set:
    return set(visible_peer_trios(trio, user))


def test_a_member_sees_only_trios_of_the_edition_that_share(world):
    assert _visible(world.trio, world.member) == set()
    world.other_trio.shares_panel = True
    world.other_trio.save()
    assert _visible(world.trio, world.member) == {world.other_trio}


def test_a_member_learns_from_the_edition_only_once_the_comparison_is_open(world):
    world.other_trio.shares_panel = True
    world.other_trio.save()
    world.edition.comparison_open = False
    world.edition.save()
    world.trio.refresh_from_db()
    assert _visible(world.trio, world.member) == set()
    assert _visible(world.trio, world.organiser) == {world.other_trio}


def test_people_outside_the_trio_see_nothing_through_it(world):
    world.other_trio.shares_panel = True
    world.other_trio.save()
    for user in (world.outsider, world.other_trio_member, world.other_organiser):
        assert _visible(world.trio, user) == set(), user


def test_across_editions_only_when_both_trios_consented(world):
    elsewhere = world.other_edition.trios.get()
    elsewhere.shares_panel = True
    elsewhere.save()
    assert _visible(world.trio, world.member) == set()
    elsewhere_member = elsewhere.members.get().user
    record_consent(elsewhere, True, by=elsewhere_member)
    assert _visible(world.trio, world.member) == set(), "our trio did not consent"
    record_consent(world.trio, True, by=world.member)
    assert _visible(world.trio, world.member) == {elsewhere}
    assert _visible(elsewhere, elsewhere_member) == {world.trio}
    record_consent(elsewhere, False, by=elsewhere_member)
    assert _visible(world.trio, world.member) == set(), "consent withdrawn"


def test_consent_across_editions_does_not_open_the_own_edition(world):
    # Within the edition only shares_panel counts, also between trios that consented.
    TrioMemberFactory(trio=world.other_trio)
    record_consent(world.other_trio, True, by=world.other_trio.members.first().user)
    record_consent(world.trio, True, by=world.member)
    assert _visible(world.trio, world.member) == set()


def test_only_a_member_gives_consent(world):
    for user in (world.organiser, world.outsider, world.other_trio_member):
        with pytest.raises(PermissionDenied):
            record_consent(world.trio, True, by=user)


def test_an_organiser_sees_every_trio_of_the_editions_they_organise(world):
    assert _visible(world.trio, world.organiser) == {world.other_trio}
    second = EditionFactory(organisers=[world.organiser])
    there = TrioFactory(edition=second)
    assert _visible(world.trio, world.organiser) == {world.other_trio, there}
    # …but not the editions someone else organises.
    assert world.other_edition.trios.get() not in _visible(world.trio, world.organiser)


def test_the_same_municipality_in_another_edition_is_not_a_peer(world):
    organiser = OrganiserFactory()
    world.edition.organisers.add(organiser)
    later = EditionFactory(organisers=[organiser])
    altena_later = TrioFactory(edition=later, municipality=municipality("GM1959"))
    assert altena_later not in _visible(world.trio, organiser)
