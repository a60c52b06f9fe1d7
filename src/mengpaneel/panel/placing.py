"""The slider exercise as named writes: place alone, reveal, agree together, dissent.

Views, commands, the demo and tests all call these functions; none of them
writes placements or agreed positions any other way. Every change leaves a
line of history (who, when, from what to what).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mengpaneel.accounts.models import User
from mengpaneel.panel import editions, guards
from mengpaneel.panel.constants import ChangeKind
from mengpaneel.panel.guards import Action
from mengpaneel.panel.models import (
    AgreedPosition,
    Assessment,
    Category,
    Dissent,
    IndividualPlacement,
    PanelModel,
    PositionChange,
)
from mengpaneel.workshops.models import Meeting, Trio


@dataclass(frozen=True)
class Proposal:
    """What someone tried to save for a fader."""

    position: int | None
    rationale: str
    discuss: bool


class Conflict(Exception):  # noqa: N818 (a domain word, not an error code)
    """Someone else saved this fader after the version the editor started from.

    Carries both sides so the page can show them; nothing has been overwritten.
    """

    def __init__(self, current: AgreedPosition, yours: Proposal) -> None:
        super().__init__("The agreed position changed in the meantime.")
        self.current = current
        self.yours = yours

    @property
    def their_rationale(self) -> str:
        return self.current.rationale

    @property
    def your_rationale(self) -> str:
        return self.yours.rationale


class PlacementConflict(Exception):  # noqa: N818 (a domain word, as Conflict)
    """The same member saved this fader elsewhere (another window, another device) after the
    version this save started from. Carries both sides; nothing has been overwritten."""

    def __init__(self, current: IndividualPlacement, position: int | None, note: str) -> None:
        super().__init__("The placement changed in the meantime.")
        self.current = current
        self.yours = Proposal(position=position, rationale=note, discuss=False)

    @property
    def their_note(self) -> str:
        return self.current.note

    @property
    def your_note(self) -> str:
        return self.yours.rationale


def _as_text(position: int | None) -> str:
    # History keeps "" for unplaced so it never reads as the middle (0).
    return "" if position is None else str(position)


def _log(
    assessment: Assessment,
    kind: str,
    user: User | None,
    old: str,
    new: str,
    category: Category | None = None,
) -> None:
    PositionChange.objects.create(
        assessment=assessment,
        category=category,
        kind=kind,
        user=user,
        old_value=old,
        new_value=new,
    )


def check_position(assessment: Assessment, category: Category, position: int | None) -> None:
    """The fader is one of this panel's, and the position a step on its scale (or unplaced)."""
    if category.panel_model_id != assessment.panel_model_id:
        raise ValidationError(_("This fader is not part of this panel."))
    model = assessment.panel_model
    if position is not None and not model.scale_min <= position <= model.scale_max:
        raise ValidationError(
            _("Choose a position from %(low)s to %(high)s.")
            % {"low": model.scale_min, "high": model.scale_max},
            code="out_of_range",
        )


def _require_member(assessment: Assessment, user: User | AnonymousUser) -> None:
    if not assessment.trio.has_member(user):
        raise PermissionDenied


@transaction.atomic
def start_assessment(
    trio: Trio,
    *,
    panel_model: PanelModel | None = None,
    meeting: Meeting | None = None,
) -> Assessment:
    """A new, empty panel for the trio: every fader unplaced, nothing revealed."""
    panel_model = panel_model or PanelModel.objects.default()
    assessment = Assessment.objects.create(trio=trio, meeting=meeting, panel_model=panel_model)
    AgreedPosition.objects.bulk_create(
        AgreedPosition(assessment=assessment, category=category)
        for category in panel_model.categories.all()
    )
    return assessment


def current_assessment(trio: Trio) -> Assessment:
    """The trio's latest assessment; the first one is started on the edition's model."""
    assessments = Assessment.objects.for_trio(trio).latest_first().select_related("panel_model")
    assessment = assessments.first()
    if assessment is not None:
        return assessment
    with transaction.atomic():
        # Lock the trio so two first visits at once start one assessment, not two (its row
        # only: Trio's ordering joins the edition and municipality, which every trio shares).
        Trio.objects.select_for_update(of=("self",)).filter(pk=trio.pk).first()
        return assessments.first() or start_assessment(
            trio, panel_model=editions.model_for_new_panels(trio.edition)
        )


