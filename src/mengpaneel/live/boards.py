"""What the pages of a live round show, read in a fixed number of queries.

``trio_board`` is a participant's view of their own trio; ``room_board`` is the
projector's view of every trio. Before the reveal the room board holds counts
only ("2 of 3 done"), never a position. Panels are shown as the panel page shows
them (``panel.presenting``), with the guests' marks beside the members'.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, QuerySet
from django.http import QueryDict

from mengpaneel.insights.coherence import RuleBook
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.live.constants import PHASE_ORDER, Phase
from mengpaneel.live.models import Guest, GuestPlacement, LiveRound, RoundAssessment
from mengpaneel.live.participation import Participant
from mengpaneel.panel import drawing, presenting
from mengpaneel.panel.forms import AgreeForm, PlacementForm, fader_initial
from mengpaneel.panel.models import Assessment, Category, IndividualPlacement, PanelModel
from mengpaneel.panel.positions import far_apart
from mengpaneel.panel.presenting import FaderView
from mengpaneel.workshops.models import Trio, TrioMember


@dataclass
class Person:
    name: str
    is_guest: bool
    guest_pk: int | None = None


def categories_of(live_round: LiveRound) -> list[Category]:
    return list(live_round.panel_model.categories.all())


def people_of(live_round: LiveRound, trios: list[Trio]) -> dict[int, list[Person]]:
    """Members and active guests per trio (two queries)."""
    people: dict[int, list[Person]] = defaultdict(list)
    members = TrioMember.objects.filter(trio__in=trios).select_related("user")
    for member in members.order_by("user__name"):
        people[member.trio_id].append(Person(member.user.name, is_guest=False))
    guests = Guest.objects.active().filter(live_round=live_round, trio__in=trios)
    for guest in guests.order_by("created_at"):
        people[guest.trio_id].append(Person(guest.name, is_guest=True, guest_pk=guest.pk))
    return people


def _assessments(live_round: LiveRound, trios: list[Trio]) -> dict[int, Assessment]:
    links = RoundAssessment.objects.filter(live_round=live_round, trio__in=trios)
    ids = list(links.values_list("assessment_id", flat=True))
    found = Assessment.objects.with_panel().filter(pk__in=ids)
    return {assessment.trio_id: assessment for assessment in found}


def guest(guest: Guest) -> presenting.Person:
    return presenting.Person(
        ("guest", guest.pk), guest.name, presenting.initials(guest.name), is_guest=True
    )


def fader_rows(live_round: LiveRound, assessment: Assessment | None) -> list[FaderView]:
    """Each fader with everybody's mark (members, then active guests) and the agreed position."""
    categories = categories_of(live_round)
    if assessment is None:
        return presenting.fader_views(categories, {})
    placements = presenting.member_placements(
        assessment.placements.select_related("member").order_by("member__name")
    )
    guest_placements = GuestPlacement.objects.filter(
        assessment=assessment, guest__removed_at__isnull=True
    ).select_related("guest")
    for placement in guest_placements.order_by("guest__created_at"):
        placements.append(
            presenting.Placement(guest(placement.guest), placement.category_id, placement.position)
        )
    # Labelled as on the trio's panel page: every member, then the guests, told apart.
    members = TrioMember.objects.filter(trio=assessment.trio_id).select_related("user")
    people = [presenting.member(m.user) for m in members.order_by("pk")]
    people += [p.person for p in placements if p.person.is_guest]
    labels = presenting.person_labels(people)
    agreed = {a.category_id: a for a in assessment.agreed_positions.all()}
    return presenting.fader_views(categories, agreed, placements, labels)


def panel_svg(
    assessment: Assessment | None,
    *,
    title: str,
    faders: list[FaderView] | None = None,
    id_prefix: str,
) -> str:
    """The trio's panel as the panel page draws it; with ``faders`` (``fader_rows``),
    everybody's marks too, guests included. Empty when there is nothing to draw."""
    if assessment is None:
        return ""
    shown = presenting.agreed_faders(assessment) if faders is None else faders
    picture = presenting.panel_drawing(
        title, shown, assessment.panel_model, with_members=faders is not None
    )
    return drawing.render_svg(picture, id_prefix=id_prefix)


