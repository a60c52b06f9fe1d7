"""What the insights pages show: learning from peers, the moments, the edition overview.

Each builder gathers one page's data in a fixed number of queries; the views only check
access, read the form and render.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet

from mengpaneel.accounts.models import User
from mengpaneel.insights import movement, peers, sharing
from mengpaneel.insights.coherence import RuleBook
from mengpaneel.insights.constants import SIMILAR_PANELS_SHOWN
from mengpaneel.insights.models import CoherenceRule
from mengpaneel.panel import positions as panel_positions
from mengpaneel.panel.models import Assessment, Category
from mengpaneel.panel.positions import positions_of
from mengpaneel.workshops.models import Edition, Meeting, Trio

# Per fader the peers page shows this many different choices; the rest one click away.
DIFFERENT_CHOICES_SHOWN = 8


@dataclass
class FaderPeers:
    category: Category
    position: int | None
    different: list[peers.DifferentChoice]
    shown: list[peers.DifferentChoice]


@dataclass
class PeersPage:
    """Who chose clearly differently on each fader, and whose panel is closest."""

    faders: list[FaderPeers]
    panel_count: int
    other_editions: int
    similar: list[peers.Similarity]
    too_few_in_common: int


def peers_page(
    trio: Trio, assessment: Assessment, viewer: User, *, steps: int, expanded: str = ""
) -> PeersPage:
    """The peers ``viewer`` may see next to ``trio``'s agreed panel (``sharing`` decides).

    ``expanded`` is the key of the fader whose different choices are all shown.
    """
    own = positions_of(assessment)
    visible = sharing.visible_peer_trios(trio, viewer)
    panels = peers.peer_panels(visible, assessment.panel_model.key)
    different = peers.clearly_different(own, panels, steps)
    faders = []
    for agreed in assessment.agreed_positions.all():
        key = agreed.category.key
        found = different.get(key, [])
        shown = found if key == expanded else found[:DIFFERENT_CHOICES_SHOWN]
        faders.append(FaderPeers(agreed.category, agreed.position, found, shown))
    everyone = peers.similarities(own, panels)
    return PeersPage(
        faders=faders,
        panel_count=len(panels),
        other_editions=sum(p.edition_id != trio.edition_id for p in panels),
        similar=everyone[:SIMILAR_PANELS_SHOWN],
        too_few_in_common=len(panels) - len(everyone),
    )


@dataclass
class MomentColumn:
    assessment: Assessment
    positions: dict[str, int | None]
    firing: list[CoherenceRule]


@dataclass
class MomentRow:
    category: Category
    cells: list[movement.Move]


@dataclass
class Moments:
    """A trio's moments side by side, fader by fader, with what moved."""

    columns: list[MomentColumn]
    rows: list[MomentRow]
    moves: list[movement.Move]  # from the last agreed moment but one to the last
    categories: dict[str, Category]
    may_start: bool  # the latest moment is revealed (or there is none): a new one may start
    free_meetings: QuerySet[Meeting]  # meetings without a moment of this trio yet


def moments_of(trio: Trio) -> Moments:
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
    return Moments(
        columns=columns,
        rows=rows,
        moves=movement.moves(agreed[-2].positions, agreed[-1].positions) if len(agreed) > 1 else [],
        categories={c.key: c for c in categories},
        may_start=not moments or moments[-1].is_revealed,
        free_meetings=trio.edition.meetings.exclude(pk__in=taken),
    )


@dataclass
class ComparisonRow:
    trio: Trio
    assessment: Assessment
    moves: list[movement.Move]
    firing: list[CoherenceRule]
    is_own: bool
    no_earlier_panel: bool = False


@dataclass
class EditionOverview:
    """Every comparable trio's agreed panel at a moment, its rules and its movement."""

    rows: list[ComparisonRow]
    categories: list[Category]
    rule_counts: list[tuple[CoherenceRule, int]]  # how many panels each rule fires for
    own_row: ComparisonRow | None = None
    similar: list[peers.Similarity] = field(default_factory=list)
    compared_with: int = 0


def edition_overview(
    edition: Edition,
    trios: QuerySet[Trio],
    own_ids: set[int],
    *,
    moment: Meeting | None = None,
    since: Meeting | None = None,
) -> EditionOverview:
    """The trios' panels at ``moment`` (or their latest), with the movement ``since``.

    Hundreds of panels: positions are read as plain values, in a fixed number of queries.
    """
    now = list(
        movement.at_meeting(trios, moment, revealed_only=True)
        .select_related("trio__municipality", "meeting", "panel_model")
        .order_by("trio__municipality__name", "trio_id")
    )
    positions = panel_positions.positions_by_assessment(a.pk for a in now)
    before = _positions_at(trios, since) if since is not None else {}
    model_ids = {a.panel_model_id for a in now}
    book = RuleBook.for_models(model_ids)
    categories: dict[str, Category] = {}
    for category in panel_positions.categories_of(model_ids):
        categories.setdefault(category.key, category)
    rows = []
    for assessment in now:
        current = positions.get(assessment.pk, {})
        # Without a panel at the earlier meeting there is no movement to show, only "now".
        earlier = before.get(assessment.trio_id, current)
        rows.append(
            ComparisonRow(
                trio=assessment.trio,
                assessment=assessment,
                moves=movement.moves(earlier, current, categories),
                firing=book.firing_for(assessment.panel_model_id, current),
                is_own=assessment.trio_id in own_ids,
                no_earlier_panel=since is not None and assessment.trio_id not in before,
            )
        )
    overview = EditionOverview(rows, list(categories.values()), _rule_counts(rows))
    overview.own_row = next((row for row in rows if row.is_own), None)
    if overview.own_row is not None:
        others = _peers_in(edition, rows, positions, overview.own_row)
        overview.compared_with = len(others)
        own = positions.get(overview.own_row.assessment.pk, {})
        overview.similar = peers.most_similar(own, others)
    return overview


def _positions_at(trios: QuerySet[Trio], meeting: Meeting) -> dict[int, dict[str, int | None]]:
    """Each trio's agreed positions at ``meeting``, by trio id."""
    earlier = list(
        movement.at_meeting(trios, meeting, revealed_only=True).values_list("pk", "trio_id")
    )
    found = panel_positions.positions_by_assessment(pk for pk, _trio in earlier)
    return {trio_id: found.get(pk, {}) for pk, trio_id in earlier}


def _rule_counts(rows: Iterable[ComparisonRow]) -> list[tuple[CoherenceRule, int]]:
    """Each rule that fires somewhere, with the number of panels it fires for, in rule order."""
    rows = list(rows)
    rules = {rule.pk: rule for row in rows for rule in row.firing}
    counts = Counter(rule.pk for row in rows for rule in row.firing)
    ordered = sorted(counts, key=lambda pk: (rules[pk].order, rules[pk].key))
    return [(rules[pk], counts[pk]) for pk in ordered]


def _peers_in(
    edition: Edition,
    rows: Sequence[ComparisonRow],
    positions: dict[int, dict[str, int | None]],
    own: ComparisonRow,
) -> list[peers.PeerPanel]:
    """The other rows on the own panel's model, as peers to compare with."""
    own_key = own.assessment.panel_model.key
    return [
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
