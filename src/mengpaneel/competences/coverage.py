"""What a trio has of each competence, from its members' own ratings.

Coverage is per competence, never per person and never a total: the trio sees what
it has and what it lacks, not a score, and municipalities are never compared on it.
Before every member has rated everything, coverage is shown only when the trio asks
for it, and only once two members have finished: with one, it would show that
member's private ratings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mengpaneel.competences.constants import Cover, Level
from mengpaneel.competences.models import Competence

MIN_DONE_TO_SHOW_EARLY = 2


@dataclass(frozen=True)
class CompetenceCover:
    competence: Competence
    cover: Cover
    rated_by: int  # how many members rated it (not what they said)
    members: int

    @property
    def is_gap(self) -> bool:
        return self.cover == Cover.GAP

    @property
    def is_covered(self) -> bool:
        return self.cover in (Cover.KNOWN_FOR, Cover.CAN)


def cover_of(levels: Iterable[str]) -> Cover:
    """The best the trio has: someone known for it, someone who can, nobody, or unrated."""
    seen = set(levels)
    if Level.KNOWN_FOR in seen:
        return Cover.KNOWN_FOR
    if Level.CAN in seen:
        return Cover.CAN
    if Level.NOT_MINE in seen:
        return Cover.GAP
    return Cover.UNRATED


def coverage(
    competences: Sequence[Competence],
    ratings: Iterable[tuple[int, str]],
    members: int,
) -> list[CompetenceCover]:
    """Per competence, in list order; ``ratings`` are (competence id, level) pairs."""
    levels: dict[int, list[str]] = {competence.pk: [] for competence in competences}
    for competence_id, level in ratings:
        if competence_id in levels:
            levels[competence_id].append(level)
    return [
        CompetenceCover(
            competence=competence,
            cover=cover_of(levels[competence.pk]),
            rated_by=len(levels[competence.pk]),
            members=members,
        )
        for competence in competences
    ]


def members_done(ratings_per_member: dict[int, int], competence_count: int) -> int:
    """How many members rated every competence (``ratings_per_member``: member id → count)."""
    return sum(1 for count in ratings_per_member.values() if count >= competence_count)


def is_visible(*, members: int, done: int, shown_early: bool) -> bool:
    """Whether the trio sees its coverage: everyone done, or shown on request."""
    return members > 0 and (done >= members or shown_early)


def may_show_early(*, members: int, done: int) -> bool:
    return done >= min(MIN_DONE_TO_SHOW_EARLY, members) and done > 0
