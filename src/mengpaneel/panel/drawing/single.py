"""One trio's panel: the fader caps, the earlier position's ghost and arrow,
members' dots, the readout under each strip, the legend, and ``render_svg``."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from mengpaneel.text import isolate

from .data import FaderDrawing, MemberMark, PanelDrawing
from .layout import Scale, StripText, make_scale, panel_width, strips
from .look import (
    CAP_H,
    CAP_W,
    DOT_R,
    GHOST_H,
    GHOST_W,
    INK,
    MARGIN,
    MIN_FONT,
    MUTED,
    PAPER,
    POLE_FONT,
    SMALL_FONT,
    TITLE_FONT,
    TITLE_LINE,
)
from .measure import text_width, wrap
from .strip import fader_group, legend, strip_box, strip_foot, top_label, track_defs, use_track
from .svg import check_prefix, clean, el, num, svg_root, text_at, text_lines
from .words import format_position, position_label, text_alternative


def _cap(cx: float, y: float, value: int) -> str:
    """The agreed knob: a solid fader cap with its value on it."""
    return el(
        "g",
        el("rect", x=cx - CAP_W / 2, y=y - CAP_H / 2, width=CAP_W, height=CAP_H, rx=3, fill=INK)
        + el(
            "line",
            x1=cx - CAP_W / 2 + 4,
            y1=y - CAP_H / 2 + 3,
            x2=cx + CAP_W / 2 - 4,
            y2=y - CAP_H / 2 + 3,
            stroke=PAPER,
            stroke_width=1,
        )
        + text_at(cx, y + 5, format_position(value), size=13, fill=PAPER, font_weight="bold"),
        class_="mp-panel__cap",
    )


def _ghost_box(x: float, y: float, width: float, height: float, rx: float) -> str:
    """A hollow, dashed cap: the earlier position, on the strip and in the legend."""
    return el(
        "rect",
        x=x,
        y=y,
        width=width,
        height=height,
        rx=rx,
        fill=PAPER,
        stroke=INK,
        stroke_width=1.5,
        stroke_dasharray="4 3",
    )


def _ghost(cx: float, y: float, value: int) -> str:
    """The earlier position: a dashed, hollow cap."""
    return el(
        "g",
        _ghost_box(cx - GHOST_W / 2, y - GHOST_H / 2, GHOST_W, GHOST_H, rx=3)
        + text_at(cx, y + 4, format_position(value), size=MIN_FONT, fill=MUTED),
        class_="mp-panel__ghost",
    )


def _arrow(x: float, y_from: float, y_to: float) -> str:
    """A vertical arrow from the ghost to the cap (no marker ids needed)."""
    direction = -1 if y_to < y_from else 1
    head = 7
    tip = y_to
    base = tip - direction * head
    return el(
        "g",
        el("line", x1=x, y1=y_from, x2=x, y2=base, stroke=INK, stroke_width=2)
        + el(
            "polygon",
            points=f"{num(x)},{num(tip)} {num(x - 5)},{num(base)} {num(x + 5)},{num(base)}",
            fill=INK,
        ),
        class_="mp-panel__arrow",
    )


def _ghost_and_arrow(cx: float, scale: Scale, fader: FaderDrawing) -> list[str]:
    """The earlier position when it differs, with an arrow to the agreed one
    when there is one and the two are not too close for it."""
    if fader.previous is None or fader.previous == fader.agreed:
        return []
    y_prev = scale.y(fader.previous)
    parts = [_ghost(cx, y_prev, fader.previous)]
    if fader.agreed is not None:
        y_now = scale.y(fader.agreed)
        sign = -1 if y_now < y_prev else 1
        start = y_prev + sign * GHOST_H / 2
        end = y_now - sign * CAP_H / 2
        if abs(end - start) >= 4:
            parts.append(_arrow(cx, start, end))
    return parts


def _flag_icon(x: float, y: float) -> str:
    """A pennant on a pole, 12 wide and 16 high, top-left at (x, y)."""
    return el("line", x1=x + 1, y1=y, x2=x + 1, y2=y + 16, stroke=INK, stroke_width=2) + el(
        "polygon",
        points=f"{num(x + 2)},{num(y)} {num(x + 13)},{num(y + 4)} {num(x + 2)},{num(y + 8)}",
        fill=INK,
    )


def _flag(cx: float, y: float) -> str:
    """ "To discuss" with its pennant, centred over the strip."""
    label = _("to discuss")
    group_w = 16 + text_width(label, SMALL_FONT, bold=True)
    gx = cx - group_w / 2
    return el(
        "g",
        _flag_icon(gx, y)
        + text_at(gx + 16, y + 12, label, size=SMALL_FONT, text_anchor="start", font_weight="bold"),
        class_="mp-panel__flag",
    )


def _member_circle(x: float, y: float, r: float, *, placed: bool) -> str:
    """A member's ring; dashed when they have not placed the fader."""
    return el(
        "circle",
        cx=x,
        cy=y,
        r=r,
        fill=PAPER,
        stroke=INK,
        stroke_width=1.5,
        stroke_dasharray=None if placed else "3 2",
    )


