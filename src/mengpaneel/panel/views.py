"""The mixing panel pages: a trio's panel (place, reveal, agree), downloads, comparison.

Every fader form works without JavaScript (post, then redirect back to the
fader); with htmx the same endpoint answers with the fader's partial, plus
out-of-band updates of the drawing and the history.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.panel import access, drawing, guards, placing, presenting
from mengpaneel.panel.forms import AgreeForm, DissentForm, PlacementForm
from mengpaneel.panel.guards import Action
from mengpaneel.panel.models import Assessment, Category
from mengpaneel.workshops.models import Trio

OVERLAY = "over-elkaar"


def _page(
    request: AuthenticatedHttpRequest,
    trio: Trio,
    assessment: Assessment,
    bound: dict[str, dict[str, Any]] | None = None,
) -> presenting.PanelPage:
    # Only members and the edition's organisers get here (access helpers); both may agree.
    return presenting.build_panel_page(
        trio,
        assessment,
        request.user,
        is_member=trio.has_member(request.user),
        can_agree=True,
        bound=bound,
    )


def _context(request: AuthenticatedHttpRequest, page: presenting.PanelPage) -> dict[str, Any]:
    picture = page.drawing()
    history, older_history = presenting.history(page.assessment, request.user)
    return {
        "trio": page.trio,
        "edition": page.trio.edition,
        "page": page,
        "assessment": page.assessment,
        "svg": drawing.render_svg(picture, id_prefix="panel"),
        "text_alternative": drawing.text_alternative(picture),
        "history": history,
        "older_history": older_history,
    }


@login_required
@require_GET
def trio_panel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    context = _context(request, _page(request, trio, assessment))
    return render(request, "panel/trio_panel.html", context)


@login_required
@require_GET
def history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every change to the trio's current panel that this person may see, newest first."""
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    pages = Paginator(
        presenting.visible_changes(assessment, request.user), presenting.HISTORY_PER_PAGE
    )
    changes = pages.get_page(request.GET.get("pagina"))
    context = {
        "trio": trio,
        "edition": trio.edition,
        "assessment": assessment,
        "changes": changes,
        "history": presenting.history_rows(changes),
    }
    return render(request, "panel/history.html", context)


def _fader_saved(
    request: AuthenticatedHttpRequest,
    trio: Trio,
    assessment: Assessment,
    category: Category,
    bound: dict,
    *,
    status: int = 200,
) -> HttpResponse:
    """Answer a fader form: the partial for htmx; otherwise redirect, or the page with errors.

    htmx swaps only successful answers, so a refusal reaches it as 200 with the fader
    saying why; a page without JavaScript hears ``status``.
    """
    saved = not bound
    if saved:
        bound = {"saved": True}
    page = _page(request, trio, assessment, bound={category.key: bound})
    if request.htmx:
        context = _context(request, page)
        fader = next(f for f in page.faders if f.key == category.key)
        html = render_to_string(
            "panel/_fader_form.html", {**context, "fader": fader}, request=request
        ) + render_to_string("panel/_panel_updates.html", context, request=request)
        return HttpResponse(html)
    if saved:
        messages.success(request, _("Saved: %(category)s.") % {"category": category.name})
        return redirect(reverse("panel:trio_panel", args=[trio.pk]) + f"#fader-{category.key}")
    return render(request, "panel/trio_panel.html", _context(request, page), status=status)


def _refused(
    request: AuthenticatedHttpRequest,
    trio: Trio,
    assessment: Assessment,
    category: Category,
    bound: dict,
    refusal: guards.Refused,
) -> HttpResponse:
    """A write the panel's owner (a running live round) forbids now: the fader says why,
    and the form keeps what the person sent."""
    bound = {**bound, "refused": refusal.message}
    return _fader_saved(request, trio, assessment, category, bound, status=409)


