"""The organiser's side: start a round, move its phases, manage the code and guests, project."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.live import access, boards, joincodes, participation, phases, qrcode
from mengpaneel.live.constants import Phase
from mengpaneel.live.forms import CodeActionForm, PhaseMoveForm
from mengpaneel.live.models import LiveRound
from mengpaneel.workshops import access as workshop_access


@login_required
@require_http_methods(["GET", "POST"])
def start(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = workshop_access.get_meeting_for_organiser(request, slug, pk)
    if request.method == "POST":
        live_round = phases.start(meeting, by=request.user)
        return redirect(live_round)
    context = {
        "meeting": meeting,
        "edition": meeting.edition,
        "running": LiveRound.objects.running().filter(meeting=meeting).first(),
        "closed_rounds": LiveRound.objects.filter(meeting=meeting, phase=Phase.CLOSED),
    }
    return render(request, "live/start.html", context)


def _join_links(request: AuthenticatedHttpRequest, live_round: LiveRound) -> dict[str, Any]:
    short = request.build_absolute_uri(reverse("live:join"))
    if not live_round.code_is_usable:
        return {"short_url": short}
    direct = request.build_absolute_uri(reverse("live:code_link", args=[live_round.code]))
    return {"short_url": short, "direct_url": direct, "qr": qrcode.qr_svg(direct)}


@login_required
def control(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    live_round = access.get_round_for_organiser(request, pk)
    context = {
        "live_round": live_round,
        "meeting": live_round.meeting,
        "edition": live_round.meeting.edition,
        "next_phase": phases.next_phase(live_round.phase),
        "previous_phase": phases.previous_phase(live_round.phase),
        "summaries": boards.room_board(live_round, with_names=True),
        **boards.root_context(live_round),
        **_join_links(request, live_round),
    }
    return render(request, "live/control.html", context)


@login_required
def control_people(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The trios and their guests, fetched again when someone joins (htmx partial)."""
    live_round = access.get_round_for_organiser(request, pk)
    if not request.htmx:  # a fragment: a person who opens it gets the whole page
        return redirect(live_round)
    context = {
        "live_round": live_round,
        "summaries": boards.room_board(live_round, with_names=True),
    }
    return render(request, "live/control_people.html", context)


@login_required
@require_POST
def move_phase(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    live_round = access.get_round_for_organiser(request, pk)
    form = PhaseMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That move is not possible. Choose one of the buttons."))
        return redirect(live_round)
    try:
        if form.cleaned_data["to"] == PhaseMoveForm.CLOSE:
            live_round = phases.close(
                live_round, expected=form.cleaned_data["expected"], by=request.user
            )
            messages.success(
                request, _("The live round is closed. Each trio's panel is kept with the meeting.")
            )
        else:
            live_round = phases.move(
                live_round,
                to=form.cleaned_data["to"],
                expected=form.cleaned_data["expected"],
                by=request.user,
            )
            messages.success(
                request,
                _("The round is now in the phase “%(phase)s”.")
                % {"phase": live_round.get_phase_display()},
            )
    except phases.PhaseError as exc:
        messages.error(request, exc.message)
    return redirect(live_round)


@login_required
@require_POST
def code_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    live_round = access.get_round_for_organiser(request, pk)
    form = CodeActionForm(request.POST)
    if live_round.is_closed:
        messages.error(request, _("The code of a closed round cannot change."))
    elif not form.is_valid():
        messages.error(request, _("Choose to renew the code or to close it."))
    elif form.cleaned_data["action"] == CodeActionForm.RENEW:
        joincodes.issue(live_round)
        messages.success(request, _("There is a new code. The old one no longer works."))
    else:
        joincodes.close(live_round)
        messages.success(request, _("The code is closed: nobody new can join. Guests stay in."))
    return redirect(live_round)


@login_required
@require_POST
def guest_remove(request: AuthenticatedHttpRequest, pk: int, guest_pk: int) -> HttpResponse:
    live_round = access.get_round_for_organiser(request, pk)
    # Not only active guests: the second POST of a double click finds the guest removed.
    guest = get_object_or_404(live_round.guests, pk=guest_pk)
    participation.remove_guest(guest)
    messages.success(
        request,
        _("%(name)s has been removed from the round; their positions no longer count.")
        % {"name": guest.name},
    )
    return redirect(live_round)


@login_required
def projector(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    live_round = access.get_round_for_organiser(request, pk)
    return render(request, "live/projector.html", _projector_context(request, live_round))


@login_required
def projector_room(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The projector's changing part, fetched again on every event (htmx partial)."""
    live_round = access.get_round_for_organiser(request, pk)
    if not request.htmx:
        return redirect("live:projector", pk)
    return render(request, "live/projector_room.html", _projector_context(request, live_round))


def _projector_context(request: AuthenticatedHttpRequest, live_round: LiveRound) -> dict[str, Any]:
    return {
        "live_round": live_round,
        "meeting": live_round.meeting,
        "summaries": boards.room_board(live_round),
        "categories": boards.categories_of(live_round),
        **boards.root_context(live_round),
        **_join_links(request, live_round),
    }