def _member_dot(x: float, y: float, label: str, *, placed: bool) -> str:
    short = clean(label)[:2]
    return el(
        "g",
        _member_circle(x, y, DOT_R, placed=placed)
        + text_at(x, y + 4, short, size=MIN_FONT, font_weight="bold"),
        class_="mp-panel__member",
    )


def _member_marks(cx: float, scale: Scale, members: Sequence[MemberMark], unplaced_y: float) -> str:
    """Dots to the right of the track; members on the same step sit side by
    side, two to a row, so a whole trio on one step still fits the strip."""
    parts: list[str] = []
    by_position: dict[int, list[MemberMark]] = {}
    for member in members:
        if member.position is not None:
            by_position.setdefault(member.position, []).append(member)
    pitch = 2 * DOT_R + 2  # dots never touch each other
    left = cx + CAP_W / 2 + 2 + DOT_R  # nor the agreed knob, and two stay inside the strip
    for position, group in by_position.items():
        rows = (len(group) + 1) // 2
        for i, member in enumerate(group):
            row, col = divmod(i, 2)
            y = scale.y(position) + (row - (rows - 1) / 2) * pitch
            parts.append(_member_dot(left + col * pitch, y, member.label, placed=True))
    unplaced = [m for m in members if m.position is None]
    for i, member in enumerate(unplaced):
        row, col = divmod(i, 2)
        x, y = left + col * pitch, unplaced_y + row * pitch
        parts.append(_member_dot(x, y, member.label, placed=False))
    return "".join(parts)


def _readout(cx: float, y: float, fader: FaderDrawing) -> str:
    """The value in words under the name; unplaced gets a dashed, empty box so
    it can never be mistaken for a deliberate 0."""
    label = position_label(fader.agreed)
    if fader.agreed is None:
        box_attrs: dict[str, object] = {"stroke_dasharray": "4 3", "stroke_width": 1.5}
        text_attrs: dict[str, object] = {"font_style": "italic"}
    else:
        box_attrs = {"stroke_width": 1.5}
        text_attrs = {"font_weight": "bold"}
    width = max(44.0, text_width(label, 12, bold=fader.agreed is not None) + 16)
    parts = [
        el(
            "rect",
            x=cx - width / 2,
            y=y,
            width=width,
            height=22,
            rx=3,
            fill=PAPER,
            stroke=INK,
            **box_attrs,
        ),
        text_at(cx, y + 15, label, size=12, **text_attrs),
    ]
    if fader.previous is not None:
        parts.append(
            text_at(
                cx,
                y + 37,
                _("earlier: %(position)s") % {"position": format_position(fader.previous)},
                size=SMALL_FONT,
                fill=MUTED,
            )
        )
    return el("g", "".join(parts), class_="mp-panel__readout")


def _legend_item(icon: str, icon_width: float, label: str) -> tuple[float, str]:
    text = text_at(icon_width + 6, 4, label, size=SMALL_FONT, text_anchor="start")
    return icon_width + 6 + text_width(label, SMALL_FONT), icon + text