@dataclass
class TrioSummary:
    """One trio as the projector shows it: counts before the reveal, the panel after."""

    trio: Trio
    people: list[Person]
    headcount: int | None = None  # set instead of ``people`` where names are not shown
    done: int = 0
    far_apart: int = 0
    agreed: int = 0
    assessment: Assessment | None = None
    drawing: str = ""
    rules: list[CoherenceRule] = field(default_factory=list)
    positions: list[tuple[str, str]] = field(default_factory=list)
    kept_in_trio: bool = False  # agreed, but the trio does not share its panel with the room

    @property
    def size(self) -> int:
        return self.headcount if self.headcount is not None else len(self.people)


def _done_counts(live_round: LiveRound, category_count: int) -> dict[int, int]:
    """Per trio, how many people have placed every fader (0 counts, unplaced does not)."""
    done: dict[int, int] = defaultdict(int)
    links = RoundAssessment.objects.filter(live_round=live_round)
    members = (
        IndividualPlacement.objects.filter(
            assessment__in=links.values("assessment"), position__isnull=False
        )
        .values("assessment__trio", "member")
        .annotate(placed=Count("pk"))
    )
    for row in members:
        if row["placed"] >= category_count:
            done[row["assessment__trio"]] += 1
    guests = (
        GuestPlacement.objects.filter(
            guest__live_round=live_round, guest__removed_at__isnull=True, position__isnull=False
        )
        .values("guest__trio", "guest")
        .annotate(placed=Count("pk"))
    )
    for guest_row in guests:
        if guest_row["placed"] >= category_count:
            done[guest_row["guest__trio"]] += 1
    return done


def _far_apart_counts(live_round: LiveRound) -> dict[int, int]:
    """Per trio, the number of faders where people are far apart (two aggregate queries)."""
    spread: dict[tuple[int, int], tuple[int, int]] = {}

    def widen(key: tuple[int, int], low: int, high: int) -> None:
        old = spread.get(key)
        spread[key] = (low, high) if old is None else (min(old[0], low), max(old[1], high))

    links = RoundAssessment.objects.filter(live_round=live_round)
    members = (
        IndividualPlacement.objects.filter(
            assessment__in=links.values("assessment"), position__isnull=False
        )
        .values("assessment__trio", "category")
        .annotate(low=Min("position"), high=Max("position"))
    )
    for row in members:
        widen((row["assessment__trio"], row["category"]), row["low"], row["high"])
    guests = (
        GuestPlacement.objects.filter(
            guest__live_round=live_round, guest__removed_at__isnull=True, position__isnull=False
        )
        .values("guest__trio", "category")
        .annotate(low=Min("position"), high=Max("position"))
    )
    for guest_row in guests:
        widen(
            (guest_row["guest__trio"], guest_row["category"]), guest_row["low"], guest_row["high"]
        )
    counts: dict[int, int] = defaultdict(int)
    for (trio_id, _category), (low, high) in spread.items():
        if far_apart((low, high)):
            counts[trio_id] += 1
    return counts


def headcounts(live_round: LiveRound) -> dict[int, int]:
    """Members and active guests per trio, counted by the database (two queries)."""
    counts: dict[int, int] = defaultdict(int)
    edition_trios = Trio.objects.filter(edition=live_round.meeting.edition_id)
    members = (
        TrioMember.objects.filter(trio__in=edition_trios).values("trio").annotate(n=Count("pk"))
    )
    guests = (
        Guest.objects.active().filter(live_round=live_round).values("trio").annotate(n=Count("pk"))
    )
    for row in [*members, *guests]:
        counts[row["trio"]] += row["n"]
    return counts


