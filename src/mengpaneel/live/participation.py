"""What participants do in a live round: join, place alone, agree together.

Members' placements and agreed positions go through ``panel.placing`` (the only
writer of panel data); guests, who have no account, keep their placements in
``GuestPlacement``. Every write reads the round's phase under a share lock on the
round's row (``FOR KEY SHARE`` on PostgreSQL) that every trio's saves hold at once
and that a phase move (``FOR UPDATE``) waits for: a save that arrives after the
organiser moved on is refused with a clear message and nothing is stored, and no
trio's save ever waits for another trio's.

The same rule holds on the panel's own pages: ``guard_panel`` is registered with
``panel.guards`` (``LiveConfig.ready``), so while a trio's assessment belongs to a
running round, its phase decides what ``panel.placing`` may write.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mengpaneel.accounts.models import User
from mengpaneel.live.constants import (
    GUEST_NAME_MAX_LENGTH,
    MAX_GUESTS_PER_ROUND,
    MAX_GUESTS_PER_TRIO,
    PHASE_ORDER,
    ChangeKind,
    Phase,
)
from mengpaneel.live.models import Guest, GuestPlacement, LiveRound, RoundAssessment
from mengpaneel.panel import guards, placing
from mengpaneel.panel.guards import Action
from mengpaneel.panel.models import AgreedPosition, Assessment, Category
from mengpaneel.text import has_direction_controls
from mengpaneel.workshops.models import Trio


class StalePhase(guards.Refused):
    """The round is not in the phase this action belongs to (``message`` says why)."""


class GuestRefused(Exception):  # noqa: N818
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Participant:
    """A trio member or a guest, taking part in one round for one trio."""

    live_round: LiveRound
    trio: Trio
    user: User | None = None
    guest: Guest | None = None

    @property
    def is_guest(self) -> bool:
        return self.guest is not None

    @property
    def member(self) -> User:
        """The trio member taking part; a guest is none, and may not act as one."""
        if self.user is None:
            raise PermissionDenied
        return self.user

    @property
    def name(self) -> str:
        return self.guest.name if self.guest else self.member.name


@dataclass(frozen=True)
class Placed:
    """A saved placement: the round's version now, and the placement's (0 for a guest)."""

    round_version: int
    placement_version: int = 0


def _stale(phase: str, action: Phase) -> StalePhase:
    """Why a save that belongs to ``action``'s phase is refused while the round is in ``phase``."""
    if phase == Phase.CLOSED:
        return StalePhase(_("This live round has ended; nothing more can be saved in it."))
    label = Phase(phase).label
    if PHASE_ORDER.index(Phase(phase)) > PHASE_ORDER.index(action):
        if action == Phase.ALONE:
            over = _(
                "The organiser has moved the round on to “%(phase)s”. Placing alone is over; "
                "this change was not saved."
            )
        else:
            over = _(
                "The organiser has moved the round on to “%(phase)s”. Agreeing is over; "
                "this change was not saved."
            )
        return StalePhase(over % {"phase": label})
    return StalePhase(
        _("The round is in the phase “%(phase)s”; this change was not saved.") % {"phase": label}
    )


def assessment_for(live_round: LiveRound, trio: Trio) -> Assessment:
    """The trio's assessment in this round, started (on the round's model) when first needed."""
    link = RoundAssessment.objects.select_related(
        "assessment__panel_model", "assessment__trio"
    ).filter(live_round=live_round, trio=trio)
    found = link.first()
    if found is None:
        with transaction.atomic():
            locked = LiveRound.objects.select_for_update(of=("self",)).get(pk=live_round.pk)
            found = link.first()
            if found is None:
                assessment = placing.start_assessment(
                    trio, panel_model=locked.panel_model, meeting=locked.meeting
                )
                found = RoundAssessment.objects.create(
                    live_round=locked, trio=trio, assessment=assessment
                )
                if locked.phase not in (Phase.ALONE, Phase.CLOSED):
                    # A trio that starts late joins the room where it is: past the reveal.
                    placing.reveal(assessment, None)
    return found.assessment


def _current_phase(live_round: LiveRound) -> str:
    return LiveRound.objects.values_list("phase", flat=True).get(pk=live_round.pk)


def _share_lock() -> str:
    """A row lock every save may hold at once and only a phase move (``FOR UPDATE``) waits
    for. ``FOR KEY SHARE`` also lets ``record_change`` raise the version meanwhile.
    SQLite runs one write transaction at a time and has no row locks."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        return " FOR KEY SHARE OF r"
    return ""


def _phase_for_write(live_round: LiveRound) -> str:
    """The round's phase, held until the surrounding transaction ends."""
    table = connection.ops.quote_name(LiveRound._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.phase FROM {table} r WHERE r.id = %s{_share_lock()}",  # noqa: S608 (names from _meta)
            [live_round.pk],
        )
        row = cursor.fetchone()
    if row is None:
        raise LiveRound.DoesNotExist
    return str(row[0])