def _panel_legend(panel: PanelDrawing) -> list[tuple[float, str]]:
    """Only the symbols this panel uses, so a printed panel explains itself."""
    faders = panel.faders
    items = []
    if any(f.agreed is not None for f in faders):
        icon = el("rect", x=0, y=-7, width=24, height=14, rx=2, fill=INK)
        items.append(_legend_item(icon, 24, _("agreed position")))
    if any(f.previous is not None for f in faders):
        icon = (
            _ghost_box(0, -6, 22, 12, rx=2)
            + el("line", x1=26, y1=0, x2=34, y2=0, stroke=INK, stroke_width=2)
            + el("polygon", points="41,0 34,-4 34,4", fill=INK)
        )
        items.append(_legend_item(icon, 42, _("earlier position")))
    members = [m for f in faders for m in f.members]
    if any(m.position is not None for m in members):
        icon = _member_circle(8, 0, 7, placed=True)
        items.append(_legend_item(icon, 16, _("member")))
    if any(m.position is None for m in members):
        icon = _member_circle(8, 0, 7, placed=False)
        items.append(_legend_item(icon, 16, _("member, not placed yet")))
    if any(f.discuss for f in faders):
        items.append(_legend_item(_flag_icon(0, -8), 14, _("to discuss")))
    return items


def render_svg(panel: PanelDrawing, *, standalone: bool = False, id_prefix: str = "p") -> str:
    """The panel as an SVG string, safe to inline (no styles, all text escaped).

    ``standalone`` makes a file of its own (XML declaration, white background,
    fixed font and ink colour) for downloads and PNG conversion.
    """
    check_prefix(id_prefix)
    faders = panel.faders
    width = panel_width(faders)
    title_lines = wrap(panel.title, width - 2 * MARGIN, TITLE_FONT, max_lines=3, bold=True)
    text = StripText.wrapped(faders)
    unplaced_members = max(
        (sum(1 for m in f.members if m.position is None) for f in faders), default=0
    )
    any_previous = any(f.previous is not None for f in faders)

    y = MARGIN
    title_y = y + TITLE_FONT
    y += len(title_lines) * TITLE_LINE + 10
    strip_top = y
    flag_y = strip_top + 8
    # The flag row is kept only when some fader carries a flag.
    top_label_y = (flag_y + 24 if any(f.discuss for f in faders) else strip_top + 8) + POLE_FONT
    scale = make_scale(panel.scale_min, panel.scale_max, text.track_top(top_label_y))
    unplaced_y = scale.below_slot + 4 + DOT_R
    after_track = scale.below_slot + 10
    if unplaced_members:
        after_track = unplaced_y + ((unplaced_members + 1) // 2 - 1) * (2 * DOT_R + 2) + DOT_R + 8
    foot = text.foot(after_track)
    readout_y = foot.names_end + 10
    strip_bottom = readout_y + 22 + (20 if any_previous else 0) + 10
    legend_top = strip_bottom + 22

    body: list[str] = [
        track_defs(scale, id_prefix, with_empty=any(f.agreed is None for f in faders)),
        text_lines(
            MARGIN,
            title_y,
            title_lines,
            size=TITLE_FONT,
            line_height=TITLE_LINE,
            text_anchor="start",
            font_weight="bold",
        ),
    ]
    for index, fader, x0, cx in strips(faders):
        parts = [strip_box(x0, strip_top, strip_bottom - strip_top, emphasised=fader.discuss)]
        if fader.discuss:
            parts.append(_flag(cx, flag_y))
        parts.append(top_label(cx, top_label_y, text, index))
        parts.append(use_track(cx, id_prefix, empty=fader.agreed is None))
        parts.extend(_ghost_and_arrow(cx, scale, fader))
        if fader.agreed is not None:
            parts.append(_cap(cx, scale.y(fader.agreed), fader.agreed))
        if fader.members:
            parts.append(_member_marks(cx, scale, fader.members, unplaced_y))
        parts.append(strip_foot(x0, cx, text, index, foot))
        parts.append(_readout(cx, readout_y, fader))
        body.append(fader_group(parts, fader.key))

    legend_svg, legend_h = legend(_panel_legend(panel), legend_top, width, row=22)
    body.append(legend_svg)
    height = legend_top + legend_h - 12 + MARGIN if legend_h else strip_bottom + MARGIN

    return svg_root(
        "".join(body),
        width=width,
        height=height,
        title=_("Mixing panel: %(title)s") % {"title": isolate(panel.title)},
        desc=text_alternative(panel),
        id_prefix=id_prefix,
        standalone=standalone,
        css_class="mp-panel",
    )
