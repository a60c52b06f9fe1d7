"""Draw an org chart as SVG on the server, and say the same in words.

Meaning is carried by line weight, line style and text, never by colour, so the
chart reads in print and in greyscale:

- a thick border and a dark band naming the way of working: the unit where
  area-based working sits; a dashed band when the official chart does not name it;
- a double border: the executive;
- thick connecting lines and numbered badges: the layers between the two.

Like the panel's drawing (``panel.drawing``, whose SVG primitives and word wrap
this uses) it has no ``style`` attribute or element: the page's CSP forbids them.
Every name is wrapped in Unicode isolates, so a right-to-left name or a stray
direction override cannot reorder the text around it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mengpaneel.orgchart.layers import Distance
from mengpaneel.orgchart.layout import (
    BOX_W,
    FONT,
    LINE_H,
    PAD_X,
    TAG_FONT,
    TAG_LINE,
    TAG_PAD,
    Box,
    Layout,
    lay_out,
)
from mengpaneel.orgchart.outline import Outline, Unit
from mengpaneel.panel.drawing.look import LINE, PAPER
from mengpaneel.panel.drawing.measure import wrap
from mengpaneel.panel.drawing.svg import check_prefix, el, num, svg_root, text_at

MARGIN = 16
LEGEND_FONT, LEGEND_LINE = 12, 16
LEGEND_MIN_W = 360
BADGE_R = 10
THIN, THICK = 1.25, 3.0
INK = "currentColor"
FSI, PDI = "\u2068", "\u2069"


@dataclass(frozen=True)
class ChartDrawing:
    """What is drawn: the outline, the mark and what the band says."""

    title: str
    outline: Outline
    distance: Distance | None = None
    way_of_working: str = ""  # the trio's own name for it, e.g. "kerngericht werken"
    not_named: bool = False


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}"


def band_text(drawing: ChartDrawing) -> str:
    name = drawing.way_of_working or _("area-based working")
    if drawing.not_named:
        return _("%(name)s (not named)") % {"name": name}
    return name


def summary(drawing: ChartDrawing) -> str:
    """One or two sentences: size of the chart and, when marked, the distance."""
    outline = drawing.outline
    parts = [
        ngettext(
            "Org chart with %(count)d unit in %(depth)d layer.",
            "Org chart with %(count)d units in %(depth)d layers.",
            len(outline.units),
        )
        % {"count": len(outline.units), "depth": outline.depth}
    ]
    if drawing.distance is not None:
        parts.append(distance_sentence(drawing.distance, drawing))
    return " ".join(parts)


def distance_sentence(distance: Distance, drawing: ChartDrawing) -> str:
    """The layers between the marked unit and the executive, with their names."""
    names = {
        "area": isolate(distance.area_unit.name),
        "executive": isolate(distance.executive.name),
        "way": isolate(drawing.way_of_working or _("area-based working")),
    }
    if distance.area_unit is distance.executive:
        sentence = _("%(way)s sits at %(executive)s itself.") % names
    elif distance.layers == 0:
        sentence = _("%(way)s sits in %(area)s, directly under %(executive)s.") % names
    else:
        between = ", ".join(isolate(unit.name) for unit in distance.between)
        sentence = ngettext(
            "%(way)s sits in %(area)s; between it and %(executive)s is %(count)d layer: "
            "%(between)s.",
            "%(way)s sits in %(area)s; between it and %(executive)s are %(count)d layers: "
            "%(between)s.",
            distance.layers,
        ) % {**names, "count": distance.layers, "between": between}
    if drawing.not_named:
        sentence += " " + _("The official chart does not name it.")
    return sentence


def render_svg(
    drawing: ChartDrawing,
    *,
    id_prefix: str = "chart",
    standalone: bool = False,
    preview: bool = False,
) -> str:
    """The chart as one ``<svg>``; ``standalone`` makes a file of its own (downloads).

    ``preview=True`` draws a thumbnail for a link to the chart: the shapes, the marks and the
    thick path, but no words (too small to read there, and a 200-unit chart stays light).
    """
    check_prefix(id_prefix)
    distance = drawing.distance
    marked = distance.area_unit if distance else None
    band = _band_lines(drawing)
    layout = lay_out(drawing.outline, marked=marked, band_h=_band_h(band))
    # The legend wraps to the chart's width, but a narrow chart gets room for a readable legend.
    with_legend = not preview and distance is not None
    width = max(layout.width, LEGEND_MIN_W) if with_legend else max(layout.width, BOX_W)
    legend_lines = [
        line
        for sentence in (_legend(drawing) if with_legend else [])
        for line in wrap(sentence, width, LEGEND_FONT, 4)
    ]
    top = MARGIN + len(legend_lines) * LEGEND_LINE + (8 if legend_lines else 0)
    parts: list[str] = [
        text_at(MARGIN, MARGIN + 12 + i * LEGEND_LINE, line, size=LEGEND_FONT, text_anchor="start")
        for i, line in enumerate(legend_lines)
    ]
    on_path = _path_edges(distance)
    parts.append(_edges(layout, on_path, dx=MARGIN, dy=top))
    badges = {unit: n for n, unit in enumerate(distance.between, start=1)} if distance else {}
    boxes = "".join(
        _box(box, drawing, marked, badges, band, dx=MARGIN, dy=top, words=not preview)
        for box in layout.boxes.values()
    )
    # A preview's plain boxes take their look from one group: a 200-unit chart stays light.
    parts.append(el("g", boxes, fill=PAPER, stroke=LINE, stroke_width=THIN) if preview else boxes)
    width += 2 * MARGIN
    height = top + layout.height + MARGIN
    return svg_root(
        "".join(parts),
        width=width,
        height=height,
        title=drawing.title,
        desc=summary(drawing),
        id_prefix=id_prefix,
        standalone=standalone,
        css_class="mp-orgchart-svg",
    )


def _legend(drawing: ChartDrawing) -> list[str]:
    return [
        _("Thick border with a band: where %(way)s sits.") % {"way": isolate(band_text(drawing))},
        _("Double border: the executive. Thick line and numbers: the layers in between."),
    ]


def _path_edges(distance: Distance | None) -> set[tuple[Unit, Unit]]:
    if distance is None:
        return set()
    path = distance.path
    return {(path[i], path[i + 1]) for i in range(len(path) - 1)}


def _edges(layout: Layout, on_path: set[tuple[Unit, Unit]], *, dx: float, dy: float) -> str:
    thin: list[str] = []
    thick: list[str] = []
    for edge in layout.edges:
        points = " ".join(f"{num(x + dx)},{num(y + dy)}" for x, y in edge.points)
        (thick if (edge.parent, edge.child) in on_path else thin).append(points)
    lines = "".join(el("polyline", points=p) for p in thin)
    lines_thick = "".join(el("polyline", points=p) for p in thick)
    out = el("g", lines, fill="none", stroke=LINE, stroke_width=THIN) if thin else ""
    if thick:
        out += el("g", lines_thick, fill="none", stroke=INK, stroke_width=THICK)
    return out


def _band_lines(drawing: ChartDrawing) -> list[str]:
    return wrap(band_text(drawing), BOX_W - 2 * PAD_X - 8, TAG_FONT, 2, bold=True)


def _band_h(lines: list[str]) -> float:
    return len(lines) * TAG_LINE + TAG_PAD


def _box(
    box: Box,
    drawing: ChartDrawing,
    marked: Unit | None,
    badges: dict[Unit, int],
    band: list[str],
    *,
    dx: float,
    dy: float,
    words: bool = True,
) -> str:
    x, y = box.x + dx, box.y + dy
    unit = box.unit
    is_marked = unit is marked
    is_executive = drawing.distance is not None and unit is drawing.distance.executive
    if not words and not (is_marked or is_executive or unit in badges):
        return el("rect", x=x, y=y, width=box.w, height=box.h)
    parts = [
        el(
            "rect",
            x=x,
            y=y,
            width=box.w,
            height=box.h,
            rx=3,
            fill=PAPER,
            stroke=INK if (is_marked or is_executive) else LINE,
            stroke_width=THICK if is_marked else THIN,
        )
    ]
    if is_executive:
        parts.append(
            el(
                "rect",
                x=x + 3,
                y=y + 3,
                width=box.w - 6,
                height=box.h - 6,
                rx=2,
                fill="none",
                stroke=INK,
                stroke_width=THIN,
            )
        )
    band_h = _band_h(band) if is_marked else 0
    text_h = box.h - band_h
    first = y + (text_h - len(box.lines) * LINE_H) / 2 + FONT
    for i, line in enumerate(box.lines if words else []):
        parts.append(
            text_at(
                x + box.w / 2,
                first + i * LINE_H,
                isolate(line),
                size=FONT,
                font_weight="bold" if is_marked or is_executive else None,
            )
        )
    if is_marked:
        parts.append(
            _band(x, y + box.h - band_h, box.w, band if words else [], drawing.not_named, len(band))
        )
    if unit in badges:
        parts.append(_badge(x, y, badges[unit], words=words))
    return el("g", "".join(parts))


def _band(x: float, y: float, w: float, lines: list[str], not_named: bool, line_count: int) -> str:
    """The way of working's name in the marked box: dark, or dashed when not named."""
    height = line_count * TAG_LINE + TAG_PAD - 4
    if not_named:
        band = el(
            "rect",
            x=x + 4,
            y=y,
            width=w - 8,
            height=height,
            fill=PAPER,
            stroke=INK,
            stroke_width=THIN,
            stroke_dasharray="4 3",
        )
        ink = INK
    else:
        band = el("rect", x=x + 4, y=y, width=w - 8, height=height, fill=INK)
        ink = PAPER
    text = "".join(
        text_at(
            x + w / 2,
            y + TAG_PAD / 2 + TAG_FONT - 1 + i * TAG_LINE,
            isolate(line),
            size=TAG_FONT,
            fill=ink,
            font_weight="bold",
        )
        for i, line in enumerate(lines)
    )
    return band + text


