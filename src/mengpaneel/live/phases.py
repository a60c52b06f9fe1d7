"""Starting a live round and moving it through its phases (organiser only).

Each move locks the round, checks that nobody moved it in the meantime, counts
one change (the version) and tells every open stream. The reveal is the one
door that only opens: once the trios have seen each other's positions, placing
alone cannot come back (nobody can un-see a position).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mengpaneel.accounts.models import User
from mengpaneel.live import joincodes
from mengpaneel.live.constants import PHASE_ORDER, ChangeKind, Phase
from mengpaneel.live.models import LiveRound
from mengpaneel.panel import editions, placing
from mengpaneel.panel.models import PanelModel
from mengpaneel.workshops.models import Meeting


class PhaseError(Exception):
    """The move cannot be made; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def start(meeting: Meeting, *, by: User, panel_model: PanelModel | None = None) -> LiveRound:
    """Start a live round for the meeting, or return the one already running."""
    running = LiveRound.objects.running().filter(meeting=meeting).first()
    if running is not None:
        return running
    try:
        with transaction.atomic():
            live_round = LiveRound.objects.create(
                meeting=meeting,
                panel_model=panel_model or editions.model_for_new_panels(meeting.edition),
                started_by=by,
            )
    except IntegrityError:  # someone started one at the same moment
        return LiveRound.objects.running().get(meeting=meeting)
    return joincodes.issue(live_round)


def next_phase(phase: str) -> Phase | None:
    if phase not in PHASE_ORDER:
        return None
    index = PHASE_ORDER.index(Phase(phase))
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


def previous_phase(phase: str) -> Phase | None:
    """The phase a step back leads to; never back to placing alone after the reveal."""
    if phase not in PHASE_ORDER:
        return None
    index = PHASE_ORDER.index(Phase(phase))
    if index == 0 or PHASE_ORDER[index - 1] == Phase.ALONE:
        return None
    return PHASE_ORDER[index - 1]


def _locked(live_round: LiveRound, expected: str) -> LiveRound:
    locked = LiveRound.objects.select_for_update(of=("self",)).get(pk=live_round.pk)
    if locked.is_closed:
        raise PhaseError(_("This live round has been closed."))
    if locked.phase != expected:
        raise PhaseError(
            _("The round was moved to “%(phase)s” in the meantime. Nothing else has changed.")
            % {"phase": locked.get_phase_display()}
        )
    return locked


def move(live_round: LiveRound, *, to: str, expected: str, by: User) -> LiveRound:
    """Move the round one phase forward or back.

    ``expected`` is the phase the organiser saw: a double click, or a second
    organiser's screen, moves the round once, not twice.
    """
    with transaction.atomic():
        locked = _locked(live_round, expected)
        if to == Phase.ALONE and locked.phase != Phase.ALONE:
            raise PhaseError(
                _(
                    "The trios have already seen each other's positions, so placing alone "
                    "cannot start again."
                )
            )
        if to not in (next_phase(locked.phase), previous_phase(locked.phase)):
            raise PhaseError(_("The round can only move one step at a time."))
        locked.phase = to
        locked.save(update_fields=["phase"])
        if to == Phase.REVEAL:
            # After the phase changed, inside this transaction: the panel's guard
            # (``participation.guard_panel``) allows a reveal from this phase on. No save
            # is still running: each holds a share of the round's row, which we hold now.
            for link in locked.round_assessments.select_related("assessment__trio"):
                placing.reveal(link.assessment, by)
    locked.record_change(ChangeKind.PHASE)
    return locked


def close(live_round: LiveRound, *, expected: str, by: User) -> LiveRound:
    """End the round: the code stops working and every page says so.

    The trios' panels were written into their assessments for this meeting as
    the round went (``panel.placing``), so closing copies nothing and loses nothing.
    """
    with transaction.atomic():
        locked = _locked(live_round, expected)
        locked.phase = Phase.CLOSED
        locked.closed_at = timezone.now()
        locked.code = None
        locked.code_expires_at = None
        locked.save(update_fields=["phase", "closed_at", "code", "code_expires_at"])
    locked.record_change(ChangeKind.PHASE)
    return locked
