"""Coverage per competence, from the members' own ratings: never a score, never a person."""

from __future__ import annotations

import pytest

from mengpaneel.competences import coverage
from mengpaneel.competences.constants import Cover, Level
from mengpaneel.competences.models import Competence


@pytest.mark.parametrize(
    "levels, expected",
    [
        ([Level.NOT_MINE, Level.CAN, Level.KNOWN_FOR], Cover.KNOWN_FOR),
        ([Level.NOT_MINE, Level.CAN], Cover.CAN),
        ([Level.NOT_MINE, Level.NOT_MINE, Level.NOT_MINE], Cover.GAP),
        ([Level.NOT_MINE], Cover.GAP),
        ([], Cover.UNRATED),
    ],
)
def test_the_best_the_trio_has_is_its_cover(levels, expected):
    assert coverage.cover_of(levels) == expected


def test_coverage_follows_the_list_and_counts_who_rated_not_what():
    network, process, politics = (Competence(pk=pk, name_nl=f"c{pk}") for pk in (1, 2, 3))
    ratings = [
        (1, Level.KNOWN_FOR),
        (1, Level.NOT_MINE),
        (2, Level.NOT_MINE),
        (2, Level.NOT_MINE),
        (99, Level.KNOWN_FOR),  # another edition's competence: ignored
    ]
    result = coverage.coverage([network, process, politics], ratings, members=3)
    assert [(c.competence.pk, c.cover, c.rated_by) for c in result] == [
        (1, Cover.KNOWN_FOR, 2),
        (2, Cover.GAP, 2),
        (3, Cover.UNRATED, 0),
    ]
    assert [c.is_gap for c in result] == [False, True, False]
    assert [c.is_covered for c in result] == [True, False, False]
    # Nothing in a cover says who chose what, or adds competences up.
    assert not hasattr(result[0], "score") and not hasattr(result[0], "members_who")


def test_members_done_counts_those_who_rated_every_competence():
    assert coverage.members_done({1: 6, 2: 6, 3: 5}, competence_count=6) == 2


@pytest.mark.parametrize(
    "members, done, shown_early, visible",
    [
        (3, 3, False, True),  # everyone done
        (3, 2, False, False),  # not yet
        (3, 2, True, True),  # the trio asked
        (1, 1, False, True),  # a trio of one sees its own
        (0, 0, False, False),  # no members, nothing to show
    ],
)
def test_coverage_shows_when_everyone_is_done_or_the_trio_asks(members, done, shown_early, visible):
    assert coverage.is_visible(members=members, done=done, shown_early=shown_early) is visible


@pytest.mark.parametrize(
    "members, done, allowed",
    [(3, 1, False), (3, 2, True), (2, 1, False), (2, 2, True), (1, 1, True), (3, 0, False)],
)
def test_showing_early_needs_two_finished_members(members, done, allowed):
    # With one, the coverage would be that person's own ratings.
    assert coverage.may_show_early(members=members, done=done) is allowed