def _badge(x: float, y: float, number: int, *, words: bool = True) -> str:
    circle = el("circle", cx=x, cy=y, r=BADGE_R, fill=INK)
    if not words:
        return circle
    return circle + text_at(x, y + 4, str(number), size=11, fill=PAPER, font_weight="bold")


def outline_html(drawing: ChartDrawing) -> SafeString:
    """The text alternative: the outline itself, as nested lists, with the marks in words."""
    distance = drawing.distance
    badges = {unit: n for n, unit in enumerate(distance.between, start=1)} if distance else {}

    def words(unit: Unit) -> str:
        notes = []
        if distance is not None and unit is distance.executive:
            notes.append(_("the executive"))
        if unit in badges:
            notes.append(_("layer %(n)d in between") % {"n": badges[unit]})
        if distance is not None and unit is distance.area_unit:
            notes.append(_("here sits %(way)s") % {"way": band_text(drawing)})
        return f" ({'; '.join(notes)})" if notes else ""

    # Built from the inside out; format_html_join escapes each name.
    def items(units: list[Unit]) -> SafeString:
        return format_html_join(
            "",
            "<li><bdi>{}</bdi>{}{}</li>",
            (
                (unit.name, words(unit), block(unit.children) if unit.children else "")
                for unit in units
            ),
        )

    def block(units: list[Unit]) -> SafeString:
        return format_html('<ul class="mp-outline">{}</ul>', items(units))

    return block(drawing.outline.roots)
