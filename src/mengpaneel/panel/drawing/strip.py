"""The SVG both panels are built of: a channel strip per fader (box, slot with
its scale, pole labels, rule, name) and the legend under the strips."""

from __future__ import annotations

from collections.abc import Sequence

from .layout import Scale, StripFoot, StripText, flow
from .look import (
    COL_W,
    INK,
    LINE,
    MARGIN,
    MUTED,
    NAME_FONT,
    NAME_LINE,
    PAPER,
    POLE_FONT,
    POLE_LINE,
    SLOT,
    SLOT_OVERHANG,
    STRIP,
    STRIP_PAD,
    TICK_FONT,
)
from .svg import clean, el, text_at, text_lines
from .words import format_position


def _track(cx: float, scale: Scale, *, empty: bool = False) -> str:
    """The slot with its scale; an ``empty`` (unplaced) fader gets a hollow,
    dashed slot, so it differs from a cap at 0 by line style as well."""
    parts = [
        el(
            "rect",
            x=cx - 4,
            y=scale.top - SLOT_OVERHANG,
            width=8,
            height=scale.bottom - scale.top + 2 * SLOT_OVERHANG,
            rx=4,
            fill=PAPER if empty else SLOT,
            stroke=INK if empty else LINE,
            stroke_width=1.5 if empty else 1,
            stroke_dasharray="4 3" if empty else None,
        )
    ]
    labelled = set(scale.labelled())
    for value in range(scale.low, scale.high + 1):
        y = scale.y(value)
        if value == 0:
            # The middle is a real answer ("no choice made"): a bold line, labelled.
            parts.append(el("line", x1=cx - 28, y1=y, x2=cx + 28, y2=y, stroke=INK, stroke_width=3))
        else:
            parts.append(el("line", x1=cx - 20, y1=y, x2=cx - 8, y2=y, stroke=LINE, stroke_width=1))
            parts.append(el("line", x1=cx + 8, y1=y, x2=cx + 20, y2=y, stroke=LINE, stroke_width=1))
        if value in labelled:
            parts.append(
                text_at(
                    cx - 32,
                    y + TICK_FONT * 0.36,
                    format_position(value),
                    size=TICK_FONT,
                    text_anchor="end",
                    fill=INK if value == 0 else MUTED,
                    font_weight="bold" if value == 0 else None,
                )
            )
    return el("g", "".join(parts), class_="mp-panel__track")


def track_defs(scale: Scale, id_prefix: str, *, with_empty: bool) -> str:
    """Every strip has the same scale: draw it once and ``<use>`` it per fader,
    which keeps a 12-fader panel small and quick to render."""
    tracks = el("g", _track(0, scale), id=f"{id_prefix}-track")
    if with_empty:
        tracks += el("g", _track(0, scale, empty=True), id=f"{id_prefix}-track-empty")
    return el("defs", tracks)


def use_track(cx: float, id_prefix: str, *, empty: bool = False) -> str:
    suffix = "-track-empty" if empty else "-track"
    return el("use", href=f"#{id_prefix}{suffix}", x=cx, y=0)


def strip_box(x: float, y: float, height: float, *, emphasised: bool) -> str:
    return el(
        "rect",
        x=x + STRIP_PAD,
        y=y,
        width=COL_W - 2 * STRIP_PAD,
        height=height,
        rx=6,
        fill=STRIP,
        stroke=INK if emphasised else LINE,
        stroke_width=2.5 if emphasised else 1,
    )


def top_label(cx: float, y: float, text: StripText, index: int) -> str:
    return text_lines(cx, y, text.tops[index], size=POLE_FONT, line_height=POLE_LINE)


def strip_foot(x0: float, cx: float, text: StripText, index: int, foot: StripFoot) -> str:
    """Under the track: the bottom pole's label, a rule, the fader's name."""
    return (
        text_lines(
            cx, foot.bottom_label_y, text.bottoms[index], size=POLE_FONT, line_height=POLE_LINE
        )
        + el(
            "line",
            x1=x0 + 14,
            y1=foot.rule_y,
            x2=x0 + COL_W - 14,
            y2=foot.rule_y,
            stroke=LINE,
            stroke_width=1,
        )
        + text_lines(
            cx,
            foot.name_y,
            text.names[index],
            size=NAME_FONT,
            line_height=NAME_LINE,
            font_weight="bold",
        )
    )


def fader_group(parts: Sequence[str], key: str) -> str:
    """One fader's strip as a group, tagged with its (cleaned, capped) key."""
    return el("g", "".join(parts), class_="mp-panel__fader", data_key=clean(key)[:64])


def legend(
    items: Sequence[tuple[float, str]], top: float, width: float, row: float
) -> tuple[str, float]:
    """The legend items in rows across the panel; returns the SVG and its height."""
    svg, height = flow(items, MARGIN, top, width - 2 * MARGIN, row=row)
    return el("g", svg, class_="mp-panel__legend"), height
