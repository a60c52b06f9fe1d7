"""Coherence, peers and movement pages. Each view: access helper → form → one write → render."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mengpaneel.insights import movement, peers, sharing
from mengpaneel.insights.coherence import RuleBook
from mengpaneel.insights.forms import (
    ConsentForm,
    DifferenceForm,
    MomentChoiceForm,
    MomentStartForm,
)
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.panel import access as panel_access
from mengpaneel.panel import positions as panel_positions
from mengpaneel.panel.models import Assessment, Category
from mengpaneel.panel.positions import positions_of
from mengpaneel.workshops import access
from mengpaneel.workshops.models import Trio

# Per fader the peers page shows this many different choices; the rest one click away.
DIFFERENT_CHOICES_SHOWN = 8


def _latest(trio: Trio, *, revealed: bool = False) -> Assessment | None:
    assessments = Assessment.objects.for_trio(trio).latest_first().with_panel()
    if revealed:
        assessments = assessments.filter(revealed_at__isnull=False)
    return assessments.first()


@login_required
def trio_coherence(request: HttpRequest, pk: int) -> HttpResponse:
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


@dataclass
class FaderPeers:
    category: Category
    position: int | None
    different: list[peers.DifferentChoice]
    shown: list[peers.DifferentChoice]


@login_required
def trio_peers(request: HttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    assessment = _latest(trio, revealed=True)
    is_member = trio.has_member(request.user)
    context = {
        "trio": trio,
        "edition": trio.edition,
        "assessment": assessment,
        "is_member": is_member,
        "is_organiser": trio.edition.is_organised_by(request.user),
        "consent_form": ConsentForm(
            initial={"across_editions": sharing.consents_across_editions(trio)}
        ),
    }
    if assessment is None:
        return render(request, "insights/trio_peers.html", context)
    panel_model = assessment.panel_model
    form = DifferenceForm(
        request.GET if "steps" in request.GET else None,
        max_steps=panel_model.scale_max - panel_model.scale_min,
    )
    own = positions_of(assessment)
    visible = sharing.visible_peer_trios(trio, request.user)
    panels = peers.peer_panels(visible, panel_model.key)
    different = peers.clearly_different(own, panels, form.chosen_steps)
    expanded = request.GET.get("schuif", "")
    faders = []
    for agreed in assessment.agreed_positions.all():
        key = agreed.category.key
        found = different.get(key, [])
        shown = found if key == expanded else found[:DIFFERENT_CHOICES_SHOWN]
        faders.append(FaderPeers(agreed.category, agreed.position, found, shown))
    everyone = peers.similarities(own, panels)
    context.update(
        {
            "form": form,
            "steps": form.chosen_steps,
            "faders": faders,
            "panel_count": len(panels),
            "other_editions": sum(p.edition_id != trio.edition_id for p in panels),
            "similar": everyone[: peers.SIMILAR_PANELS_SHOWN],
            "too_few_in_common": len(panels) - len(everyone),
        }
    )
    return render(request, "insights/trio_peers.html", context)


@login_required
@require_POST
def sharing_consent(request: HttpRequest, pk: int) -> HttpResponse:
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


@dataclass
class MomentColumn:
    assessment: Assessment
    positions: dict[str, int | None]
    firing: list[CoherenceRule]


@dataclass
class MomentRow:
    category: Category
    cells: list[movement.Move]


def _moments_page(request: HttpRequest, trio: Trio, form: MomentStartForm | None = None):
    moments = list(movement.moments(trio))
    book = RuleBook.for_assessments(moments)
    columns = [MomentColumn(m, positions_of(m), book.firing(m)) for m in moments]
    # Rows follow the latest moment's faders; each cell is the move from the column before.
    categories = [a.category for a in moments[-1].agreed_positions.all()] if moments else []
    # A moment still being placed has no agreed panel yet: it moves nothing, and the
    # next agreed moment is compared with the one before it.
    agreed = [column for column in columns if column.assessment.is_revealed]
    rows = []
    for category in categories:
        cells, before = [], None
        for column in columns:
            after = column.positions.get(category.key)
            if column.assessment.is_revealed:
                cells.append(movement.Move(category.key, before, after))
                before = after
            else:
                cells.append(movement.Move(category.key, after, after))
        rows.append(MomentRow(category, cells))
    taken = {m.meeting_id for m in moments if m.meeting_id}
    meetings = trio.edition.meetings.exclude(pk__in=taken)
    latest = moments[-1] if moments else None
    context = {
        "trio": trio,
        "edition": trio.edition,
        "columns": columns,
        "rows": rows,
        "may_start": latest is None or latest.is_revealed,
        "form": form or MomentStartForm(meetings=meetings),
        "moves": (
            movement.moves(agreed[-2].positions, agreed[-1].positions) if len(agreed) > 1 else []
        ),
        "categories": {c.key: c for c in categories},
    }
    return render(request, "insights/trio_moments.html", context, status=200)


@login_required
def trio_moments(request: HttpRequest, pk: int) -> HttpResponse:
    trio = access.get_trio_for_user(request, pk)
    return _moments_page(request, trio)


@login_required
@require_POST
def moment_start(request: HttpRequest, pk: int) -> HttpResponse:
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


@dataclass
class ComparisonRow:
    trio: Trio
    assessment: Assessment
    moves: list[movement.Move]
    firing: list[CoherenceRule]
    is_own: bool
    no_earlier_panel: bool = False


@login_required
def edition_insights(request: HttpRequest, slug: str) -> HttpResponse:
    edition = access.get_edition_for_user(request, slug)
    is_organiser = edition.is_organised_by(request.user)
    form = MomentChoiceForm(request.GET or None, meetings=edition.meetings.all())
    moment = since = None
    if form.is_bound and form.is_valid():
        moment, since = form.cleaned_data["moment"], form.cleaned_data["since"]
    own_ids = set(edition.trios.with_member(request.user).values_list("pk", flat=True))
    trios = panel_access.comparable_trios(edition, request.user)
    # Hundreds of panels: positions are read as plain values, a fixed number of queries.
    now = list(
        movement.at_meeting(trios, moment, revealed_only=True)
        .select_related("trio__municipality", "meeting", "panel_model")
        .order_by("trio__municipality__name", "trio_id")
    )
    positions = panel_positions.positions_by_assessment(a.pk for a in now)
    before: dict[int, dict[str, int | None]] = {}
    if since is not None:
        earlier = list(
            movement.at_meeting(trios, since, revealed_only=True).values_list("pk", "trio_id")
        )
        earlier_positions = panel_positions.positions_by_assessment(pk for pk, _trio in earlier)
        before = {trio_id: earlier_positions.get(pk, {}) for pk, trio_id in earlier}
    model_ids = {a.panel_model_id for a in now}
    book = RuleBook.for_models(model_ids)
    categories: dict[str, Category] = {}
    for category in panel_positions.categories_of(model_ids):
        categories.setdefault(category.key, category)
    rows = []
    for assessment in now:
        current = positions.get(assessment.pk, {})
        # Without a panel at the earlier meeting there is no movement to show, only "now".
        earlier_here = before.get(assessment.trio_id, current)
        rows.append(
            ComparisonRow(
                trio=assessment.trio,
                assessment=assessment,
                moves=movement.moves(earlier_here, current, categories),
                firing=book.firing_for(assessment.panel_model_id, current),
                is_own=assessment.trio_id in own_ids,
                no_earlier_panel=since is not None and assessment.trio_id not in before,
            )
        )
    rules = {rule.pk: rule for row in rows for rule in row.firing}
    rule_counts = Counter(rule.pk for row in rows for rule in row.firing)
    own_row = next((row for row in rows if row.is_own), None)
    similar, compared_with = [], 0
    if own_row is not None:
        own_key = own_row.assessment.panel_model.key
        others = [
            peers.PeerPanel(
                trio_id=row.trio.pk,
                municipality=row.trio.municipality.name,
                edition=edition.name,
                edition_id=edition.pk,
                date=row.assessment.date,
                positions=positions.get(row.assessment.pk, {}),
            )
            for row in rows
            if not row.is_own and row.assessment.panel_model.key == own_key
        ]
        compared_with = len(others)
        similar = peers.most_similar(positions.get(own_row.assessment.pk, {}), others)
    context = {
        "edition": edition,
        "form": form,
        "moment": moment,
        "since": since,
        "rows": rows,
        "categories": list(categories.values()),
        "rule_counts": [
            (rules[pk], count)
            for pk, count in sorted(
                rule_counts.items(), key=lambda item: (rules[item[0]].order, rules[item[0]].key)
            )
        ],
        "is_organiser": is_organiser,
        "own_row": own_row,
        "similar": similar,
        "compared_with": compared_with,
    }
    return render(request, "insights/edition_insights.html", context)
