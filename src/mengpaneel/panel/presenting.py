"""The one presentation of a panel: what every page that shows one reads.

A panel is shown as fader views (``FaderView``): the fader, its agreed position (the knob),
the people's marks, whether they are far apart, and the earlier moment's position (the
ghost). The trio's panel page, the comparison, the live boards and the projector all build
their faders here and draw them with ``panel_drawing``, so a panel reads and looks the same
everywhere. Everything is gathered in a bounded number of queries; templates only read the
result (no queries hidden in templates).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from mengpaneel.accounts.models import User
from mengpaneel.panel import drawing
from mengpaneel.panel.constants import ChangeKind
from mengpaneel.panel.forms import AgreeForm, DissentForm, PlacementForm, fader_initial
from mengpaneel.panel.models import (
    AgreedPosition,
    Assessment,
    Category,
    Dissent,
    IndividualPlacement,
    PanelModel,
    PositionChange,
    signed,
)
from mengpaneel.panel.placing import Conflict, PlacementConflict, visible_placements
from mengpaneel.panel.positions import far_apart, previous_positions
from mengpaneel.workshops.models import Trio

# The panel page shows the latest changes; the history page shows all of them, a page at a time.
HISTORY_ON_PANEL = 20
HISTORY_PER_PAGE = 100


@dataclass(frozen=True)
class Person:
    """Someone who places faders: a trio member, or a guest of a live round."""

    key: Hashable  # tells people apart when two share a name
    name: str
    initials: str  # two letters for the dot, before ``person_labels`` makes them unique
    is_guest: bool = False


@dataclass(frozen=True)
class Placement:
    """Where one person put one fader."""

    person: Person
    category_id: int
    position: int | None
    note: str = ""
    version: int = 0  # of a member's placement: what their next save starts from


@dataclass
class Mark:
    """One person's position on one fader, as shown: a labelled dot and words."""

    person: Person
    label: str  # at most two characters, unique on the panel
    position: int | None
    note: str = ""
    value_text: str = ""
    version: int = 0

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def is_guest(self) -> bool:
        return self.person.is_guest

    @property
    def signed(self) -> str:
        return signed(self.position)


@dataclass
class FaderView:
    """One fader of a panel with everything shown about it, and the forms of the page."""

    category: Category
    agreed: AgreedPosition | None  # None: the trio has no panel (yet) in a live round
    marks: list[Mark] = field(default_factory=list)
    dissents: list[Dissent] = field(default_factory=list)
    previous: int | None = None  # the earlier moment's agreed position: the ghost
    place_form: PlacementForm | None = None
    agree_form: AgreeForm | None = None
    dissent_form: DissentForm | None = None
    conflict: Conflict | PlacementConflict | None = None
    refused: str = ""  # why a running live round refused this fader's last save
    saved: bool = False

    @property
    def key(self) -> str:
        return self.category.key

    @property
    def far_apart(self) -> bool:
        """The people who placed this fader are far apart: talk about it first."""
        return far_apart(mark.position for mark in self.marks)

    @property
    def position(self) -> int | None:
        return self.agreed.position if self.agreed is not None else None

    @property
    def discuss(self) -> bool:
        """Marked for discussion: by the trio's flag, or because they were far apart."""
        return bool(self.agreed and self.agreed.discuss) or self.far_apart

    @property
    def agreed_text(self) -> str:
        return self.category.value_text(self.position)

    @property
    def conflict_their_text(self) -> str:
        return self.category.value_text(self.conflict.current.position) if self.conflict else ""

    @property
    def conflict_your_text(self) -> str:
        return self.category.value_text(self.conflict.yours.position) if self.conflict else ""


