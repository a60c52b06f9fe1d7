"""What the competence pages show, assembled once so the views stay thin."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mengpaneel.accounts.models import User
from mengpaneel.competences import coverage, lists, rating
from mengpaneel.competences.forms import InvolvementForm, RatingForm
from mengpaneel.competences.models import Competence, Involvement, SelfRating
from mengpaneel.workshops.models import Trio, TrioMember


@dataclass
class GapView:
    cover: coverage.CompetenceCover
    involvements: list[Involvement]
    form: InvolvementForm


@dataclass
class TrioPage:
    trio: Trio
    membership: TrioMember | None
    rating_form: RatingForm | None
    state: rating.TrioState
    covered: list[coverage.CompetenceCover] = field(default_factory=list)
    gaps: list[GapView] = field(default_factory=list)
    unrated: list[coverage.CompetenceCover] = field(default_factory=list)

    def context(self) -> dict[str, Any]:
        return {"trio": self.trio, "edition": self.trio.edition, "page": self}


def rating_form(membership: TrioMember, data: Any = None) -> RatingForm:
    competences = lists.list_of(membership.trio.edition)
    own = dict(SelfRating.objects.filter(member=membership).values_list("competence_id", "level"))
    initial = {RatingForm.field_name(c): own.get(c.pk, "") for c in competences}
    return RatingForm(data, competences=competences, initial=initial)


def trio_page(
    trio: Trio,
    user: User,
    *,
    form: RatingForm | None = None,
    involve_form: tuple[int, InvolvementForm] | None = None,
) -> TrioPage:
    membership = TrioMember.objects.filter(trio=trio, user=user).first()
    page = TrioPage(
        trio=trio,
        membership=membership,
        rating_form=form or (rating_form(membership) if membership else None),
        state=rating.trio_state(trio),
    )
    if not page.state.visible:
        return page
    involvements: dict[int, list[Involvement]] = {}
    for involvement in Involvement.objects.filter(trio=trio):
        involvements.setdefault(involvement.competence_id, []).append(involvement)
    for cover in rating.trio_coverage(trio):
        if cover.is_covered:
            page.covered.append(cover)
        elif cover.is_gap:
            pk = cover.competence.pk
            bound = involve_form[1] if involve_form and involve_form[0] == pk else None
            page.gaps.append(
                GapView(
                    cover=cover,
                    involvements=involvements.get(pk, []),
                    form=bound or InvolvementForm(prefix=f"gap{pk}"),
                )
            )
        else:
            page.unrated.append(cover)
    return page


def faders_of(competence: Competence) -> list[str]:
    return list(competence.fader_keys or [])
