"""All municipalities on one panel: a marker per municipality (shape and fill,
never colour) on shared strips, with a legend; ``render_overlay_svg``."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from mengpaneel.text import isolate

from .data import PanelDrawing, agreed_by_key
from .layout import StripText, make_scale, panel_width, strips
from .look import COL_W, INK, MARGIN, MARKER, MUTED, PAPER, POLE_FONT, SMALL_FONT
from .measure import text_width
from .strip import fader_group, legend, strip_box, strip_foot, top_label, track_defs, use_track
from .svg import check_prefix, clean, el, num, svg_root, text_at
from .words import overlay_text

_SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross", "star")
_FILLS = ("solid", "hollow", "dotted")  # dotted = hollow with a dot in the middle


def _plus_outline(s: float) -> list[tuple[float, float]]:
    a, b = s * 0.4, s * 1.1
    return [(-a, -b), (a, -b), (a, -a), (b, -a), (b, a), (a, a), (a, b), (-a, b), (-a, a),
            (-b, a), (-b, -a), (-a, -a)]  # fmt: skip


def _shape_points(kind: str, x: float, y: float, s: float) -> str | None:
    if kind == "triangle":
        pts = [(0, -s * 1.1), (s * 1.05, s * 0.8), (-s * 1.05, s * 0.8)]
    elif kind == "triangle-down":
        pts = [(0, s * 1.1), (s * 1.05, -s * 0.8), (-s * 1.05, -s * 0.8)]
    elif kind == "diamond":
        pts = [(0, -s * 1.25), (s * 1.05, 0), (0, s * 1.25), (-s * 1.05, 0)]
    elif kind == "plus":
        pts = _plus_outline(s)
    elif kind == "cross":
        c = math.cos(math.pi / 4)  # the plus, turned an eighth
        pts = [(px * c - py * c, px * c + py * c) for px, py in _plus_outline(s)]
    elif kind == "star":
        pts = []
        for i in range(10):
            radius = s * 1.25 if i % 2 == 0 else s * 0.55
            angle = -math.pi / 2 + i * math.pi / 5
            pts.append((radius * math.cos(angle), radius * math.sin(angle)))
    else:
        return None
    return " ".join(f"{num(x + px)},{num(y + py)}" for px, py in pts)


def _marker(index: int, x: float, y: float, s: float = MARKER) -> str:
    """Municipality ``index``'s marker: a shape, then a fill style, so the first
    24 municipalities each get their own without any colour."""
    kind = _SHAPES[index % len(_SHAPES)]
    fill_style = _FILLS[(index // len(_SHAPES)) % len(_FILLS)]
    paint: dict[str, object]
    if fill_style == "solid":
        paint = {"fill": INK, "stroke": PAPER, "stroke_width": 1.2}
    else:
        paint = {"fill": PAPER, "stroke": INK, "stroke_width": 1.8}
    if kind == "circle":
        shape = el("circle", cx=x, cy=y, r=s, **paint)
    elif kind == "square":
        shape = el("rect", x=x - s * 0.9, y=y - s * 0.9, width=s * 1.8, height=s * 1.8, **paint)
    else:
        shape = el("polygon", points=_shape_points(kind, x, y, s), **paint)
    if fill_style == "dotted":
        shape += el("circle", cx=x, cy=y, r=max(1.5, s * 0.28), fill=INK)
    return shape


def _spread(count: int, cx: float, room: float, pitch: float = 20) -> list[float]:
    pitch = min(pitch, room / max(count, 1))
    return [cx + (i - (count - 1) / 2) * pitch for i in range(count)]


def _no_panels(id_prefix: str) -> str:
    message = _("No panels to show yet.")
    return svg_root(
        text_at(MARGIN, 44, message, size=14, text_anchor="start"),
        width=320.0,
        height=80.0,
        title=_("All panels on one panel"),
        desc=message,
        id_prefix=id_prefix,
        standalone=False,
        css_class="mp-panel mp-panel--overlay",
    )


def render_overlay_svg(panels: list[PanelDrawing], *, id_prefix: str = "o") -> str:
    """Every municipality's agreed positions on one panel, each with its own
    marker shape and a legend. The faders come from the first panel; a panel
    that lacks one of its keys counts as not placed there."""
    check_prefix(id_prefix)
    if not panels:
        return _no_panels(id_prefix)

    base = panels[0]
    faders = base.faders
    agreed = agreed_by_key(panels)
    width = panel_width(faders)
    text = StripText.wrapped(faders)
    any_unplaced = any(positions.get(f.key) is None for positions in agreed for f in faders)

    top_label_y = MARGIN + POLE_FONT + 4
    scale = make_scale(base.scale_min, base.scale_max, text.track_top(top_label_y))
    after_track = scale.below_slot + 10
    unplaced_row_y = after_track + MARKER + 2
    if any_unplaced:
        after_track = unplaced_row_y + MARKER + 4 + SMALL_FONT + 8
    foot = text.foot(after_track)
    strip_bottom = foot.names_end + 12
    legend_top = strip_bottom + 22

    body: list[str] = [track_defs(scale, id_prefix, with_empty=False)]
    for index, fader, x0, cx in strips(faders):
        parts = [strip_box(x0, MARGIN - 4, strip_bottom - MARGIN + 4, emphasised=False)]
        parts.append(top_label(cx, top_label_y, text, index))
        parts.append(use_track(cx, id_prefix))
        groups: dict[int | None, list[int]] = {}
        for panel_index, positions in enumerate(agreed):
            groups.setdefault(positions.get(fader.key), []).append(panel_index)
        for value, members in groups.items():
            if value is None:
                continue
            for x, panel_index in zip(_spread(len(members), cx, COL_W - 56), members, strict=True):
                parts.append(_marker(panel_index, x, scale.y(value)))
        if None in groups:
            for x, panel_index in zip(
                _spread(len(groups[None]), cx, COL_W - 20), groups[None], strict=True
            ):
                parts.append(_marker(panel_index, x, unplaced_row_y))
            parts.append(
                text_at(
                    cx,
                    unplaced_row_y + MARKER + 4 + SMALL_FONT - 2,
                    _("not placed yet"),
                    size=SMALL_FONT,
                    fill=MUTED,
                    font_style="italic",
                )
            )
        parts.append(strip_foot(x0, cx, text, index, foot))
        body.append(fader_group(parts, fader.key))

    legend_items = []
    for panel_index, panel in enumerate(panels):
        label = clean(panel.title)[:60]
        item = text_at(22, 4, label, size=12, text_anchor="start")
        legend_items.append((22 + text_width(label, 12), _marker(panel_index, 8, 0) + item))
    legend_svg, legend_h = legend(legend_items, legend_top, width, row=24)
    body.append(legend_svg)
    height = legend_top + legend_h - 12 + MARGIN

    titles = ", ".join(isolate(clean(p.title)) for p in panels)
    return svg_root(
        "".join(body),
        width=width,
        height=height,
        title=_("All panels on one panel: %(titles)s") % {"titles": titles},
        desc=overlay_text(panels),
        id_prefix=id_prefix,
        standalone=False,
        css_class="mp-panel mp-panel--overlay",
    )
