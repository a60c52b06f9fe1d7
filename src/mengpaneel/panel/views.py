"""The mixing panel pages: a trio's panel (place, reveal, agree), downloads, comparison.

Every fader form works without JavaScript (post, then redirect back to the
fader); with htmx the same endpoint answers with the fader's partial, plus
out-of-band updates of the drawing and the history.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mengpaneel.panel import access, placing, presenting
from mengpaneel.panel.forms import AgreeForm, DissentForm, PlacementForm
from mengpaneel.panel.models import Assessment, Category
from mengpaneel.panel.positions import previous_positions
from mengpaneel.workshops.models import Trio

OVERLAY = "over-elkaar"


def _page(request: HttpRequest, trio: Trio, assessment: Assessment, bound=None):
    # Only members and the edition's organisers get here (access helpers); both may agree.
    return presenting.build_panel_page(
        trio,
        assessment,
        request.user,
        is_member=trio.has_member(request.user),
        can_agree=True,
        bound=bound,
    )


def _svg(page: presenting.PanelPage, *, standalone: bool = False) -> str:
    from mengpaneel.panel.drawing import render_svg

    return render_svg(_drawing(page), standalone=standalone, id_prefix="panel")


def _drawing(page: presenting.PanelPage):
    return presenting.panel_drawing(
        page.trio.municipality.name,
        page.faders,
        page.assessment.panel_model,
        with_members=True,
        previous=previous_positions(page.assessment),
    )


def _context(request: HttpRequest, page: presenting.PanelPage) -> dict:
    from mengpaneel.panel.drawing import render_svg, text_alternative

    drawing = _drawing(page)  # once: the ghost costs a query
    history, older_history = presenting.history(page.assessment, request.user)
    return {
        "trio": page.trio,
        "edition": page.trio.edition,
        "page": page,
        "assessment": page.assessment,
        "svg": render_svg(drawing, id_prefix="panel"),
        "text_alternative": text_alternative(drawing),
        "history": history,
        "older_history": older_history,
    }


@login_required
@require_GET
def trio_panel(request: HttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    context = _context(request, _page(request, trio, assessment))
    return render(request, "panel/trio_panel.html", context)


@login_required
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
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
    request: HttpRequest,
    trio: Trio,
    assessment: Assessment,
    category: Category,
    bound: dict,
) -> HttpResponse:
    """Answer a fader form: the partial for htmx; otherwise redirect, or the page with errors."""
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
    return render(request, "panel/trio_panel.html", _context(request, page))


@login_required
@require_POST
def place(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    trio = access.get_trio_for_member(request, pk)
    assessment = placing.current_assessment(trio)
    category = access.get_category(assessment, key)
    form = PlacementForm(request.POST, category=category, panel_model=assessment.panel_model)
    if form.is_valid():
        try:
            placing.place(
                assessment,
                request.user,
                category,
                form.cleaned_data["position"],
                form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
    bound = {"place_form": form} if form.errors else {}
    return _fader_saved(request, trio, assessment, category, bound)


@login_required
@require_POST
def agree(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    category = access.get_category(assessment, key)
    model = assessment.panel_model
    form = AgreeForm(request.POST, category=category, panel_model=model)
    bound: dict = {}
    if form.is_valid():
        data = form.cleaned_data
        try:
            placing.agree(
                assessment,
                category,
                data["position"],
                data["rationale"],
                data["discuss"],
                request.user,
                expected_version=data["version"],
            )
        except placing.Conflict as conflict:
            # Keep what this person typed, now based on the saved version: saving
            # again is a choice made after seeing both texts.
            typed = request.POST.copy()
            typed[form.add_prefix("version")] = str(conflict.current.version)
            retry = AgreeForm(typed, category=category, panel_model=model)
            bound = {"agree_form": retry, "conflict": conflict}
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        bound = {"agree_form": form}
    return _fader_saved(request, trio, assessment, category, bound)


@login_required
@require_POST
def dissent(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    trio = access.get_trio_for_member(request, pk)
    assessment = placing.current_assessment(trio)
    category = access.get_category(assessment, key)
    form = DissentForm(request.POST, category=category)
    if form.is_valid():
        agreed = assessment.agreed_positions.select_related("assessment__trio").get(
            category=category
        )
        try:
            placing.dissent(agreed, request.user, form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
    bound = {"dissent_form": form} if form.errors else {}
    return _fader_saved(request, trio, assessment, category, bound)


@login_required
@require_POST
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    placing.reveal(placing.current_assessment(trio), by=request.user)
    messages.success(request, _("The positions are revealed inside the trio. Now agree together."))
    return redirect("panel:trio_panel", trio.pk)


def _download_name(trio: Trio, assessment: Assessment, extension: str) -> str:
    return f"mengpaneel-{slugify(trio.municipality.name)}-{assessment.date:%Y-%m-%d}.{extension}"


@login_required
@require_GET
def trio_panel_svg(request: HttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    page = _page(request, trio, assessment)
    response = HttpResponse(_svg(page, standalone=True), content_type="image/svg+xml")
    name = _download_name(trio, assessment, "svg")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def trio_panel_png(request: HttpRequest, pk: int) -> HttpResponse:
    from mengpaneel.panel.drawing import render_png

    trio = access.get_trio_for_panel(request, pk)
    assessment = placing.current_assessment(trio)
    page = _page(request, trio, assessment)
    response = HttpResponse(render_png(_drawing(page)), content_type="image/png")
    name = _download_name(trio, assessment, "png")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    from mengpaneel.panel.drawing import render_overlay_svg, render_svg, text_alternative

    edition = access.get_edition_for_comparison(request, slug)
    trios = list(access.comparable_trios(edition, request.user).order_by("municipality__name"))
    latest = Assessment.objects.latest_of_each_trio([t.pk for t in trios]).with_panel()
    assessments = {a.trio_id: a for a in latest}
    mine = set(edition.trios.with_member(request.user).values_list("pk", flat=True))
    panels = []
    for trio in trios:
        assessment = assessments.get(trio.pk)
        agreed = assessment is not None and assessment.is_revealed
        faders = presenting.agreed_only(assessment) if agreed else []
        drawing = (
            presenting.panel_drawing(
                trio.municipality.name, faders, assessment.panel_model, with_members=False
            )
            if agreed
            else None
        )
        panels.append(
            {
                "trio": trio,
                "assessment": assessment if agreed else None,
                "faders": faders,
                "drawing": drawing,
                "svg": render_svg(drawing, id_prefix=f"t{trio.pk}") if drawing else "",
                "text_alternative": text_alternative(drawing) if drawing else "",
                "is_mine": trio.pk in mine,
            }
        )
    drawn = [p for p in panels if p["drawing"]]
    # Only panels on one model version line up fader for fader; the most used one is overlaid.
    models = [p["assessment"].panel_model for p in drawn]
    common = max(set(models), key=models.count) if models else None
    overlaid = [p for p in drawn if p["assessment"].panel_model == common]
    overlay = request.GET.get("weergave") == OVERLAY
    categories = list(common.categories.all()) if common else []
    # The same choices as a table: a fader per row, a municipality per column.
    table = [
        {
            "category": category,
            "cells": [
                next(f for f in p["faders"] if f.category.pk == category.pk) for p in overlaid
            ],
        }
        for category in categories
    ]
    context = {
        "edition": edition,
        "panels": panels,
        "overlay": overlay,
        "overlay_value": OVERLAY,
        "overlay_svg": render_overlay_svg([p["drawing"] for p in overlaid], id_prefix="o")
        if overlay and overlaid
        else "",
        "overlaid": overlaid,
        "not_overlaid": [p for p in drawn if p not in overlaid],
        "table": table,
        "is_organiser": edition.is_organised_by(request.user),
    }
    return render(request, "panel/compare.html", context)
