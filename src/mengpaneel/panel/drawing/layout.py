"""Geometry both panels share: the scale, the strips' places, wrapped strip text
and where it sits, and items flowing in rows (the legends)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .data import FaderDrawing
from .look import (
    COL_W,
    MARGIN,
    NAME_FONT,
    NAME_LINE,
    POLE_FONT,
    POLE_LINE,
    SLOT_OVERHANG,
    STRIP_PAD,
)
from .measure import wrap
from .svg import el, num


@dataclass(frozen=True)
class Scale:
    low: int
    high: int
    step: float
    top: float  # y of the high end

    def y(self, value: int) -> float:
        clamped = min(max(value, self.low), self.high)
        return self.top + (self.high - clamped) * self.step

    @property
    def bottom(self) -> float:
        return self.y(self.low)

    @property
    def below_slot(self) -> float:
        """The y where the slot ends, under the low end."""
        return self.bottom + SLOT_OVERHANG

    def labelled(self) -> list[int]:
        """Which steps get a number: all of them, unless they would crowd."""
        values = list(range(self.low, self.high + 1))
        every = 1 if self.step >= 14 else (2 if self.step >= 8 else 5)
        return [v for v in values if v == 0 or v in (self.low, self.high) or v % every == 0]


def make_scale(low: int, high: int, top: float) -> Scale:
    if high <= low:
        raise ValueError("scale_max must be greater than scale_min")
    step = max(6.0, min(34.0, 240 / (high - low)))
    return Scale(low=low, high=high, step=step, top=top)


def panel_width(faders: Sequence[FaderDrawing]) -> int:
    """One strip per fader (at least one) between the margins."""
    return 2 * MARGIN + max(len(faders), 1) * COL_W


def strips(faders: Sequence[FaderDrawing]) -> Iterator[tuple[int, FaderDrawing, float, float]]:
    """Each fader with its index, its strip's left edge and its centre line."""
    for index, fader in enumerate(faders):
        x0 = MARGIN + index * COL_W
        yield index, fader, x0, x0 + COL_W / 2


@dataclass(frozen=True)
class StripFoot:
    """Where the text under the track sits: bottom pole, rule, name."""

    bottom_label_y: float
    rule_y: float
    name_y: float
    names_end: float  # baseline of the tallest name's last line


def _rows(column: list[list[str]]) -> int:
    return max((len(lines) for lines in column), default=1) or 1


@dataclass(frozen=True)
class StripText:
    """Every fader's pole labels and name, wrapped to the strip. All strips
    keep their tracks level, so the tallest label of each kind sets the rows."""

    tops: list[list[str]]
    bottoms: list[list[str]]
    names: list[list[str]]

    @classmethod
    def wrapped(cls, faders: Sequence[FaderDrawing]) -> StripText:
        inner = COL_W - 2 * STRIP_PAD - 12
        return cls(
            tops=[wrap(f.top_label, inner, POLE_FONT) for f in faders],
            bottoms=[wrap(f.bottom_label, inner, POLE_FONT) for f in faders],
            names=[wrap(f.name, inner, NAME_FONT, bold=True) for f in faders],
        )

    def track_top(self, top_label_y: float) -> float:
        """The y of the scale's high end, under the top labels and the slot's overhang."""
        return top_label_y + (_rows(self.tops) - 1) * POLE_LINE + 10 + SLOT_OVERHANG

    def foot(self, after_track: float) -> StripFoot:
        bottom_label_y = after_track + POLE_FONT
        rule_y = bottom_label_y + (_rows(self.bottoms) - 1) * POLE_LINE + 10
        name_y = rule_y + 8 + NAME_FONT
        names_end = name_y + (_rows(self.names) - 1) * NAME_LINE
        return StripFoot(bottom_label_y, rule_y, name_y, names_end)


def flow(
    items: Sequence[tuple[float, str]], x0: float, y0: float, width: float, row: float
) -> tuple[str, float]:
    """Lay out (width, svg-at-origin) items left to right, wrapping at ``width``.
    Returns the SVG and the total height used."""
    parts: list[str] = []
    x, y = x0, y0
    gap = 20
    for item_width, svg in items:
        if x > x0 and x + item_width > x0 + width:
            x, y = x0, y + row
        parts.append(el("g", svg, transform=f"translate({num(x)} {num(y)})"))
        x += item_width + gap
    used = (y - y0 + row) if items else 0
    return "".join(parts), used
