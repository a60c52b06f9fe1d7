"""Movement over time: a trio repeats the exercise (next meeting, next year) and sees what moved.

Each repetition is an assessment (a *moment*). Movement compares the agreed
positions of two moments fader by fader, by category key, so two versions of
a model compare wherever their keys match. Unplaced stays unplaced: a fader
going from "not placed yet" to 0 is a change, not a standstill.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from mengpaneel.accounts.models import User
from mengpaneel.panel import placing
from mengpaneel.panel.models import Assessment, PanelModel
from mengpaneel.workshops.models import Meeting, Trio

Positions = Mapping[str, int | None]


@dataclass(frozen=True)
class Move:
    key: str
    before: int | None
    after: int | None

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def steps(self) -> int | None:
        """Signed steps moved (up is positive); None when either side is unplaced."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def moves(before: Positions, after: Positions, keys: Iterable[str] | None = None) -> list[Move]:
    """Fader by fader, from ``before`` to ``after``, in the order of ``keys`` (default: after's)."""
    keys = list(keys if keys is not None else after)
    return [Move(key=key, before=before.get(key), after=after.get(key)) for key in keys]


def moments(trio: Trio) -> QuerySet[Assessment]:
    """The trio's assessments, oldest first, each with its panel (three queries in all)."""
    return Assessment.objects.for_trio(trio).with_panel().order_by("created_at", "pk")


def at_meeting(
    trios: QuerySet[Trio] | Iterable[Trio], meeting: Meeting | None, *, revealed_only: bool = False
) -> QuerySet[Assessment]:
    """Each trio's assessment at ``meeting`` (its latest there), or its latest of all if None.

    With ``revealed_only`` a moment still being placed alone is passed over: it
    has no agreed panel yet. One query whatever the number of trios; add
    ``with_panel()`` or read the positions with ``panel.positions``.
    """
    candidates = Assessment.objects.filter(trio=OuterRef("trio"))
    if revealed_only:
        candidates = candidates.filter(revealed_at__isnull=False)
    if meeting is not None:
        candidates = candidates.filter(meeting=meeting)
    latest = candidates.order_by("-created_at", "-pk").values("pk")[:1]
    return Assessment.objects.filter(trio__in=trios, pk=Subquery(latest))


@transaction.atomic
def start_moment(trio: Trio, meeting: Meeting | None, by: User) -> Assessment:
    """Start a new moment: an empty panel on the current model, placed alone first again.

    One moment per meeting: a second one for the same meeting is refused, and
    the trio's current moment must be revealed first, so work in progress is
    never left behind unseen.
    """
    if not trio.has_member(by) and not trio.edition.is_organised_by(by):
        raise ValidationError(_("Only the trio and its organisers can start a new moment."))
    if meeting is not None and meeting.edition_id != trio.edition_id:
        raise ValidationError(_("Choose a meeting of your own edition."))
    # Lock the trio: of two clicks at once, the second sees the first's new moment and is refused.
    Trio.objects.select_for_update(of=("self",)).filter(pk=trio.pk).first()
    latest = Assessment.objects.for_trio(trio).latest_first().first()
    if latest is not None and not latest.is_revealed:
        raise ValidationError(
            _("Your current panel is not revealed yet. Finish it before you start a new moment.")
        )
    if meeting is not None and Assessment.objects.filter(trio=trio, meeting=meeting).exists():
        raise ValidationError(
            _("Your trio already has a panel for this meeting."), code="meeting_taken"
        )
    # Repeat on the current version of the model the trio used last, so the moments compare.
    panel_model = None
    if latest is not None:
        panel_model = PanelModel.objects.current().filter(key=latest.panel_model.key).first()
    return placing.start_assessment(trio, meeting=meeting, panel_model=panel_model)
