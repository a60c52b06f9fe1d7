"""Who may see or do what in a live round: one helper per kind of visitor.

Like ``workshops.access``: missing and forbidden both answer 404. A guest is
known only by an entry in their server-side session, set when they joined.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from mengpaneel.live.events import all_channel, round_channel, trio_channel
from mengpaneel.live.models import Guest, LiveRound
from mengpaneel.live.participation import Participant
from mengpaneel.workshops.models import Trio

GUESTS_SESSION_KEY = "mengpaneel_live_guests"
CODE_SESSION_KEY = "mengpaneel_live_code"
# Rounds whose guest this browser was, after the round closed and the guest's session ended.
ENDED_SESSION_KEY = "mengpaneel_live_ended"

_ROUNDS = LiveRound.objects.select_related("meeting__edition", "panel_model")


def get_round_for_organiser(request: HttpRequest, pk: int) -> LiveRound:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(_ROUNDS.filter(meeting__edition__organisers=user), pk=pk)


def remember_guest(request: HttpRequest, guest: Guest) -> None:
    guests = dict(request.session.get(GUESTS_SESSION_KEY, {}))
    guests[str(guest.live_round_id)] = guest.pk
    request.session[GUESTS_SESSION_KEY] = guests


def _guest_in_session(request: HttpRequest, live_round: LiveRound) -> Guest | None:
    guest_pk = request.session.get(GUESTS_SESSION_KEY, {}).get(str(live_round.pk))
    if guest_pk is None:
        return None
    if live_round.is_closed:
        _end_guest_session(request, live_round)
        return None
    return (
        Guest.objects.active()
        .select_related("trio")
        .filter(pk=guest_pk, live_round=live_round)
        .first()
    )


def _end_guest_session(request: HttpRequest, live_round: LiveRound) -> None:
    """The round is over, and with it the guest: the session that held them ends.

    A fresh session keeps only the round's number, so the page can say "this round has
    ended" instead of "not found". A logged-in person's session, or one that is a
    guest in another round too, loses only this round.
    """
    session = request.session
    guests = dict(session.get(GUESTS_SESSION_KEY, {}))
    guests.pop(str(live_round.pk), None)
    ended = [*session.get(ENDED_SESSION_KEY, []), live_round.pk][-5:]
    if request.user.is_authenticated or guests:
        session[GUESTS_SESSION_KEY] = guests
    else:
        session.flush()
    session[ENDED_SESSION_KEY] = ended


def guest_round_ended(request: HttpRequest, live_round: LiveRound) -> bool:
    """Whether this browser was a guest of the round, which has closed since."""
    return live_round.is_closed and live_round.pk in request.session.get(ENDED_SESSION_KEY, [])


def find_participant(request: HttpRequest, live_round: LiveRound) -> Participant | None:
    """The visitor as a member of a trio of the round's edition, else as its guest."""
    user = request.user
    if user.is_authenticated:
        trio = (
            Trio.objects.select_related("municipality", "edition")
            .filter(edition=live_round.meeting.edition_id, members__user=user)
            .first()
        )
        if trio is not None:
            return Participant(live_round=live_round, trio=trio, user=user)
    guest = _guest_in_session(request, live_round)
    if guest is not None:
        return Participant(live_round=live_round, trio=guest.trio, guest=guest)
    return None


def get_participant(request: HttpRequest, pk: int) -> Participant:
    live_round = get_object_or_404(_ROUNDS, pk=pk)
    participant = find_participant(request, live_round)
    if participant is None:
        raise Http404
    return participant


def is_organiser_of(request: HttpRequest, live_round: LiveRound) -> bool:
    return live_round.meeting.edition.is_organised_by(request.user)


@dataclass(frozen=True)
class Audience:
    """Who listens to a round's events, and on which channels."""

    live_round: LiveRound
    channels: frozenset[str]
    is_organiser: bool


def get_audience(request: HttpRequest, pk: int) -> Audience:
    """The organiser hears everything; a participant the round and their own trio."""
    live_round = get_object_or_404(_ROUNDS, pk=pk)
    if is_organiser_of(request, live_round):
        channels = {round_channel(pk), all_channel(pk)}
        return Audience(live_round, frozenset(channels), is_organiser=True)
    participant = find_participant(request, live_round)
    if participant is None:
        if guest_round_ended(request, live_round):
            # The page of a guest whose round closed: the round's phase, nothing of a trio.
            return Audience(live_round, frozenset({round_channel(pk)}), is_organiser=False)
        raise Http404
    channels = {round_channel(pk), trio_channel(pk, participant.trio.pk)}
    return Audience(live_round, frozenset(channels), is_organiser=False)
