"""The participants' side: join with a code, place alone, agree together."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from mengpaneel.http import HtmxHttpRequest
from mengpaneel.live import access, boards, codeguard, joincodes, participation
from mengpaneel.live.constants import Phase
from mengpaneel.live.forms import GuestJoinForm, JoinCodeForm
from mengpaneel.live.models import LiveRound
from mengpaneel.panel.forms import AgreeForm, PlacementForm
from mengpaneel.panel.placing import Conflict, PlacementConflict


def _after_code(request: HtmxHttpRequest, live_round: LiveRound) -> HttpResponse:
    """A valid code: organisers go to their controls, members to their trio, others join."""
    if access.is_organiser_of(request, live_round):
        return redirect(live_round)
    if access.find_participant(request, live_round) is not None:
        return redirect("live:participant", live_round.pk)
    request.session[access.CODE_SESSION_KEY] = live_round.code
    return redirect("live:join_trio")


@require_http_methods(["GET", "POST"])
def join(request: HtmxHttpRequest) -> HttpResponse:
    """The short address on the projector: type the code (it travels in the POST body)."""
    form = JoinCodeForm(request.POST or None, request=request)
    if form.is_valid():
        return _after_code(request, form.live_round)
    context = {"form": form, "my_rounds": LiveRound.objects.for_participant(request.user)}
    if form.paused:
        return _codes_paused(render(request, "live/join.html", context, status=429))
    return render(request, "live/join.html", context)


@require_GET
def code_link(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The QR code's address: the code moves into the session at once, out of the address bar."""
    try:
        live_round = codeguard.find_round(request, code)
    except joincodes.CodeRejected as exc:
        form = JoinCodeForm(request=request)
        context = {"form": form, "code_error": exc.message, "my_rounds": LiveRound.objects.none()}
        if isinstance(exc, codeguard.CodesPaused):
            return _codes_paused(render(request, "live/join.html", context, status=429))
        return render(request, "live/join.html", context, status=404)
    return _after_code(request, live_round)


def _codes_paused(response: HttpResponse) -> HttpResponse:
    response["Retry-After"] = str(int(codeguard.WINDOW.total_seconds()))
    return response


@require_http_methods(["GET", "POST"])
def join_trio(request: HtmxHttpRequest) -> HttpResponse:
    """A guest picks a trio and types a name; the code comes from the session, not the URL."""
    code = request.session.get(access.CODE_SESSION_KEY, "")
    try:
        live_round = joincodes.find_round(code)
    except joincodes.CodeRejected as exc:
        # No code (yet), or it stopped working since: ask for one, saying why.
        request.session.pop(access.CODE_SESSION_KEY, None)
        context = {
            "form": JoinCodeForm(request=request),
            "code_error": exc.message if code else "",
            "my_rounds": LiveRound.objects.for_participant(request.user),
        }
        return render(request, "live/join.html", context)
    form = GuestJoinForm(request.POST or None, live_round=live_round)
    if form.is_valid():
        try:
            guest = participation.join_as_guest(
                live_round,
                form.cleaned_data["trio"],
                form.cleaned_data["name"],
                session_key=request.session.session_key or "",
            )
        except participation.GuestRefused as exc:
            form.add_error(None, exc.message)
        else:
            request.session.pop(access.CODE_SESSION_KEY, None)
            access.remember_guest(request, guest)
            return redirect("live:participant", live_round.pk)
    context = {"form": form, "live_round": live_round, "meeting": live_round.meeting}
    return render(request, "live/join_trio.html", context)


def _page_context(participant: participation.Participant) -> dict[str, Any]:
    live_round = participant.live_round
    context: dict[str, Any] = {
        "participant": participant,
        "live_round": live_round,
        "meeting": live_round.meeting,
        "trio": participant.trio,
        **boards.root_context(live_round),
        **boards.trio_board(participant),
    }
    return context


def _ended_for_guest(
    request: HtmxHttpRequest, pk: int, template: str, status: int = 200
) -> HttpResponse | None:
    """A guest's session ended with the round: say so, instead of "not found"."""
    live_round = get_object_or_404(LiveRound.objects.select_related("meeting"), pk=pk)
    if access.find_participant(request, live_round) is None:
        if access.guest_round_ended(request, live_round):
            context = {"live_round": live_round, "meeting": live_round.meeting}
            return render(request, template, context, status=status)
    return None