def running_phase_of(assessment: Assessment) -> str | None:
    """The phase of the running round the assessment belongs to, or None (held like
    ``_phase_for_write`` when inside a transaction)."""
    rounds = connection.ops.quote_name(LiveRound._meta.db_table)
    links = connection.ops.quote_name(RoundAssessment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.phase FROM {rounds} r JOIN {links} l ON l.live_round_id = r.id "  # noqa: S608 (names from _meta)
            f"WHERE l.assessment_id = %s AND r.phase <> %s{_share_lock()}",
            [assessment.pk, Phase.CLOSED.value],
        )
        row = cursor.fetchone()
    return None if row is None else str(row[0])


# What each of the panel's writes may do in which phase of a running round.
ALLOWED_PHASES = {
    Action.PLACE: {Phase.ALONE},
    Action.REVEAL: {Phase.REVEAL, Phase.AGREE, Phase.PLENARY, Phase.REFLECT},
    Action.AGREE: {Phase.AGREE},
    Action.DISSENT: {Phase.AGREE, Phase.PLENARY, Phase.REFLECT},
}


def _refusal(phase: str, action: Action) -> StalePhase:
    """Why ``action`` is refused on a panel whose running round is in ``phase``."""
    label = Phase(phase).label
    if action == Action.PLACE:
        return _stale(phase, Phase.ALONE)
    if action == Action.REVEAL:
        return StalePhase(
            _(
                "This panel is part of a live round: the organiser reveals everyone's positions "
                "at once, when the round moves on to “%(next)s”. Until then, keep placing alone."
            )
            % {"next": Phase.REVEAL.label}
        )
    if action == Action.AGREE and PHASE_ORDER.index(Phase(phase)) > PHASE_ORDER.index(Phase.AGREE):
        return _stale(phase, Phase.AGREE)
    if action == Action.AGREE:
        message = _(
            "This panel is part of a live round in the phase “%(phase)s”. You agree together "
            "once the organiser moves the round on to “%(next)s”; this change was not saved."
        )
    else:
        message = _(
            "This panel is part of a live round in the phase “%(phase)s”. You can note that you "
            "see a fader differently once the round reaches “%(next)s”; this was not saved."
        )
    return StalePhase(message % {"phase": label, "next": Phase.AGREE.label})


def guard_panel(assessment: Assessment, action: Action) -> None:
    """``panel.guards``' question: may ``action`` be written on ``assessment`` now?

    Only while the assessment belongs to a running round; once the round is closed its
    panels are the meeting's assessments, and the panel's own rules apply again.
    """
    phase = running_phase_of(assessment)
    if phase is not None and phase not in ALLOWED_PHASES[action]:
        raise _refusal(phase, action)


def require_phase(live_round: LiveRound, phase: Phase) -> None:
    """``StalePhase`` unless the round is in ``phase`` now (a read without a lock).

    Views ask first, so a form sent after the organiser moved on hears that, not
    what was wrong with the form; the writers ask again under their lock.
    """
    current = _current_phase(live_round)
    if current != phase:
        raise _stale(current, phase)


# SQLite lets one transaction write at a time; the others wait in SQLite's busy handler,
# which sleeps 1, 2, 5, 10 … ms between tries. Under a room's worth of autosaves those
# sleeps dominate, so writers of this process queue on a lock instead (handed over at once).
_sqlite_writer = threading.Lock()


@contextmanager
def _one_writer_at_a_time() -> Iterator[None]:
    if connection.vendor == "sqlite":
        with _sqlite_writer:
            yield
    else:
        yield


def place(
    participant: Participant,
    category: Category,
    position: int | None,
    note: str = "",
    *,
    expected_version: int,
) -> Placed:
    """Place one fader alone, in the round's ``alone`` phase only.

    A member's save names the version of their placement it started from
    (``placing.place`` raises ``PlacementConflict`` past it). A guest exists in one
    session only, so a guest's save cannot conflict with itself: it is not checked.
    """
    live_round, trio = participant.live_round, participant.trio
    assessment = assessment_for(live_round, trio)
    with _one_writer_at_a_time():
        with transaction.atomic():
            phase = _phase_for_write(live_round)
            if phase != Phase.ALONE:
                raise _stale(phase, Phase.ALONE)
            placement_version = 0
            if participant.guest is not None:
                _place_as_guest(participant.guest, assessment, category, position, note)
            else:
                placement_version = placing.place(
                    assessment,
                    participant.member,
                    category,
                    position,
                    note,
                    expected_version=expected_version,
                ).version
        return Placed(live_round.record_change(ChangeKind.PLACEMENT, trio.pk), placement_version)


