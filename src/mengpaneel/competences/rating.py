"""The trio's writes: each member rates themself, shows coverage, names colleagues to involve."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mengpaneel.accounts.models import User
from mengpaneel.competences import coverage
from mengpaneel.competences.constants import Level
from mengpaneel.competences.models import Competence, CoverageShown, Involvement, SelfRating
from mengpaneel.workshops.models import Trio, TrioMember


@transaction.atomic
def rate(member: TrioMember, levels: dict[int, str]) -> None:
    """Keep ``member``'s own ratings: {competence id: level}; an empty level removes one.

    Only competences of the member's edition count; others are ignored.
    """
    own = set(Competence.objects.of_edition(member.trio.edition_id).values_list("pk", flat=True))
    now = timezone.now()
    for competence_id, level in levels.items():
        if competence_id not in own:
            continue
        if not level:
            SelfRating.objects.filter(member=member, competence_id=competence_id).delete()
            continue
        if level not in Level.values:
            raise ValidationError(_("Choose one of the words of the scale."), code="level")
        SelfRating.objects.update_or_create(
            member=member,
            competence_id=competence_id,
            defaults={"level": level, "updated_at": now},
        )


@dataclass(frozen=True)
class TrioState:
    """How far the trio is: members, how many finished, and whether coverage shows."""

    members: int
    done: int
    competences: int
    shown_early: bool

    @property
    def visible(self) -> bool:
        return coverage.is_visible(
            members=self.members, done=self.done, shown_early=self.shown_early
        )

    @property
    def may_show_early(self) -> bool:
        return not self.visible and coverage.may_show_early(members=self.members, done=self.done)


def trio_state(trio: Trio) -> TrioState:
    competence_count = Competence.objects.of_edition(trio.edition_id).count()
    members = list(trio.members.values_list("pk", flat=True))
    counts: dict[int, int] = {pk: 0 for pk in members}
    for member_id in SelfRating.objects.filter(
        member__trio=trio, competence__edition_id=trio.edition_id
    ).values_list("member_id", flat=True):
        counts[member_id] = counts.get(member_id, 0) + 1
    return TrioState(
        members=len(members),
        done=coverage.members_done(counts, competence_count) if competence_count else 0,
        competences=competence_count,
        shown_early=CoverageShown.objects.filter(trio=trio).exists(),
    )


def trio_coverage(trio: Trio) -> list[coverage.CompetenceCover]:
    competences = list(Competence.objects.of_edition(trio.edition_id))
    ratings = SelfRating.objects.filter(member__trio=trio, competence__in=competences)
    return coverage.coverage(
        competences,
        ratings.values_list("competence_id", "level"),
        trio.members.count(),
    )


@transaction.atomic
def show_coverage(trio: Trio, *, by: User) -> CoverageShown:
    """Show the trio its coverage before everyone has finished (two members at least)."""
    Trio.objects.select_for_update(of=("self",)).filter(pk=trio.pk).first()
    state = trio_state(trio)
    if not (state.visible or state.may_show_early):
        raise ValidationError(
            _(
                "Coverage shows once two of you have rated every competence: with fewer, it "
                "would show one person's own ratings. Ask a colleague in your trio to rate first."
            ),
            code="too_early",
        )
    shown, _created = CoverageShown.objects.get_or_create(trio=trio, defaults={"shown_by": by})
    return shown


def involve(trio: Trio, competence: Competence, role: str, *, by: User) -> Involvement:
    """Name a colleague (by role) to involve for a competence the trio lacks."""
    if competence.edition_id != trio.edition_id:
        raise ValidationError(_("This competence is not on your edition's list."))
    role = " ".join(role.split())
    if not role:
        raise ValidationError(_("Name a role, e.g. “policy adviser for the executive”."))
    # The same role twice (a double click) stays one line.
    existing = Involvement.objects.filter(trio=trio, competence=competence, role__iexact=role)
    return existing.first() or Involvement.objects.create(
        trio=trio, competence=competence, role=role, created_by=by
    )


def drop_involvement(involvement: Involvement) -> None:
    involvement.delete()