def initials(name: str) -> str:
    """Two letters for a person's dot: first and last word ("Anna de Vries" → "AV")."""
    words = [word for word in name.split() if word[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def person_labels(people: Iterable[Person]) -> dict[Hashable, str]:
    """Short, unique labels for the people's dots, at most two characters so they fit.

    Initials where they differ; where two people share them, the first letter
    and a number ("A1", "A2").
    """
    labels = {person.key: person.initials for person in people}
    counts = Counter(labels.values())
    seen: Counter[str] = Counter()
    for key, label in labels.items():
        if counts[label] > 1:
            seen[label[0]] += 1
            labels[key] = f"{label[0]}{seen[label[0]]}"
    return labels


def member(user: User) -> Person:
    return Person(("member", user.pk), user.name, initials(user.name or user.email))


def member_placements(placements: Iterable[IndividualPlacement]) -> list[Placement]:
    """Members' placements (fetched with their ``member``) as the presentation reads them."""
    return [
        Placement(member(p.member), p.category_id, p.position, p.note, p.version)
        for p in placements
    ]


def fader_views(
    categories: Iterable[Category],
    agreed: Mapping[int, AgreedPosition],
    placements: Iterable[Placement] = (),
    labels: Mapping[Hashable, str] | None = None,
    *,
    dissents: Mapping[int, list[Dissent]] | None = None,
    previous: Mapping[str, int | None] | None = None,
) -> list[FaderView]:
    """A view of each fader, in the categories' order.

    ``agreed`` is keyed by category id, ``dissents`` by agreed position id; marks follow
    the order of ``placements``, labelled by ``labels`` (``person_labels`` of the people).
    """
    labels = labels if labels is not None else {}
    marks: dict[int, list[Mark]] = defaultdict(list)
    by_pk = {category.pk: category for category in categories}
    for placement in placements:
        category = by_pk.get(placement.category_id)
        if category is None:
            continue
        person = placement.person
        marks[category.pk].append(
            Mark(
                person=person,
                label=labels.get(person.key, "?"),
                position=placement.position,
                note=placement.note,
                value_text=category.value_text(placement.position),
                version=placement.version,
            )
        )
    views = []
    for category in by_pk.values():
        position = agreed.get(category.pk)
        views.append(
            FaderView(
                category=category,
                agreed=position,
                marks=marks[category.pk],
                dissents=(dissents or {}).get(position.pk, []) if position else [],
                previous=(previous or {}).get(category.key),
            )
        )
    return views


def agreed_faders(assessment: Assessment) -> list[FaderView]:
    """Just the agreed positions, from an assessment fetched ``with_panel()``."""
    agreed = list(assessment.agreed_positions.all())
    return fader_views([a.category for a in agreed], {a.category_id: a for a in agreed})


def panel_drawing(
    title: str, faders: Sequence[FaderView], panel_model: PanelModel, *, with_members: bool
) -> drawing.PanelDrawing:
    """The panel as the drawing module draws it: knobs, dots (if asked), marks, ghosts."""
    return drawing.PanelDrawing(
        title=title,
        faders=tuple(
            drawing.FaderDrawing(
                key=f.category.key,
                name=f.category.name,
                top_label=f.category.top,
                bottom_label=f.category.bottom,
                agreed=f.position,
                members=tuple(drawing.MemberMark(m.label, m.position) for m in f.marks)
                if with_members
                else (),
                discuss=f.discuss,
                previous=f.previous,
            )
            for f in faders
        ),
        scale_min=panel_model.scale_min,
        scale_max=panel_model.scale_max,
    )


@dataclass
class PanelPage:
    """A trio's panel page: the faders as ``viewer`` may see and change them."""

    trio: Trio
    assessment: Assessment
    faders: list[FaderView]
    is_member: bool
    can_agree: bool
    members_done: int
    member_count: int

    @property
    def far_apart(self) -> list[FaderView]:
        return [f for f in self.faders if f.far_apart]

    def drawing(self) -> drawing.PanelDrawing:
        title = self.trio.municipality.name
        return panel_drawing(title, self.faders, self.assessment.panel_model, with_members=True)


def _dissents(assessment: Assessment) -> dict[int, list[Dissent]]:
    found: dict[int, list[Dissent]] = defaultdict(list)
    if assessment.is_revealed:
        rows = Dissent.objects.filter(agreed_position__assessment=assessment)
        for dissent in rows.select_related("user"):
            found[dissent.agreed_position_id].append(dissent)
    return found


def build_panel_page(
    trio: Trio,
    assessment: Assessment,
    viewer: User,
    *,
    is_member: bool,
    can_agree: bool,
    bound: Mapping[str, Mapping[str, Any]] | None = None,
) -> PanelPage:
    """Every fader of the assessment with what ``viewer`` may see and change.

    ``bound`` replaces the fresh forms of one fader with submitted ones (to show
    errors or a conflict) and marks it saved; keyed by category key.
    """
    bound = bound or {}
    members = [m.user for m in trio.members.select_related("user").order_by("pk")]
    agreed = AgreedPosition.objects.filter(assessment=assessment).select_related(
        "category", "updated_by"
    )
    agreed_positions = list(agreed.order_by("category__order", "category__pk"))
    faders = fader_views(
        [a.category for a in agreed_positions],
        {a.category_id: a for a in agreed_positions},
        member_placements(visible_placements(assessment, viewer)),
        person_labels(member(user) for user in members),
        dissents=_dissents(assessment),
        previous=previous_positions(assessment),
    )
    for fader in faders:
        _add_forms(fader, assessment, viewer, bound.get(fader.key, {}), is_member, can_agree)
    return PanelPage(
        trio=trio,
        assessment=assessment,
        faders=faders,
        is_member=is_member,
        can_agree=can_agree,
        members_done=_members_done(assessment, len(faders)),
        member_count=len(members),
    )


def _add_forms(
    fader: FaderView,
    assessment: Assessment,
    viewer: User,
    override: Mapping[str, Any],
    is_member: bool,
    can_agree: bool,
) -> None:
    """The forms this person gets for the fader, fresh or as they were submitted."""
    category, model, agreed = fader.category, assessment.panel_model, fader.agreed
    if is_member and not assessment.is_revealed:
        own = next((m for m in fader.marks if m.person.key == member(viewer).key), None)
        fader.place_form = override.get("place_form") or PlacementForm(
            category=category,
            panel_model=model,
            initial=fader_initial(
                own.position if own else None,
                note=own.note if own else "",
                version=own.version if own else 0,
            ),
        )
    if can_agree and assessment.is_revealed and agreed is not None:
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
    fader.refused = override.get("refused", "")
    fader.saved = override.get("saved", False)


def _members_done(assessment: Assessment, category_count: int) -> int:
    """How many members have placed every fader (0 counts as placed)."""
    return (
        assessment.placements.values("member")
        .annotate(count=Count("pk"))
        .filter(count__gte=category_count)
        .count()
    )


@dataclass
class HistoryRow:
    change: PositionChange
    old: str
    new: str
    is_text: bool


def visible_changes(assessment: Assessment, viewer: User) -> QuerySet[PositionChange]:
    """The changes ``viewer`` may see, newest first (others' moves only after the reveal)."""
    return (
        assessment.changes.visible_to(viewer, assessment)
        .select_related("user", "category")
        .order_by("-at", "-pk")
    )


def history(assessment: Assessment, viewer: User) -> tuple[list[HistoryRow], bool]:
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


@dataclass(eq=False)  # told apart by identity: two trios' panels may read alike
class ComparedPanel:
    """One trio in the comparison: its agreed panel, once it has one."""

    trio: Trio
    is_mine: bool
    assessment: Assessment | None = None  # the revealed assessment, or None: nothing agreed
    faders: list[FaderView] = field(default_factory=list)
    drawing: drawing.PanelDrawing | None = None
    svg: str = ""
    text_alternative: str = ""


@dataclass
class ComparedFader:
    """One fader across the overlaid panels: a row of the table under the overlay."""

    category: Category
    cells: list[FaderView]


@dataclass
class Comparison:
    panels: list[ComparedPanel]
    overlaid: list[ComparedPanel]  # on the most used model version: they line up
    not_overlaid: list[ComparedPanel]
    table: list[ComparedFader]
    overlay_svg: str = ""


def comparison(trios: Sequence[Trio], mine: set[int], *, overlay: bool) -> Comparison:
    """The trios' latest agreed panels side by side, and (``overlay``) on top of each other.

    Never a ranking: the panels come in the order of ``trios``.
    """
    latest = Assessment.objects.latest_of_each_trio([t.pk for t in trios]).with_panel()
    assessments = {a.trio_id: a for a in latest}
    panels = []
    for trio in trios:
        panel = ComparedPanel(trio=trio, is_mine=trio.pk in mine)
        assessment = assessments.get(trio.pk)
        if assessment is not None and assessment.is_revealed:
            panel.assessment, panel.faders = assessment, agreed_faders(assessment)
            title, model = trio.municipality.name, assessment.panel_model
            panel.drawing = panel_drawing(title, panel.faders, model, with_members=False)
            panel.svg = drawing.render_svg(panel.drawing, id_prefix=f"t{trio.pk}")
            panel.text_alternative = drawing.text_alternative(panel.drawing)
        panels.append(panel)
    drawn = [p for p in panels if p.assessment is not None]
    # Only panels on one model version line up fader for fader; the most used one is overlaid.
    models = [p.assessment.panel_model for p in drawn if p.assessment is not None]
    common = max(set(models), key=models.count) if models else None
    overlaid = [p for p in drawn if p.assessment and p.assessment.panel_model == common]
    categories = list(common.categories.all()) if common else []
    table = [
        ComparedFader(
            category,
            [next(f for f in p.faders if f.category.pk == category.pk) for p in overlaid],
        )
        for category in categories
    ]
    overlay_svg = ""
    if overlay and overlaid:
        drawings = [p.drawing for p in overlaid if p.drawing is not None]
        overlay_svg = drawing.render_overlay_svg(drawings, id_prefix="o")
    not_overlaid = [p for p in drawn if p not in overlaid]
    return Comparison(panels, overlaid, not_overlaid, table, overlay_svg)