def _place_as_guest(
    guest: Guest, assessment: Assessment, category: Category, position: int | None, note: str
) -> None:
    if guest.trio_id != assessment.trio_id:
        raise PermissionDenied
    placing.check_position(assessment, category, position)
    values = {"position": position, "note": note.strip(), "updated_at": timezone.now()}
    # Most saves move a fader already placed: one UPDATE, no read first.
    updated = GuestPlacement.objects.filter(guest=guest, category=category).update(**values)
    if not updated:
        GuestPlacement.objects.create(
            guest=guest, category=category, assessment=assessment, **values
        )


def agree(
    participant: Participant,
    category: Category,
    *,
    position: int | None,
    rationale: str,
    discuss: bool,
    expected_version: int,
) -> AgreedPosition:
    """Set the trio's agreed position on one fader (members only, ``agree`` phase only).

    Raises what ``placing.agree`` raises (``ValidationError``, ``Conflict``) unchanged.
    """
    if participant.is_guest:
        raise PermissionDenied
    live_round = participant.live_round
    assessment = assessment_for(live_round, participant.trio)
    with _one_writer_at_a_time(), transaction.atomic():
        # A share of the round's row, which ``phases.move`` locks for itself: a move waits
        # for this save, or this save sees the move and is refused; never a save after the
        # phase ended. Other trios' saves share it and never wait for this one.
        current = _phase_for_write(live_round)
        if current != Phase.AGREE:
            raise _stale(current, Phase.AGREE)
        agreed = placing.agree(
            assessment,
            category,
            position,
            rationale,
            discuss,
            by=participant.member,
            expected_version=expected_version,
        )
    live_round.record_change(ChangeKind.AGREED, participant.trio.pk)
    return agreed


def clean_guest_name(raw: str) -> str:
    name = " ".join((raw or "").split())
    if not name:
        raise GuestRefused(_("Type your name, so your trio knows who joined."))
    if has_direction_controls(name):
        raise GuestRefused(
            _(
                "Your name contains invisible characters that change the direction of text "
                "(copied along from another app, perhaps). Type your name again."
            )
        )
    if len(name) > GUEST_NAME_MAX_LENGTH:
        raise GuestRefused(
            _("Keep your name to %(max)s characters.") % {"max": GUEST_NAME_MAX_LENGTH}
        )
    return name


def join_as_guest(live_round: LiveRound, trio: Trio, name: str, *, session_key: str = "") -> Guest:
    """A guest joins one trio of the round (the code was checked by the caller).

    From a browser session that already has an active guest in this round, the answer
    is that guest: two taps on "Join" arrive together, before either is in the session.
    """
    name = clean_guest_name(name)
    joined_from = hashlib.sha256(session_key.encode()).hexdigest() if session_key else ""
    with transaction.atomic():
        locked = LiveRound.objects.select_for_update(of=("self",)).get(pk=live_round.pk)
        if locked.is_closed:
            raise GuestRefused(_("This live round has ended. You can no longer join it."))
        if trio.edition_id != locked.meeting.edition_id:
            raise GuestRefused(_("Choose one of the trios in the list."))
        guests = Guest.objects.filter(live_round=locked).active()
        if joined_from:
            already = guests.filter(joined_from=joined_from).first()
            if already is not None:
                return already
        if guests.filter(trio=trio).count() >= MAX_GUESTS_PER_TRIO:
            raise GuestRefused(
                _("This trio already has %(max)s guests. Ask the organiser which trio to join.")
                % {"max": MAX_GUESTS_PER_TRIO}
            )
        if guests.count() >= MAX_GUESTS_PER_ROUND:
            raise GuestRefused(_("This live round is full. Ask the organiser."))
        guest = Guest.objects.create(
            live_round=locked, trio=trio, name=name, joined_from=joined_from
        )
    live_round.record_change(ChangeKind.GUESTS, trio.pk)
    return guest


def remove_guest(guest: Guest) -> Guest:
    """The organiser takes a guest out of the round; their placements no longer count."""
    if guest.removed_at is None:
        guest.removed_at = timezone.now()
        guest.save(update_fields=["removed_at"])
        guest.live_round.record_change(ChangeKind.GUESTS, guest.trio_id)
    return guest
