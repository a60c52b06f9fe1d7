"""Organisers' pages for panel models: list, look, create (or copy), edit.

Every organiser may look at every model (they choose one per edition). A model
is changed by whoever made it, or by staff; the default model is copied rather
than changed, since every edition shares it. Saving a version that panels use
makes the next version (``versions.save_changes``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.panel import editions as panel_editions
from mengpaneel.panel import versions
from mengpaneel.panel.drawing import FaderDrawing, PanelDrawing, render_svg, text_alternative
from mengpaneel.panel.model_forms import (
    CATEGORIES_PREFIX,
    BaseCategoryFormSet,
    CategoryForm,
    CategoryFormSet,
    EditionModelForm,
    PanelModelForm,
    category_forms,
    typed_values,
)
from mengpaneel.panel.models import PanelModel
from mengpaneel.workshops import access
from mengpaneel.workshops.models import Edition


def _current(key: str) -> PanelModel:
    return get_object_or_404(PanelModel.objects.current(), key=key)


def _preview(panel_model: PanelModel) -> PanelDrawing:
    """The model as an empty panel: every fader unplaced."""
    return PanelDrawing(
        title=panel_model.name,
        faders=tuple(
            FaderDrawing(
                key=category.key,
                name=category.name,
                top_label=category.top,
                bottom_label=category.bottom,
                agreed=None,
            )
            for category in panel_model.categories.all()
        ),
        scale_min=panel_model.scale_min,
        scale_max=panel_model.scale_max,
    )


@login_required
def model_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_organiser(request)
    models = (
        PanelModel.objects.current()
        .annotate(category_count=Count("categories", distinct=True))
        .order_by("name_nl")
    )
    editable = set(PanelModel.objects.filter(created_by=request.user).values_list("key", flat=True))
    rows = [{"model": m, "can_edit": request.user.is_staff or m.key in editable} for m in models]
    return render(request, "panel/model_list.html", {"rows": rows})


@login_required
def model_detail(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    access.require_organiser(request)
    panel_model = _current(key)
    drawing = _preview(panel_model)
    history = (
        PanelModel.objects.filter(key=key)
        .annotate(panel_count=Count("assessments"))
        .order_by("-version")
    )
    editions = panel_editions.editions_using(key, Edition.objects.organised_by(request.user))
    context = {
        "panel_model": panel_model,
        "categories": panel_model.categories.all(),
        "svg": render_svg(drawing, id_prefix="m"),
        "text_alternative": text_alternative(drawing),
        "history": history,
        "editions": editions,
        "can_edit": versions.can_edit(request.user, key),
    }
    return render(request, "panel/model_detail.html", context)


def _with_one_more_fader(data: QueryDict) -> tuple[PanelModelForm, BaseCategoryFormSet]:
    """The posted forms shown again with an empty fader at the end.

    Everything typed comes back as it was, without error messages: the person
    asked for room, not for a check.
    """
    try:
        count = int(data.get(f"{CATEGORIES_PREFIX}-TOTAL_FORMS", 0))
    except ValueError:
        count = 0
    count = max(0, min(count, CategoryFormSet.max_num - 1))
    typed = [
        typed_values(data, CategoryForm, f"{CATEGORIES_PREFIX}-{index}") for index in range(count)
    ]
    categories = category_forms(initial=typed)
    categories.extra = 1
    return PanelModelForm(initial=typed_values(data, PanelModelForm)), categories


def _fresh_forms(
    start: PanelModel | None, *, copy: bool
) -> tuple[PanelModelForm, BaseCategoryFormSet]:
    """Empty forms, or filled with ``start``: the model itself, or (``copy``) its copy."""
    fields, values = versions.model_values(start) if start else ({}, [{}, {}])
    if start is not None and copy:
        # Data in each language, not interface text: hence not translated.
        fields["name_nl"] = f"Kopie van {start.name_nl}"
        fields["name_en"] = f"Copy of {start.name_en}" if start.name_en else ""
    # A new model starts with the two categories it needs at least.
    return PanelModelForm(initial=fields or None), category_forms(initial=values)


def _saved(
    request: AuthenticatedHttpRequest,
    panel_model: PanelModel | None,
    start: PanelModel | None,
    form: PanelModelForm,
    categories: BaseCategoryFormSet,
) -> PanelModel:
    """Create the model or save the changes (a new version when panels use it); say which."""
    values = categories.category_values()
    if panel_model is None:
        created = versions.create_model(
            form.cleaned_data, values, by=request.user, copied_from=start
        )
        messages.success(request, _("The panel model has been created."))
        return created
    saved = versions.save_changes(panel_model, form.cleaned_data, values, by=request.user)
    if saved.pk == panel_model.pk:
        messages.success(request, _("The panel model has been saved."))
    else:
        messages.success(
            request,
            _(
                "Saved as version %(version)s. Panels made with an earlier version "
                "keep theirs; new panels use this one."
            )
            % {"version": saved.version},
        )
    return saved


def _model_form(
    request: AuthenticatedHttpRequest, panel_model: PanelModel | None, start: PanelModel | None
) -> HttpResponse:
    """Shared by create and edit: ``start`` fills an empty form (a copy or the model itself)."""
    if request.method == "POST" and "add_category" in request.POST:
        form, categories = _with_one_more_fader(request.POST)
    elif request.method == "POST":
        form = PanelModelForm(request.POST)
        categories = category_forms(request.POST)
        if form.is_valid() and categories.is_valid():
            saved = _saved(request, panel_model, start, form, categories)
            return redirect("panel:model_detail", saved.key)
    else:
        form, categories = _fresh_forms(start, copy=panel_model is None)
    context = {
        "form": form,
        "categories": categories,
        "panel_model": panel_model,
        "copied_from": start if panel_model is None else None,
        "in_use": panel_model is not None and panel_model.is_in_use(),
    }
    return render(request, "panel/model_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def model_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_organiser(request)
    source_key = request.GET.get("van", "")
    start = PanelModel.objects.current().filter(key=source_key).first() if source_key else None
    return _model_form(request, None, start)


@login_required
@require_http_methods(["GET", "POST"])
def model_edit(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    access.require_organiser(request)
    if not versions.can_edit(request.user, key):
        raise Http404
    panel_model = _current(key)
    return _model_form(request, panel_model, panel_model)


@login_required
@require_http_methods(["GET", "POST"])
def edition_model(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """An organiser chooses the model the edition's new panels use."""
    edition = access.get_edition_for_organiser(request, slug)
    initial = {"panel_model_key": panel_editions.chosen_key(edition)}
    form = EditionModelForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            panel_editions.choose_model(edition, form.cleaned_data["panel_model_key"])
        except ValidationError as error:
            form.add_error("panel_model_key", error)
        else:
            messages.success(request, _("New panels in this edition use the chosen model."))
            return redirect(edition)
    return render(request, "panel/edition_model.html", {"form": form, "edition": edition})