@require_GET
def participant_page(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    live_round = get_object_or_404(LiveRound, pk=pk)
    if request.user.is_authenticated and access.is_organiser_of(request, live_round):
        if access.find_participant(request, live_round) is None:
            return redirect(live_round)
    if (ended := _ended_for_guest(request, pk, "live/ended_page.html", 410)) is not None:
        return ended
    participant = access.get_participant(request, pk)
    return render(request, "live/participant.html", _page_context(participant))


@require_GET
def participant_work(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The phase's work area, fetched again when the phase changes."""
    if not request.htmx:  # a fragment: a person who opens it gets the whole page
        access.get_participant(request, pk)
        return redirect("live:participant", pk)
    if (ended := _ended_for_guest(request, pk, "live/ended_work.html")) is not None:
        return ended
    participant = access.get_participant(request, pk)
    return render(request, "live/participant_work.html", _page_context(participant))


@require_GET
def participant_trio(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Who is in the trio (and, later, what it agreed), fetched again on each trio event."""
    if not request.htmx:
        access.get_participant(request, pk)
        return redirect("live:participant", pk)
    if (ended := _ended_for_guest(request, pk, "live/ended_trio.html")) is not None:
        return ended
    participant = access.get_participant(request, pk)
    return render(request, "live/participant_trio.html", _page_context(participant))


def _category(participant: participation.Participant, request: HtmxHttpRequest):
    return get_object_or_404(
        participant.live_round.panel_model.categories, key=request.POST.get("category", "")
    )


def _stale_response(request: HtmxHttpRequest, participant, message: str) -> HttpResponse:
    """The phase moved on: say so, and show the work of the phase the round is in now."""
    if request.htmx:
        participant.live_round.refresh_from_db()
        context = {**_page_context(participant), "stale_message": message}
        response = render(request, "live/participant_work.html", context)
        return reswap(retarget(response, "#live-work"), "innerHTML")
    messages.error(request, message)
    return redirect("live:participant", participant.live_round.pk)


def _outside_phase(request: HtmxHttpRequest, participant, phase: Phase) -> HttpResponse | None:
    """The stale answer when the round has left ``phase``, before the form is even read."""
    try:
        participation.require_phase(participant.live_round, phase)
    except participation.StalePhase as exc:
        return _stale_response(request, participant, exc.message)
    return None


@require_POST
def place(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participant = access.get_participant(request, pk)
    category = _category(participant, request)
    if (refused := _outside_phase(request, participant, Phase.ALONE)) is not None:
        return refused
    model = participant.live_round.panel_model
    form = PlacementForm(request.POST, category=category, panel_model=model)
    placed, conflict = None, None
    if form.is_valid():
        data = form.cleaned_data
        try:
            placed = participation.place(
                participant,
                category,
                data["position"],
                data["note"],
                expected_version=data["version"],
            )
        except participation.StalePhase as exc:
            return _stale_response(request, participant, exc.message)
        except PermissionDenied:
            raise Http404 from None
        except PlacementConflict as exc:
            # Keep what this person sent; their next save builds on the one made elsewhere.
            form, conflict = form.on_version(exc.current.version), exc
        except ValidationError as exc:
            form.add_error(None, exc)
    saved = form.is_bound and not form.errors and conflict is None
    conflict_context = {
        "conflict": conflict,
        "conflict_their_text": category.value_text(conflict.current.position) if conflict else "",
    }
    if request.htmx:
        if saved and placed is not None:
            return _placed(form, placed)
        fader = {"form": form, "live_round": participant.live_round, **conflict_context}
        response = render(request, "live/fader_place.html", fader)
        return reswap(retarget(response, f"#place-{form.prefix}"), "outerHTML")
    if saved:
        messages.success(request, _("Saved: %(name)s.") % {"name": category.name})
        return redirect("live:participant", pk)
    context = _page_context(participant)
    context["place_forms"] = [form if f.category == category else f for f in context["place_forms"]]
    context.update(conflict_context)
    return render(request, "live/participant.html", context, status=409 if conflict else 400)


def _placed(form: PlacementForm, placed: participation.Placed) -> HttpResponse:
    """A saved autosave: the word "Saved", and the placement's new version for the form's
    next save (the fader on the page already shows the value, so nothing else is sent)."""
    field = form["version"]
    response = HttpResponse(
        format_html(
            '{}<input type="hidden" name="{}" value="{}" id="{}" hx-swap-oob="true">',
            _("Saved"),
            field.html_name,
            placed.placement_version,
            field.id_for_label,
        )
    )
    response["X-Live-Version"] = str(placed.round_version)
    return response


@require_POST
def agree(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participant = access.get_participant(request, pk)
    if participant.is_guest:
        raise Http404
    category = _category(participant, request)
    if (refused := _outside_phase(request, participant, Phase.AGREE)) is not None:
        return refused
    model = participant.live_round.panel_model
    form = AgreeForm(request.POST, category=category, panel_model=model)
    conflict = None
    if form.is_valid():
        try:
            form, conflict = _agree(participant, form)
        except participation.StalePhase as exc:
            return _stale_response(request, participant, exc.message)
    return _agree_answer(request, participant, form, conflict)


def _agree(
    participant: participation.Participant, form: AgreeForm
) -> tuple[AgreeForm, Conflict | None]:
    """Save a valid agree form; the form to show next, and the conflict if there was one."""
    data = form.cleaned_data
    try:
        agreed = participation.agree(
            participant,
            form.category,
            position=data["position"],
            rationale=data["rationale"],
            discuss=data["discuss"],
            expected_version=data["version"],
        )
    except Conflict as exc:
        # Keep what this person typed, and let their next save build on the other one.
        return form.on_version(exc.current.version), exc
    except ValidationError as exc:
        form.add_error(None, exc)
        return form, None
    return form.on_version(agreed.version), None


def _agree_answer(
    request: HtmxHttpRequest,
    participant: participation.Participant,
    form: AgreeForm,
    conflict: Conflict | None,
) -> HttpResponse:
    """The fader again for htmx; otherwise the page, or back to it when saved."""
    category, live_round = form.category, participant.live_round
    saved = not form.errors and conflict is None
    conflict_context = {
        "conflict": conflict,
        "conflict_their_text": category.value_text(conflict.current.position) if conflict else "",
    }
    if request.htmx:
        rows = boards.fader_rows(
            live_round, participation.assessment_for(live_round, participant.trio)
        )
        context: dict[str, Any] = {"form": form, "saved": saved, "live_round": live_round}
        context.update(conflict_context)
        context["row"] = next((row for row in rows if row.category == category), None)
        return render(request, "live/fader_agree.html", context)
    if saved:
        messages.success(request, _("Saved: %(name)s.") % {"name": category.name})
        return redirect("live:participant", live_round.pk)
    context = _page_context(participant)
    context["agree_forms"] = [
        (row, form if f.category == category else f) for row, f in context["agree_forms"]
    ]
    context.update(conflict_context)
    return render(request, "live/participant.html", context, status=409 if conflict else 400)
