"""What the panel pages show, gathered in a bounded number of queries.

Views call these to turn an assessment into per-fader rows, a drawing and a
history; templates only read the result (no queries hidden in templates).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from mengpaneel.panel.constants import FAR_APART_STEPS, ChangeKind
from mengpaneel.panel.forms import AgreeForm, DissentForm, PlacementForm, fader_initial
from mengpaneel.panel.models import (
    AgreedPosition,
    Assessment,
    Category,
    Dissent,
    IndividualPlacement,
    PositionChange,
    signed,
)
from mengpaneel.panel.placing import Conflict, visible_placements
from mengpaneel.workshops.models import Trio

if TYPE_CHECKING:
    from mengpaneel.panel.drawing import PanelDrawing

# The panel page shows the latest changes; the history page shows all of them, a page at a time.
HISTORY_ON_PANEL = 20
HISTORY_PER_PAGE = 100


@dataclass
class Mark:
    label: str
    name: str
    position: int | None
    note: str = ""
    value_text: str = ""


@dataclass
class FaderView:
    category: Category
    agreed: AgreedPosition
    marks: list[Mark]
    far_apart: bool
    dissents: list[Dissent]
    place_form: PlacementForm | None = None
    agree_form: AgreeForm | None = None
    dissent_form: DissentForm | None = None
    conflict: Conflict | None = None
    saved: bool = False

    @property
    def key(self) -> str:
        return self.category.key

    @property
    def agreed_text(self) -> str:
        return self.category.value_text(self.agreed.position)

    @property
    def conflict_their_text(self) -> str:
        return self.category.value_text(self.conflict.current.position) if self.conflict else ""

    @property
    def conflict_your_text(self) -> str:
        return self.category.value_text(self.conflict.yours.position) if self.conflict else ""


@dataclass
class PanelPage:
    trio: Trio
    assessment: Assessment
    faders: list[FaderView]
    is_member: bool
    can_agree: bool
    members_done: int
    member_count: int
    labels: dict[int, str] = field(default_factory=dict)

    @property
    def far_apart(self) -> list[FaderView]:
        return [f for f in self.faders if f.far_apart]


def initials(name: str) -> str:
    """Two letters for a member's dot: first and last word ("Anna de Vries" → "AV")."""
    words = [word for word in name.split() if word[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def member_labels(users) -> dict[int, str]:
    """Short, unique labels for members' dots, at most two characters so they fit.

    Initials where they differ; where two members share them, the first letter
    and a number ("A1", "A2").
    """
    labels = {user.pk: initials(user.name or user.email) for user in users}
    counts = Counter(labels.values())
    seen: Counter[str] = Counter()
    for pk, label in labels.items():
        if counts[label] > 1:
            seen[label[0]] += 1
            labels[pk] = f"{label[0]}{seen[label[0]]}"
    return labels


def build_panel_page(
    trio: Trio,
    assessment: Assessment,
    viewer,
    *,
    is_member: bool,
    can_agree: bool,
    bound: dict[str, dict[str, Any]] | None = None,
) -> PanelPage:
    """Every fader of the assessment with what ``viewer`` may see and change.

    ``bound`` replaces the fresh forms of one fader with submitted ones (to show
    errors or a conflict) and marks it saved; keyed by category key.
    """
    bound = bound or {}
    model = assessment.panel_model
    members = [m.user for m in trio.members.select_related("user").order_by("pk")]
    labels = member_labels(members)
    placements: dict[int, list[IndividualPlacement]] = defaultdict(list)
    for placement in visible_placements(assessment, viewer):
        placements[placement.category_id].append(placement)
    dissents: dict[int, list[Dissent]] = defaultdict(list)
    if assessment.is_revealed:
        for dissent in Dissent.objects.filter(
            agreed_position__assessment=assessment
        ).select_related("user"):
            dissents[dissent.agreed_position_id].append(dissent)
    agreed_positions = AgreedPosition.objects.filter(assessment=assessment).select_related(
        "category", "updated_by"
    )
    faders = []
    for agreed in agreed_positions.order_by("category__order", "category__pk"):
        category = agreed.category
        shown = placements[category.pk]
        marks = [
            Mark(
                labels.get(p.member_id, "?"),
                p.member.name,
                p.position,
                p.note,
                category.value_text(p.position),
            )
            for p in shown
        ]
        placed = [p.position for p in shown if p.position is not None]
        fader = FaderView(
            category=category,
            agreed=agreed,
            marks=marks,
            far_apart=assessment.is_revealed
            and len(placed) > 1
            and max(placed) - min(placed) >= FAR_APART_STEPS,
            dissents=dissents[agreed.pk],
        )
        override = bound.get(category.key, {})
        if is_member and not assessment.is_revealed:
            own = next((p for p in shown if p.member_id == viewer.pk), None)
            fader.place_form = override.get("place_form") or PlacementForm(
                category=category,
                panel_model=model,
                initial=fader_initial(own.position if own else None, note=own.note if own else ""),
            )
        if can_agree and assessment.is_revealed:
            fader.agree_form = override.get("agree_form") or AgreeForm(
                category=category,
                panel_model=model,
                initial=fader_initial(
                    agreed.position,
                    rationale=agreed.rationale,
                    discuss=agreed.discuss,
                    version=agreed.version,
                ),
            )
        if is_member and assessment.is_revealed:
            mine = next((d for d in fader.dissents if d.user_id == viewer.pk), None)
            fader.dissent_form = override.get("dissent_form") or DissentForm(
                category=category, initial={"note": mine.note if mine else ""}
            )
        fader.conflict = override.get("conflict")
        fader.saved = override.get("saved", False)
        faders.append(fader)

    category_count = len(faders)
    done = (
        assessment.placements.values("member")
        .annotate(count=Count("pk"))
        .filter(count__gte=category_count)
        .count()
    )
    return PanelPage(
        trio=trio,
        assessment=assessment,
        faders=faders,
        is_member=is_member,
        can_agree=can_agree,
        members_done=done,
        member_count=len(members),
        labels=labels,
    )


def panel_drawing(
    title: str,
    faders: list[FaderView],
    model,
    *,
    with_members: bool,
    previous: Mapping[str, int | None] | None = None,
) -> PanelDrawing:
    from mengpaneel.panel.drawing import FaderDrawing, MemberMark, PanelDrawing

    return PanelDrawing(
        title=title,
        faders=tuple(
            FaderDrawing(
                key=f.category.key,
                name=f.category.name,
                top_label=f.category.top,
                bottom_label=f.category.bottom,
                agreed=f.agreed.position,
                members=tuple(MemberMark(m.label, m.position) for m in f.marks)
                if with_members
                else (),
                discuss=f.agreed.discuss or f.far_apart,
                # The earlier moment's agreed position: a ghost with an arrow (issue 4).
                previous=(previous or {}).get(f.category.key),
            )
            for f in faders
        ),
        scale_min=model.scale_min,
        scale_max=model.scale_max,
    )


def agreed_only(assessment: Assessment) -> list[FaderView]:
    """Faders with just the agreed positions, from an assessment fetched ``with_panel()``."""
    return [
        FaderView(category=a.category, agreed=a, marks=[], far_apart=False, dissents=[])
        for a in assessment.agreed_positions.all()
    ]


@dataclass
class HistoryRow:
    change: PositionChange
    old: str
    new: str
    is_text: bool


def visible_changes(assessment: Assessment, viewer) -> QuerySet[PositionChange]:
    """The changes ``viewer`` may see, newest first (others' moves only after the reveal)."""
    return (
        assessment.changes.visible_to(viewer, assessment)
        .select_related("user", "category")
        .order_by("-at", "-pk")
    )


def history(assessment: Assessment, viewer) -> tuple[list[HistoryRow], bool]:
    """The latest changes for the panel page, and whether there are older ones."""
    changes = list(visible_changes(assessment, viewer)[: HISTORY_ON_PANEL + 1])
    return history_rows(changes[:HISTORY_ON_PANEL]), len(changes) > HISTORY_ON_PANEL


def history_rows(changes: Iterable[PositionChange]) -> list[HistoryRow]:
    """Each change with its before and after in words: positions, flags or texts."""
    rows = []
    for change in changes:
        if change.kind in (ChangeKind.INDIVIDUAL, ChangeKind.AGREED):
            old, new = _position_text(change.old_value), _position_text(change.new_value)
            rows.append(HistoryRow(change, old, new, is_text=False))
        elif change.kind == ChangeKind.FLAG:
            rows.append(HistoryRow(change, _flag(change.old_value), _flag(change.new_value), False))
        else:
            rows.append(HistoryRow(change, change.old_value, change.new_value, is_text=True))
    return rows


def _position_text(value: str) -> str:
    if value == "":
        return _("not placed yet")
    return signed(int(value))


def _flag(value: str) -> str:
    return _("to discuss") if value == "true" else _("not flagged")