def room_board(live_round: LiveRound, *, with_names: bool = False) -> list[TrioSummary]:
    """Every trio of the round's edition, as the projector shows it in the current phase.

    The projector shows head counts only; the organiser's controls (``with_names``) list
    who joined, to remove a guest. From the plenary on, the projector shows a trio's panel
    only when the trio shares it (``Trio.shares_panel``): the whole room sees the projector.
    The organiser's controls show every panel, as organisers see all of their edition."""
    trios = list(live_round.meeting.edition.trios.select_related("municipality"))
    if with_names:
        people = people_of(live_round, trios)
        summaries = [TrioSummary(trio, people.get(trio.pk, [])) for trio in trios]
    else:
        counts = headcounts(live_round)
        summaries = [TrioSummary(trio, [], headcount=counts[trio.pk]) for trio in trios]
    phase = live_round.phase
    categories = categories_of(live_round)
    if phase == Phase.ALONE:
        done = _done_counts(live_round, len(categories))
        for summary in summaries:
            summary.done = done.get(summary.trio.pk, 0)
        return summaries
    assessments = _assessments(live_round, trios)
    for summary in summaries:
        summary.assessment = assessments.get(summary.trio.pk)
    if phase == Phase.REVEAL:
        far_apart = _far_apart_counts(live_round)
        for summary in summaries:
            summary.far_apart = far_apart.get(summary.trio.pk, 0)
    elif phase == Phase.AGREE:
        for summary in summaries:
            if summary.assessment:
                summary.agreed = sum(
                    1 for a in summary.assessment.agreed_positions.all() if a.position is not None
                )
    elif phase in (Phase.PLENARY, Phase.REFLECT, Phase.CLOSED):
        book = None
        if phase == Phase.REFLECT:
            book = RuleBook.for_assessments([s.assessment for s in summaries if s.assessment])
        for summary in summaries:
            if summary.assessment is None:
                continue
            if not with_names and not summary.trio.shares_panel:
                summary.kept_in_trio = True
                continue
            summary.drawing = panel_svg(
                summary.assessment,
                title=summary.trio.municipality.name,
                id_prefix=f"t{summary.trio.pk}",
            )
            summary.positions = [
                (fader.category.name, fader.agreed_text)
                for fader in presenting.agreed_faders(summary.assessment)
            ]
            if book is not None:
                summary.rules = book.firing(summary.assessment)
    return summaries


def trio_board(participant: Participant) -> dict[str, Any]:
    """What a participant sees of their own trio in the current phase (a template context)."""
    live_round, trio = participant.live_round, participant.trio
    phase = live_round.phase
    model = live_round.panel_model
    link = (
        RoundAssessment.objects.filter(live_round=live_round, trio=trio)
        .values_list("assessment_id", flat=True)
        .first()
    )
    assessment = Assessment.objects.with_panel().filter(pk=link).first() if link else None
    context: dict[str, Any] = {
        "phase": phase,
        "people": people_of(live_round, [trio]).get(trio.pk, []),
        "assessment": assessment,
    }
    if phase == Phase.ALONE:
        mine: QuerySet[GuestPlacement] | QuerySet[IndividualPlacement]
        if participant.guest is not None:
            mine = GuestPlacement.objects.filter(guest=participant.guest)
        elif assessment is not None:
            mine = IndividualPlacement.objects.filter(
                assessment=assessment, member=participant.member
            )
        else:
            mine = IndividualPlacement.objects.none()
        own = {p.category_id: p for p in mine}
        forms = []
        for category in categories_of(live_round):
            placement = own.get(category.pk)
            initial = fader_initial(
                placement.position if placement else None,
                note=placement.note if placement else "",
                # A guest's placement has no version: a guest has one session only.
                version=getattr(placement, "version", 0),
            )
            forms.append(PlacementForm(category=category, panel_model=model, initial=initial))
        context["place_forms"] = forms
        return context
    rows = fader_rows(live_round, assessment)
    context["rows"] = rows
    if phase == Phase.AGREE and not participant.is_guest:
        context["agree_forms"] = [(row, agree_form(row, model)) for row in rows]
    context["drawing"] = panel_svg(
        assessment, title=trio.municipality.name, faders=rows, id_prefix="mine"
    )
    if phase == Phase.REFLECT and assessment is not None:
        context["rules"] = RuleBook.for_assessments([assessment]).firing(assessment)
    return context


def agree_form(
    fader: FaderView, panel_model: PanelModel, data: QueryDict | None = None
) -> AgreeForm:
    """The agree form of one fader: as saved, or as sent (``data``) on the saved version."""
    agreed = fader.agreed
    if data is not None:
        return AgreeForm(data, category=fader.category, panel_model=panel_model)
    initial = fader_initial(
        agreed.position if agreed else None,
        rationale=agreed.rationale if agreed else "",
        discuss=agreed.discuss if agreed else False,
        version=agreed.version if agreed else 0,
    )
    return AgreeForm(category=fader.category, panel_model=panel_model, initial=initial)


def root_context(live_round: LiveRound) -> dict:
    """What every live page's script needs: the phase names in the reader's language."""
    labels = {value: str(label) for value, label in Phase.choices}
    return {
        "phase_labels_json": json.dumps(labels, ensure_ascii=False),
        "phase_choices": [(phase.value, phase.label) for phase in PHASE_ORDER],
    }
