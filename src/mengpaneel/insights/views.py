"""Coherence, peers and movement pages. Each view: access helper → form → one write → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mengpaneel.http import AuthenticatedHttpRequest
from mengpaneel.insights import movement, presenting, sharing
from mengpaneel.insights.coherence import RuleBook
from mengpaneel.insights.forms import (
    ConsentForm,
    DifferenceForm,
    MomentChoiceForm,
    MomentStartForm,
)
from mengpaneel.panel import access as panel_access
from mengpaneel.panel.models import Assessment
from mengpaneel.workshops import access
from mengpaneel.workshops.models import Trio


def _latest(trio: Trio, *, revealed: bool = False) -> Assessment | None:
    assessments = Assessment.objects.for_trio(trio).latest_first().with_panel()
    if revealed:
        assessments = assessments.filter(revealed_at__isnull=False)
    return assessments.first()


@login_required
def trio_coherence(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    assessment = _latest(trio)
    book = RuleBook.for_assessments([assessment] if assessment else [])
    firing = book.firing(assessment) if assessment else []
    quiet = (
        [r for r in book.rules_for(assessment.panel_model_id) if r not in firing]
        if assessment
        else []
    )
    context = {
        "trio": trio,
        "edition": trio.edition,
        "assessment": assessment,
        "firing": firing,
        "quiet": quiet,
    }
    return render(request, "insights/trio_coherence.html", context)


@login_required
def trio_peers(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    assessment = _latest(trio, revealed=True)
    context: dict[str, Any] = {
        "trio": trio,
        "edition": trio.edition,
        "assessment": assessment,
        "is_member": trio.has_member(request.user),
        "is_organiser": trio.edition.is_organised_by(request.user),
        "consent_form": ConsentForm(
            initial={"across_editions": sharing.consents_across_editions(trio)}
        ),
    }
    if assessment is not None:
        model = assessment.panel_model
        form = DifferenceForm(
            request.GET if "steps" in request.GET else None,
            max_steps=model.scale_max - model.scale_min,
        )
        shown = presenting.peers_page(
            trio,
            assessment,
            request.user,
            steps=form.chosen_steps,
            expanded=request.GET.get("schuif", ""),
        )
        context.update(form=form, steps=form.chosen_steps, **vars(shown))
    return render(request, "insights/trio_peers.html", context)


@login_required
@require_POST
def sharing_consent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    if not trio.has_member(request.user):
        # Consent is the trio's own to give; an organiser cannot give it for them.
        raise Http404
    form = ConsentForm(request.POST)
    form.is_valid()  # a checkbox: absent means "no", nothing else can be wrong
    consent = sharing.record_consent(
        trio, form.cleaned_data.get("across_editions", False), by=request.user
    )
    if consent.across_editions:
        messages.success(request, _("Your panel is now shared with trios of other editions."))
    else:
        messages.success(request, _("Your panel stays within your edition."))
    return redirect("insights:trio_peers", trio.pk)


def _moments_page(
    request: AuthenticatedHttpRequest, trio: Trio, form: MomentStartForm | None = None
) -> HttpResponse:
    moments = presenting.moments_of(trio)
    context = {
        "trio": trio,
        "edition": trio.edition,
        "columns": moments.columns,
        "rows": moments.rows,
        "may_start": moments.may_start,
        "form": form or MomentStartForm(meetings=moments.free_meetings),
        "moves": moments.moves,
        "categories": moments.categories,
    }
    return render(request, "insights/trio_moments.html", context)


@login_required
def trio_moments(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    return _moments_page(request, trio)


@login_required
@require_POST
def moment_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    form = MomentStartForm(request.POST, meetings=trio.edition.meetings.all())
    if form.is_valid():
        try:
            movement.start_moment(trio, form.cleaned_data["meeting"], by=request.user)
        except ValidationError as error:
            form.add_error("meeting", error)
        else:
            messages.success(
                request,
                _("A new moment has started. Each member places the faders alone first."),
            )
            return redirect("insights:trio_moments", trio.pk)
    return _moments_page(request, trio, form)


@login_required
def edition_insights(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_user(request, slug)
    form = MomentChoiceForm(request.GET or None, meetings=edition.meetings.all())
    moment = since = None
    if form.is_bound and form.is_valid():
        moment, since = form.cleaned_data["moment"], form.cleaned_data["since"]
    overview = presenting.edition_overview(
        edition,
        panel_access.comparable_trios(edition, request.user),
        set(edition.trios.with_member(request.user).values_list("pk", flat=True)),
        moment=moment,
        since=since,
    )
    context = {
        "edition": edition,
        "form": form,
        "moment": moment,
        "since": since,
        "is_organiser": edition.is_organised_by(request.user),
        **vars(overview),
    }
    return render(request, "insights/edition_insights.html", context)