@transaction.atomic
def place(
    assessment: Assessment,
    member: User,
    category: Category,
    position: int | None,
    note: str = "",
    *,
    expected_version: int,
) -> IndividualPlacement:
    """A member places one fader alone. Private to them until the trio reveals.

    ``expected_version`` is the version of this member's placement that the editor
    started from (0 before the first save). Raises ``PlacementConflict`` when the
    member saved something else on this fader since (in another window or on another
    device): then nothing is written. Saving what is already saved is never a conflict.
    """
    _require_member(assessment, member)
    guards.check(assessment, Action.PLACE)
    # The row the reveal locks: this placement is saved before the reveal, or sees it.
    revealed_at = (
        Assessment.objects.select_for_update(of=("self",))
        .values_list("revealed_at", flat=True)
        .get(pk=assessment.pk)
    )
    if revealed_at is not None:
        raise ValidationError(
            _("The trio has already revealed its positions; agree on the panel together now.")
        )
    check_position(assessment, category, position)
    note = note.strip()
    placement, created = IndividualPlacement.objects.select_for_update(of=("self",)).get_or_create(
        assessment=assessment, member=member, category=category
    )
    if not created and placement.version != expected_version:
        if (placement.position, placement.note) == (position, note):
            # Already kept: a save sent again after its answer was lost is not a conflict.
            return placement
        raise PlacementConflict(placement, position, note)
    changed = []
    if created or placement.position != position:
        old = "" if created else _as_text(placement.position)
        _log(assessment, ChangeKind.INDIVIDUAL, member, old, _as_text(position), category)
        placement.position = position
        changed.append("position")
    if placement.note != note:
        _log(assessment, ChangeKind.NOTE, member, placement.note, note, category)
        placement.note = note
        changed.append("note")
    if changed:
        placement.version += 1
        placement.updated_at = timezone.now()
        placement.save()
    return placement


@transaction.atomic
def reveal(assessment: Assessment, by: User | None) -> Assessment:
    """Show every member's placements inside the trio. Revealing twice changes nothing."""
    guards.check(assessment, Action.REVEAL)
    locked = Assessment.objects.select_for_update(of=("self",)).get(pk=assessment.pk)
    if locked.is_revealed:
        assessment.revealed_at, assessment.revealed_by = locked.revealed_at, locked.revealed_by
        return assessment
    assessment.revealed_at = timezone.now()
    assessment.revealed_by = by
    assessment.save(update_fields=["revealed_at", "revealed_by"])
    _log(assessment, ChangeKind.REVEAL, by, "", "")
    return assessment


@transaction.atomic
def agree(
    assessment: Assessment,
    category: Category,
    position: int | None,
    rationale: str,
    discuss: bool,
    by: User,
    expected_version: int,
) -> AgreedPosition:
    """Set the trio's agreed position on one fader.

    Raises ``ValidationError`` when the fader moves off the middle without a
    rationale, and ``Conflict`` when someone saved this fader after
    ``expected_version``: then nothing is written.
    """
    guards.check(assessment, Action.AGREE)
    if not assessment.is_revealed:
        raise ValidationError(_("First reveal the positions inside the trio, then agree."))
    check_position(assessment, category, position)
    rationale = rationale.strip()
    if position not in (None, 0) and not rationale:
        raise ValidationError(
            {
                "rationale": _(
                    "You moved this fader away from the middle. Write down why: "
                    "a sentence or two is enough."
                )
            },
            code="rationale_required",
        )
    agreed = AgreedPosition.objects.select_for_update(of=("self",)).get(
        assessment=assessment, category=category
    )
    yours = Proposal(position=position, rationale=rationale, discuss=discuss)
    if agreed.version != expected_version:
        raise Conflict(agreed, yours)
    changes = [
        (ChangeKind.AGREED, _as_text(agreed.position), _as_text(position)),
        (ChangeKind.RATIONALE, agreed.rationale, rationale),
        (ChangeKind.FLAG, str(agreed.discuss).lower(), str(discuss).lower()),
    ]
    changes = [change for change in changes if change[1] != change[2]]
    if not changes:
        return agreed
    for kind, old, new in changes:
        _log(assessment, kind, by, old, new, category)
    agreed.position, agreed.rationale, agreed.discuss = position, rationale, discuss
    agreed.version += 1
    agreed.updated_by = by
    agreed.updated_at = timezone.now()
    agreed.save()
    return agreed


@transaction.atomic
def dissent(agreed_position: AgreedPosition, user: User, note: str) -> Dissent | None:
    """A member records (or, with an empty note, withdraws) why they still disagree."""
    assessment = agreed_position.assessment
    _require_member(assessment, user)
    guards.check(assessment, Action.DISSENT)
    if not assessment.is_revealed:
        raise ValidationError(_("There is nothing agreed yet to disagree with."))
    note = note.strip()
    existing = Dissent.objects.filter(agreed_position=agreed_position, user=user).first()
    old = existing.note if existing else ""
    if old == note:
        return existing
    _log(assessment, ChangeKind.DISSENT, user, old, note, agreed_position.category)
    if not note:
        assert existing is not None  # an empty note that differs from the old one withdraws it
        existing.delete()
        return None
    if existing is None:
        return Dissent.objects.create(agreed_position=agreed_position, user=user, note=note)
    existing.note = note
    existing.updated_at = timezone.now()
    existing.save(update_fields=["note", "updated_at"])
    return existing


def visible_placements(
    assessment: Assessment, viewer: User | AnonymousUser
) -> QuerySet[IndividualPlacement]:
    """Before the reveal each member sees only their own placements; afterwards, everyone's."""
    placements = assessment.placements.select_related("member")
    if assessment.is_revealed:
        return placements
    if not viewer.is_authenticated:
        return placements.none()
    return placements.filter(member=viewer)