@login_required
@require_POST
def place(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    trio = access.get_trio_for_member(request, pk)
    assessment = placing.current_assessment(trio)
    category = access.get_category(assessment, key)
    form = PlacementForm(request.POST, category=category, panel_model=assessment.panel_model)
    bound: dict[str, Any] = {}
    try:
        guards.check(assessment, Action.PLACE)  # the phase speaks before the form
        if form.is_valid():
            data = form.cleaned_data
            placing.place(
                assessment,
                request.user,
                category,
                data["position"],
                data["note"],
                expected_version=data["version"],
            )
    except guards.Refused as refusal:
        return _refused(request, trio, assessment, category, {"place_form": form}, refusal)
    except placing.PlacementConflict as conflict:
        # Keep what this person sent, now based on the version saved elsewhere.
        bound = {"place_form": form.on_version(conflict.current.version), "conflict": conflict}
    except ValidationError as error:
        form.add_error(None, error)
    if form.errors:
        bound = {"place_form": form}
    return _fader_saved(request, trio, assessment, category, bound)


@login_required
@require_POST
def agree(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    category = access.get_category(assessment, key)
    model = assessment.panel_model
    form = AgreeForm(request.POST, category=category, panel_model=model)
    bound: dict[str, Any] = {}
    try:
        guards.check(assessment, Action.AGREE)
        if form.is_valid():
            data = form.cleaned_data
            placing.agree(
                assessment,
                category,
                data["position"],
                data["rationale"],
                data["discuss"],
                request.user,
                expected_version=data["version"],
            )
    except guards.Refused as refusal:
        return _refused(request, trio, assessment, category, {"agree_form": form}, refusal)
    except placing.Conflict as conflict:
        # Keep what this person typed, now based on the saved version.
        bound = {"agree_form": form.on_version(conflict.current.version), "conflict": conflict}
    except ValidationError as error:
        form.add_error(None, error)
    if form.errors:
        bound = {"agree_form": form}
    return _fader_saved(request, trio, assessment, category, bound)


@login_required
@require_POST
def dissent(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    trio = access.get_trio_for_member(request, pk)
    assessment = placing.current_assessment(trio)
    category = access.get_category(assessment, key)
    form = DissentForm(request.POST, category=category)
    try:
        guards.check(assessment, Action.DISSENT)
        if form.is_valid():
            agreed = assessment.agreed_positions.select_related("assessment__trio").get(
                category=category
            )
            placing.dissent(agreed, request.user, form.cleaned_data["note"])
    except guards.Refused as refusal:
        return _refused(request, trio, assessment, category, {"dissent_form": form}, refusal)
    except ValidationError as error:
        form.add_error(None, error)
    bound = {"dissent_form": form} if form.errors else {}
    return _fader_saved(request, trio, assessment, category, bound)


@login_required
@require_POST
def reveal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    try:
        placing.reveal(assessment, by=request.user)
    except guards.Refused as refusal:
        messages.error(request, refusal.message)
        context = _context(request, _page(request, trio, assessment))
        return render(request, "panel/trio_panel.html", context, status=409)
    messages.success(request, _("The positions are revealed inside the trio. Now agree together."))
    return redirect("panel:trio_panel", trio.pk)


def _download_name(trio: Trio, assessment: Assessment, extension: str) -> str:
    return f"mengpaneel-{slugify(trio.municipality.name)}-{assessment.date:%Y-%m-%d}.{extension}"


@login_required
@require_GET
def trio_panel_svg(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    picture = _page(request, trio, assessment).drawing()
    svg = drawing.render_svg(picture, standalone=True, id_prefix="panel")
    response = HttpResponse(svg, content_type="image/svg+xml")
    name = _download_name(trio, assessment, "svg")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def trio_panel_png(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    picture = _page(request, trio, assessment).drawing()
    response = HttpResponse(drawing.render_png(picture), content_type="image/png")
    name = _download_name(trio, assessment, "png")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def compare(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_comparison(request, slug)
    trios = list(access.comparable_trios(edition, request.user).order_by("municipality__name"))
    mine = set(edition.trios.with_member(request.user).values_list("pk", flat=True))
    overlay = request.GET.get("weergave") == OVERLAY
    shown = presenting.comparison(trios, mine, overlay=overlay)
    context = {
        "edition": edition,
        "panels": shown.panels,
        "overlay": overlay,
        "overlay_value": OVERLAY,
        "overlay_svg": shown.overlay_svg,
        "overlaid": shown.overlaid,
        "not_overlaid": shown.not_overlaid,
        "table": shown.table,
        "is_organiser": edition.is_organised_by(request.user),
    }
    return render(request, "panel/compare.html", context)
