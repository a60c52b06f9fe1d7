"""Where each unit of an org chart goes: a top-down tree that stays legible up to 200 units.

Our own small layout rather than Graphviz (docs/decisions.md): an org chart is a
tree, and a tree needs no general graph layout. The rules:

- Children sit side by side under their parent, which is centred over them, and
  subtrees never overlap (each takes the width of its widest row).
- A parent's children *hang* in an indented column under it instead, when they are
  all leaves and there are at least ``HANG_LEAVES_FROM`` of them, or when side by
  side they would be wider than ``MAX_ROW_WIDTH``. A row that is too wide first lets
  its widest children hang their own children, so the top keeps its familiar shape.
  Real charts are wide at the bottom (dozens of teams); hanging keeps 200 units
  within a screen wide, with the text at full size, instead of shrinking it.
- Boxes of one depth have one height (the tallest name of that depth), so rows line up.

Pure geometry: no SVG here (``drawing`` draws it), tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mengpaneel.orgchart.outline import Outline, Unit
from mengpaneel.panel.drawing.measure import wrap

BOX_W = 160
PAD_X, PAD_Y = 8, 8
FONT, LINE_H = 12, 15
MAX_LINES = 3
TAG_FONT, TAG_LINE, TAG_PAD = 11, 14, 8  # the band inside the marked unit's box
H_GAP = 16  # between subtrees side by side
V_GAP = 36  # between a parent and the row of its children
INDENT = 20  # a hanging column's offset from its parent's left edge
STACK_GAP = 10  # between boxes in a hanging column
FOREST_GAP = 32  # between separate top units
MAX_ROW_WIDTH = 1100
HANG_LEAVES_FROM = 3


@dataclass(eq=False)
class Box:
    unit: Unit
    lines: list[str]
    x: float = 0.0
    y: float = 0.0
    w: float = BOX_W
    h: float = 0.0

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def mid_y(self) -> float:
        return self.y + self.h / 2


@dataclass(eq=False)
class Edge:
    """An orthogonal line from a parent to a child, as points."""

    parent: Unit
    child: Unit
    points: list[tuple[float, float]]


@dataclass
class Layout:
    boxes: dict[Unit, Box]
    edges: list[Edge]
    width: float
    height: float
    hanging: set[Unit] = field(default_factory=set)  # parents whose children hang


@dataclass(eq=False)
class _Subtree:
    """A subtree laid out relative to its own top-left corner."""

    unit: Unit
    width: float
    height: float
    box_x: float  # left edge of the unit's own box
    hangs: bool = False
    children: list[tuple[_Subtree, float, float]] = field(default_factory=list)  # dx, dy


def wrapped_name(unit: Unit) -> list[str]:
    return wrap(unit.name, BOX_W - 2 * PAD_X, FONT, MAX_LINES)


def lay_out(outline: Outline, *, marked: Unit | None = None, band_h: float = 0) -> Layout:
    """Boxes and edges for every unit; ``marked`` gets ``band_h`` more room for its band."""
    lines = {unit: wrapped_name(unit) for unit in outline.units}
    row_h: dict[int, float] = {}
    for unit in outline.units:
        text_h = float(2 * PAD_Y + len(lines[unit]) * LINE_H)
        row_h[unit.depth] = max(row_h.get(unit.depth, 0.0), text_h)
    # Only the marked box grows by its band; its row keeps the height of the others.
    heights = {
        unit: row_h[unit.depth] + (band_h if unit is marked else 0) for unit in outline.units
    }
    hanging: set[Unit] = set()

    placed_as: dict[tuple[Unit, bool], _Subtree] = {}

    def place(unit: Unit, *, hang: bool = False) -> _Subtree:
        # A subtree is laid out relative to itself, so one layout per unit and mode serves
        # every time a too-wide row asks for it again.
        if (unit, hang) not in placed_as:
            placed_as[(unit, hang)] = place_once(unit, hang=hang)
        return placed_as[(unit, hang)]

    def place_once(unit: Unit, *, hang: bool) -> _Subtree:
        own_h = heights[unit]
        if not unit.children:
            return _Subtree(unit, BOX_W, own_h, 0.0)
        subtrees = [place(child) for child in unit.children]
        all_leaves = all(not child.children for child in unit.children)
        if hang or (all_leaves and len(subtrees) >= HANG_LEAVES_FROM):
            hanging.add(unit)
            return _hang(unit, own_h, subtrees)
        # Too wide side by side: let the widest children hang their own children first,
        # so the upper levels keep the familiar shape; hang this unit's only as a last resort.
        while _row_width(subtrees) > MAX_ROW_WIDTH:
            spread = [i for i, s in enumerate(subtrees) if not s.hangs and s.unit.children]
            if not spread:
                hanging.add(unit)
                return _hang(unit, own_h, subtrees)
            widest = max(spread, key=lambda i: subtrees[i].width)
            subtrees[widest] = place(subtrees[widest].unit, hang=True)
        return _row(unit, own_h, subtrees, _row_width(subtrees))

    placed = [place(root) for root in outline.roots]
    boxes: dict[Unit, Box] = {}
    edges: list[Edge] = []
    x = 0.0
    height = 0.0
    for subtree in placed:
        _absolute(subtree, x, 0.0, lines, heights, boxes, edges)
        x += subtree.width + FOREST_GAP
        height = max(height, subtree.height)
    width = x - FOREST_GAP if placed else 0.0
    return Layout(boxes=boxes, edges=edges, width=width, height=height, hanging=hanging)


def _row_width(subtrees: list[_Subtree]) -> float:
    return sum(s.width for s in subtrees) + H_GAP * (len(subtrees) - 1)


def _row(unit: Unit, own_h: float, subtrees: list[_Subtree], row_width: float) -> _Subtree:
    children = []
    dx = 0.0
    for subtree in subtrees:
        children.append((subtree, dx, own_h + V_GAP))
        dx += subtree.width + H_GAP
    first = children[0][1] + subtrees[0].box_x + BOX_W / 2
    last = children[-1][1] + subtrees[-1].box_x + BOX_W / 2
    box_x = (first + last) / 2 - BOX_W / 2
    shift = max(0.0, -box_x)
    children = [(s, cdx + shift, cdy) for s, cdx, cdy in children]
    box_x += shift
    width = max(row_width + shift, box_x + BOX_W)
    height = own_h + V_GAP + max(s.height for s in subtrees)
    return _Subtree(unit, width, height, box_x, hangs=False, children=children)


def _hang(unit: Unit, own_h: float, subtrees: list[_Subtree]) -> _Subtree:
    children = []
    dy = own_h + STACK_GAP
    for subtree in subtrees:
        children.append((subtree, float(INDENT), dy))
        dy += subtree.height + STACK_GAP
    width = max(BOX_W, INDENT + max(s.width for s in subtrees))
    return _Subtree(unit, width, dy - STACK_GAP, 0.0, hangs=True, children=children)


def _absolute(
    subtree: _Subtree,
    x: float,
    y: float,
    lines: dict[Unit, list[str]],
    heights: dict[Unit, float],
    boxes: dict[Unit, Box],
    edges: list[Edge],
) -> Box:
    box = Box(subtree.unit, lines[subtree.unit], x + subtree.box_x, y, BOX_W, heights[subtree.unit])
    boxes[subtree.unit] = box
    child_boxes = [
        _absolute(child, x + dx, y + dy, lines, heights, boxes, edges)
        for child, dx, dy in subtree.children
    ]
    if subtree.hangs:
        trunk = box.x + INDENT / 2
        for child in child_boxes:
            edges.append(
                Edge(
                    box.unit,
                    child.unit,
                    [(trunk, box.bottom), (trunk, child.mid_y), (child.x, child.mid_y)],
                )
            )
    else:
        bar = box.bottom + V_GAP / 2
        for child in child_boxes:
            edges.append(
                Edge(
                    box.unit,
                    child.unit,
                    [(box.cx, box.bottom), (box.cx, bar), (child.cx, bar), (child.cx, child.y)],
                )
            )
    return box
