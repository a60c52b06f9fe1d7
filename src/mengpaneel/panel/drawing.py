"""Draw a panel as a mixing console, in SVG (and PNG for downloads).

One renderer for the page, the comparison, the live view and the downloads, so
a panel looks the same everywhere. The drawing encodes meaning with shape, line
style and text only — never colour — so it reads in print and in greyscale, and
no pole looks "better" than the other. It never sums or ranks faders.

The inline SVG carries no ``style`` attribute and no ``<style>`` element: the
page's Content-Security-Policy forbids inline styles, so everything is drawn
with presentation attributes (``fill``, ``stroke-dasharray``, ``font-size`` …).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

__all__ = [
    "FaderDrawing",
    "MemberMark",
    "PanelDrawing",
    "format_position",
    "render_overlay_svg",
    "render_png",
    "render_svg",
    "text_alternative",
]


@dataclass(frozen=True)
class MemberMark:
    label: str  # short label, e.g. initials "AB" or "1"
    position: int | None  # None = not placed


@dataclass(frozen=True)
class FaderDrawing:
    key: str
    name: str  # category name, already translated
    top_label: str  # short text for the top pole
    bottom_label: str  # short text for the bottom pole
    agreed: int | None  # None = unplaced (NOT the middle); 0 = deliberate middle
    members: tuple[MemberMark, ...] = ()  # shown only when given (after reveal)
    discuss: bool = False  # "hier willen we over praten" / members >= 2 apart
    previous: int | None = None  # earlier moment's agreed position: ghost + arrow


@dataclass(frozen=True)
class PanelDrawing:
    title: str  # e.g. municipality name
    faders: tuple[FaderDrawing, ...]  # any number 2..12, order as given
    scale_min: int = -3
    scale_max: int = 3


# ---------------------------------------------------------------------------
# Look. Neutral greys on top of currentColor, so an inlined panel takes the
# page's text colour; the greys keep at least 4.5:1 against white where they
# carry text.
INK = "currentColor"
MUTED = "#595959"  # secondary text: 7:1 on white
LINE = "#767676"  # ticks and outlines: 4.5:1 on white
STRIP = "#f4f4f4"  # channel strip background, light enough to print as paper
SLOT = "#d6d6d6"
PAPER = "#ffffff"
STANDALONE_INK = "#1b1b1b"
FONT_STACK = "system-ui, 'Noto Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif"

SVG_NS = "http://www.w3.org/2000/svg"

MARGIN = 16
COL_W = 140  # one channel strip; the panel widens with the number of faders
STRIP_PAD = 4
TITLE_FONT, TITLE_LINE = 18, 23
POLE_FONT, POLE_LINE = 11, 14
NAME_FONT, NAME_LINE = 13, 16
TICK_FONT = 10
SMALL_FONT = 11
CAP_W, CAP_H = 44, 22
GHOST_W, GHOST_H = 36, 16  # smaller than the cap: it sits "behind" it
DOT_R = 9
MARKER = 8  # half size of an overlay marker
MAX_LABEL_LINES = 3

_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Characters XML 1.0 cannot carry at all; user input might still contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
MINUS = "\u2212"


# ---------------------------------------------------------------------------
# Small helpers


def format_position(value: int) -> str:
    """Show the sign always ("+2", "0", "−1"), so +1 and −1 never look alike."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"{MINUS}{-value}"
    return "0"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _text_escape(text: str) -> str:
    return escape(_clean(text))


def _attr_escape(value: object) -> str:
    # Double quotes delimit our attributes; newlines and tabs would be folded
    # to spaces by an XML parser, so keep them as character references.
    return escape(_clean(str(value)), {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _num(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    rounded = round(value, 1)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)


@functools.cache
def _attr_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


_NEEDS_ESCAPE = re.compile(r"[&<>\"\n\r\t\x00-\x1f\ufffe\uffff\ud800-\udfff]")


def _el(tag: str, content: str | None = None, /, **attrs: object) -> str:
    """One SVG element; attribute names use ``_`` for ``-`` (``stroke_width``).

    A panel is some thousand elements and is drawn on every page view, so
    numbers and plain strings skip the escaping they do not need."""
    parts = [tag]
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, str):
            text = _attr_escape(value) if _NEEDS_ESCAPE.search(value) else value
        elif isinstance(value, float | int) and not isinstance(value, bool):
            text = _num(value)
        else:
            text = _attr_escape(value)
        parts.append(f'{_attr_name(name)}="{text}"')
    head = " ".join(parts)
    if content is None:
        return f"<{head}/>"
    return f"<{head}>{content}</{tag}>"


def _text(x: float, y: float, text: str, *, size: float, **attrs: object) -> str:
    attrs.setdefault("fill", INK)
    attrs.setdefault("text_anchor", "middle")
    return _el("text", _text_escape(text), x=x, y=y, font_size=size, **attrs)


# Advance widths (in em) of DejaVu Sans, one of the widest common sans faces and
# the one the PNG is drawn with; narrower page fonts then fit with room to spare.
# Measuring real glyphs would need the font files at run time.
_EM_GROUPS = (
    ("ijlIJ'", 0.29),
    (" .,:;", 0.33),
    ("frt()-/![]|", 0.4),
    ('"', 0.46),
    ("csz?", 0.54),
    ("ABCDEGHKNORUVXZQ", 0.75),
    ("wM+&=<>", 0.85),
    ("mW%@\u2026\u2014", 1.0),
)
_EM = {char: em for chars, em in _EM_GROUPS for char in chars}
BOLD_FACTOR = 1.1


def _char_em(char: str) -> float:
    if char in _EM:
        return _EM[char]
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) > 0x1F000:
        return 1.05  # CJK and emoji
    return 0.64


def _text_width(text: str, size: float, *, bold: bool = False) -> float:
    return sum(_char_em(char) for char in text) * size * (BOLD_FACTOR if bold else 1.0)


def _wrap(
    text: str, width: float, size: float, max_lines: int = MAX_LABEL_LINES, *, bold: bool = False
) -> list[str]:
    """Greedy word wrap; a word wider than a line is split, and the last line
    ends in an ellipsis when the text does not fit in ``max_lines``."""
    words = _clean(text).split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if _text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while _text_width(word, size, bold=bold) > width:
            cut = len(word)
            while cut > 1 and _text_width(word[:cut], size, bold=bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and _text_width(last + "…", size, bold=bold) > width:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
    return lines


def _text_block(
    x: float, y: float, lines: Sequence[str], *, size: float, line_height: float, **attrs: object
) -> str:
    """Lines of text; ``y`` is the baseline of the first line."""
    return "".join(
        _text(x, y + i * line_height, line, size=size, **attrs) for i, line in enumerate(lines)
    )


def _check_prefix(id_prefix: str) -> str:
    if not _ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(
            f"id_prefix must be a letter followed by letters, digits, - or _: {id_prefix!r}"
        )
    return id_prefix


# ---------------------------------------------------------------------------
# Layout shared by the single panel and the overlay


@dataclass(frozen=True)
class _Scale:
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

    def labelled(self) -> list[int]:
        """Which steps get a number: all of them, unless they would crowd."""
        values = list(range(self.low, self.high + 1))
        every = 1 if self.step >= 14 else (2 if self.step >= 8 else 5)
        return [v for v in values if v == 0 or v in (self.low, self.high) or v % every == 0]


def _make_scale(low: int, high: int, top: float) -> _Scale:
    if high <= low:
        raise ValueError("scale_max must be greater than scale_min")
    step = max(6.0, min(34.0, 240 / (high - low)))
    return _Scale(low=low, high=high, step=step, top=top)


SLOT_OVERHANG = 12  # the slot runs past the ends of the scale, as on a console


def _track(cx: float, scale: _Scale, *, empty: bool = False) -> str:
    """The slot with its scale; an ``empty`` (unplaced) fader gets a hollow,
    dashed slot, so it differs from a cap at 0 by line style as well."""
    parts = [
        _el(
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
            parts.append(
                _el("line", x1=cx - 28, y1=y, x2=cx + 28, y2=y, stroke=INK, stroke_width=3)
            )
        else:
            parts.append(
                _el("line", x1=cx - 20, y1=y, x2=cx - 8, y2=y, stroke=LINE, stroke_width=1)
            )
            parts.append(
                _el("line", x1=cx + 8, y1=y, x2=cx + 20, y2=y, stroke=LINE, stroke_width=1)
            )
        if value in labelled:
            parts.append(
                _text(
                    cx - 32,
                    y + TICK_FONT * 0.36,
                    format_position(value),
                    size=TICK_FONT,
                    text_anchor="end",
                    fill=INK if value == 0 else MUTED,
                    font_weight="bold" if value == 0 else None,
                )
            )
    return _el("g", "".join(parts), class_="mp-panel__track")


def _track_defs(scale: _Scale, id_prefix: str, *, with_empty: bool) -> str:
    """Every strip has the same scale: draw it once and ``<use>`` it per fader,
    which keeps a 12-fader panel small and quick to render."""
    tracks = _el("g", _track(0, scale), id=f"{id_prefix}-track")
    if with_empty:
        tracks += _el("g", _track(0, scale, empty=True), id=f"{id_prefix}-track-empty")
    return _el("defs", tracks)


def _use_track(cx: float, id_prefix: str, *, empty: bool = False) -> str:
    suffix = "-track-empty" if empty else "-track"
    return _el("use", href=f"#{id_prefix}{suffix}", x=cx, y=0)


def _strip_box(x: float, y: float, height: float, *, emphasised: bool) -> str:
    return _el(
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


def _flow(items: Sequence[tuple[float, str]], x0: float, y0: float, width: float, row: float):
    """Lay out (width, svg-at-origin) items left to right, wrapping at ``width``.
    Returns the SVG and the total height used."""
    parts: list[str] = []
    x, y = x0, y0
    gap = 20
    for item_width, svg in items:
        if x > x0 and x + item_width > x0 + width:
            x, y = x0, y + row
        parts.append(_el("g", svg, transform=f"translate({_num(x)} {_num(y)})"))
        x += item_width + gap
    used = (y - y0 + row) if items else 0
    return "".join(parts), used


def _svg_root(
    body: str,
    *,
    width: float,
    height: float,
    title: str,
    desc: str,
    id_prefix: str,
    standalone: bool,
    css_class: str,
) -> str:
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    attrs: dict[str, object] = {
        "xmlns": SVG_NS,
        "viewBox": f"0 0 {_num(width)} {_num(height)}",
        "width": width,
        "height": height,
        "class_": css_class,
        "role": "img",
        "aria_labelledby": f"{title_id} {desc_id}",
        "font_family": FONT_STACK if standalone else None,
        "color": STANDALONE_INK if standalone else None,
    }
    background = _el("rect", x=0, y=0, width=width, height=height, fill=PAPER) if standalone else ""
    content = (
        _el("title", _text_escape(title), id=title_id)
        + _el("desc", _text_escape(desc), id=desc_id)
        + background
        + body
    )
    svg = _el("svg", content, **attrs)
    if standalone:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"
    return svg


# ---------------------------------------------------------------------------
# Pieces of a single panel


def _cap(cx: float, y: float, value: int) -> str:
    """The agreed knob: a solid fader cap with its value on it."""
    return _el(
        "g",
        _el("rect", x=cx - CAP_W / 2, y=y - CAP_H / 2, width=CAP_W, height=CAP_H, rx=3, fill=INK)
        + _el(
            "line",
            x1=cx - CAP_W / 2 + 4,
            y1=y - CAP_H / 2 + 3,
            x2=cx + CAP_W / 2 - 4,
            y2=y - CAP_H / 2 + 3,
            stroke=PAPER,
            stroke_width=1,
        )
        + _text(cx, y + 5, format_position(value), size=13, fill=PAPER, font_weight="bold"),
        class_="mp-panel__cap",
    )


def _ghost(cx: float, y: float, value: int) -> str:
    """The earlier position: a dashed, hollow cap."""
    return _el(
        "g",
        _el(
            "rect",
            x=cx - GHOST_W / 2,
            y=y - GHOST_H / 2,
            width=GHOST_W,
            height=GHOST_H,
            rx=3,
            fill=PAPER,
            stroke=INK,
            stroke_width=1.5,
            stroke_dasharray="4 3",
        )
        + _text(cx, y + 3.5, format_position(value), size=10, fill=MUTED),
        class_="mp-panel__ghost",
    )


def _arrow(x: float, y_from: float, y_to: float) -> str:
    """A vertical arrow from the ghost to the cap (no marker ids needed)."""
    direction = -1 if y_to < y_from else 1
    head = 7
    tip = y_to
    base = tip - direction * head
    return _el(
        "g",
        _el("line", x1=x, y1=y_from, x2=x, y2=base, stroke=INK, stroke_width=2)
        + _el(
            "polygon",
            points=f"{_num(x)},{_num(tip)} {_num(x - 5)},{_num(base)} {_num(x + 5)},{_num(base)}",
            fill=INK,
        ),
        class_="mp-panel__arrow",
    )


def _flag_icon(x: float, y: float) -> str:
    """A pennant on a pole, 12 wide and 16 high, top-left at (x, y)."""
    return _el("line", x1=x + 1, y1=y, x2=x + 1, y2=y + 16, stroke=INK, stroke_width=2) + _el(
        "polygon",
        points=f"{_num(x + 2)},{_num(y)} {_num(x + 13)},{_num(y + 4)} {_num(x + 2)},{_num(y + 8)}",
        fill=INK,
    )


def _member_dot(x: float, y: float, label: str, *, placed: bool) -> str:
    short = _clean(label)[:2]
    return _el(
        "g",
        _el(
            "circle",
            cx=x,
            cy=y,
            r=DOT_R,
            fill=PAPER,
            stroke=INK,
            stroke_width=1.5,
            stroke_dasharray=None if placed else "3 2",
        )
        + _text(x, y + 3.5, short, size=10, font_weight="bold"),
        class_="mp-panel__member",
    )


def _member_marks(cx: float, scale: _Scale, members: Sequence[MemberMark], unplaced_y: float):
    """Dots to the right of the track; members on the same step sit side by
    side, two to a row, so a whole trio on one step still fits the strip."""
    parts: list[str] = []
    by_position: dict[int, list[MemberMark]] = {}
    for member in members:
        if member.position is not None:
            by_position.setdefault(member.position, []).append(member)
    pitch = 2 * DOT_R + 2  # dots never touch each other
    left = cx + CAP_W / 2 + 4 + DOT_R  # nor the agreed knob
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
    if fader.agreed is None:
        label = _("not placed yet")
        box_attrs: dict[str, object] = {"stroke_dasharray": "4 3", "stroke_width": 1.5}
        text_attrs: dict[str, object] = {"font_style": "italic"}
    else:
        label = _("0, middle") if fader.agreed == 0 else format_position(fader.agreed)
        box_attrs = {"stroke_width": 1.5}
        text_attrs = {"font_weight": "bold"}
    width = max(44.0, _text_width(label, 12, bold=fader.agreed is not None) + 16)
    parts = [
        _el(
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
        _text(cx, y + 15, label, size=12, **text_attrs),
    ]
    if fader.previous is not None:
        parts.append(
            _text(
                cx,
                y + 37,
                _("earlier: %(position)s") % {"position": format_position(fader.previous)},
                size=SMALL_FONT,
                fill=MUTED,
            )
        )
    return _el("g", "".join(parts), class_="mp-panel__readout")


def _legend_item(icon: str, icon_width: float, label: str) -> tuple[float, str]:
    text = _text(icon_width + 6, 4, label, size=SMALL_FONT, text_anchor="start")
    return icon_width + 6 + _text_width(label, SMALL_FONT), icon + text


def _panel_legend(panel: PanelDrawing) -> list[tuple[float, str]]:
    """Only the symbols this panel uses, so a printed panel explains itself."""
    faders = panel.faders
    items = []
    if any(f.agreed is not None for f in faders):
        icon = _el("rect", x=0, y=-7, width=24, height=14, rx=2, fill=INK)
        items.append(_legend_item(icon, 24, _("agreed position")))
    if any(f.previous is not None for f in faders):
        icon = (
            _el(
                "rect",
                x=0,
                y=-6,
                width=22,
                height=12,
                rx=2,
                fill=PAPER,
                stroke=INK,
                stroke_width=1.5,
                stroke_dasharray="4 3",
            )
            + _el("line", x1=26, y1=0, x2=34, y2=0, stroke=INK, stroke_width=2)
            + _el("polygon", points="41,0 34,-4 34,4", fill=INK)
        )
        items.append(_legend_item(icon, 42, _("earlier position")))
    members = [m for f in faders for m in f.members]
    if any(m.position is not None for m in members):
        icon = _el("circle", cx=8, cy=0, r=7, fill=PAPER, stroke=INK, stroke_width=1.5)
        items.append(_legend_item(icon, 16, _("member")))
    if any(m.position is None for m in members):
        icon = _el(
            "circle",
            cx=8,
            cy=0,
            r=7,
            fill=PAPER,
            stroke=INK,
            stroke_width=1.5,
            stroke_dasharray="3 2",
        )
        items.append(_legend_item(icon, 16, _("member, not placed yet")))
    if any(f.discuss for f in faders):
        items.append(_legend_item(_flag_icon(0, -8), 14, _("to discuss")))
    return items


# ---------------------------------------------------------------------------
# Public: one panel


def render_svg(panel: PanelDrawing, *, standalone: bool = False, id_prefix: str = "p") -> str:
    """The panel as an SVG string, safe to inline (no styles, all text escaped).

    ``standalone`` makes a file of its own (XML declaration, white background,
    fixed font and ink colour) for downloads and PNG conversion.
    """
    _check_prefix(id_prefix)
    faders = panel.faders
    count = max(len(faders), 1)
    width = 2 * MARGIN + count * COL_W
    inner = COL_W - 2 * STRIP_PAD - 12

    title_lines = _wrap(panel.title, width - 2 * MARGIN, TITLE_FONT, max_lines=3, bold=True)
    tops = [_wrap(f.top_label, inner, POLE_FONT) for f in faders]
    bottoms = [_wrap(f.bottom_label, inner, POLE_FONT) for f in faders]
    names = [_wrap(f.name, inner, NAME_FONT, bold=True) for f in faders]
    top_rows = max((len(lines) for lines in tops), default=1) or 1
    bottom_rows = max((len(lines) for lines in bottoms), default=1) or 1
    name_rows = max((len(lines) for lines in names), default=1) or 1
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
    track_top = top_label_y + (top_rows - 1) * POLE_LINE + 10 + SLOT_OVERHANG
    scale = _make_scale(panel.scale_min, panel.scale_max, track_top)
    unplaced_y = scale.bottom + SLOT_OVERHANG + 4 + DOT_R
    after_track = scale.bottom + SLOT_OVERHANG + 10
    if unplaced_members:
        after_track = unplaced_y + ((unplaced_members + 1) // 2 - 1) * 19 + DOT_R + 8
    bottom_label_y = after_track + POLE_FONT
    rule_y = bottom_label_y + (bottom_rows - 1) * POLE_LINE + 10
    name_y = rule_y + 8 + NAME_FONT
    readout_y = name_y + (name_rows - 1) * NAME_LINE + 10
    strip_bottom = readout_y + 22 + (20 if any_previous else 0) + 10
    legend_top = strip_bottom + 22

    body: list[str] = [
        _track_defs(scale, id_prefix, with_empty=any(f.agreed is None for f in faders))
    ]
    body.append(
        _text_block(
            MARGIN,
            title_y,
            title_lines,
            size=TITLE_FONT,
            line_height=TITLE_LINE,
            text_anchor="start",
            font_weight="bold",
        )
    )
    for index, fader in enumerate(faders):
        x0 = MARGIN + index * COL_W
        cx = x0 + COL_W / 2
        parts = [_strip_box(x0, strip_top, strip_bottom - strip_top, emphasised=fader.discuss)]
        if fader.discuss:
            label = _("to discuss")
            group_w = 16 + 4 + _text_width(label, SMALL_FONT, bold=True)
            gx = cx - group_w / 2
            parts.append(
                _el(
                    "g",
                    _flag_icon(gx, flag_y)
                    + _text(
                        gx + 20,
                        flag_y + 12,
                        label,
                        size=SMALL_FONT,
                        text_anchor="start",
                        font_weight="bold",
                    ),
                    class_="mp-panel__flag",
                )
            )
        parts.append(
            _text_block(cx, top_label_y, tops[index], size=POLE_FONT, line_height=POLE_LINE)
        )
        parts.append(_use_track(cx, id_prefix, empty=fader.agreed is None))
        if fader.previous is not None and fader.previous != fader.agreed:
            y_prev = scale.y(fader.previous)
            parts.append(_ghost(cx, y_prev, fader.previous))
            if fader.agreed is not None:
                y_now = scale.y(fader.agreed)
                sign = -1 if y_now < y_prev else 1
                start = y_prev + sign * GHOST_H / 2
                end = y_now - sign * CAP_H / 2
                if abs(end - start) >= 4:
                    parts.append(_arrow(cx, start, end))
        if fader.agreed is not None:
            parts.append(_cap(cx, scale.y(fader.agreed), fader.agreed))
        if fader.members:
            parts.append(_member_marks(cx, scale, fader.members, unplaced_y))
        parts.append(
            _text_block(cx, bottom_label_y, bottoms[index], size=POLE_FONT, line_height=POLE_LINE)
        )
        parts.append(
            _el(
                "line",
                x1=x0 + 14,
                y1=rule_y,
                x2=x0 + COL_W - 14,
                y2=rule_y,
                stroke=LINE,
                stroke_width=1,
            )
        )
        parts.append(
            _text_block(
                cx, name_y, names[index], size=NAME_FONT, line_height=NAME_LINE, font_weight="bold"
            )
        )
        parts.append(_readout(cx, readout_y, fader))
        body.append(
            _el("g", "".join(parts), class_="mp-panel__fader", data_key=_clean(fader.key)[:64])
        )

    legend_svg, legend_h = _flow(
        _panel_legend(panel), MARGIN, legend_top, width - 2 * MARGIN, row=22
    )
    body.append(_el("g", legend_svg, class_="mp-panel__legend"))
    height = legend_top + legend_h - 12 + MARGIN if legend_h else strip_bottom + MARGIN

    return _svg_root(
        "".join(body),
        width=width,
        height=height,
        title=_("Mixing panel: %(title)s") % {"title": panel.title},
        desc=text_alternative(panel),
        id_prefix=id_prefix,
        standalone=standalone,
        css_class="mp-panel",
    )


def _fader_sentence(fader: FaderDrawing) -> str:
    name = _clean(fader.name)
    if fader.agreed is None:
        return _("%(name)s: not placed yet.") % {"name": name}
    if fader.agreed == 0:
        return _("%(name)s: 0, middle: no choice made.") % {"name": name}
    pole = fader.top_label if fader.agreed > 0 else fader.bottom_label
    return _("%(name)s: %(position)s, towards %(pole)s.") % {
        "name": name,
        "position": format_position(fader.agreed),
        "pole": _clean(pole),
    }


def _member_phrase(member: MemberMark) -> str:
    if member.position is None:
        return _("%(member)s not placed yet") % {"member": _clean(member.label)}
    return f"{_clean(member.label)} {format_position(member.position)}"


def text_alternative(panel: PanelDrawing) -> str:
    """The whole panel in words: one sentence per fader, in the active language."""
    sentences = [
        ngettext(
            "Mixing panel of %(title)s with %(count)d fader, from %(low)s at the bottom "
            "to %(high)s at the top.",
            "Mixing panel of %(title)s with %(count)d faders, from %(low)s at the bottom "
            "to %(high)s at the top.",
            len(panel.faders),
        )
        % {
            "title": _clean(panel.title),
            "count": len(panel.faders),
            "low": format_position(panel.scale_min),
            "high": format_position(panel.scale_max),
        }
    ]
    for fader in panel.faders:
        sentence = [_fader_sentence(fader)]
        if fader.previous is not None:
            sentence.append(
                _("Earlier: %(position)s.") % {"position": format_position(fader.previous)}
            )
        if fader.members:
            sentence.append(
                _("Members: %(members)s.")
                % {"members": ", ".join(_member_phrase(m) for m in fader.members)}
            )
        if fader.discuss:
            sentence.append(_("Marked to discuss."))
        sentences.append(" ".join(sentence))
    return " ".join(sentences)


# ---------------------------------------------------------------------------
# Public: all municipalities on one panel

_SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "plus", "cross", "star")
_FILLS = ("solid", "hollow", "dotted")  # dotted = hollow with a dot in the middle


def _shape_points(kind: str, x: float, y: float, s: float) -> str | None:
    if kind == "triangle":
        pts = [(0, -s * 1.1), (s * 1.05, s * 0.8), (-s * 1.05, s * 0.8)]
    elif kind == "triangle-down":
        pts = [(0, s * 1.1), (s * 1.05, -s * 0.8), (-s * 1.05, -s * 0.8)]
    elif kind == "diamond":
        pts = [(0, -s * 1.25), (s * 1.05, 0), (0, s * 1.25), (-s * 1.05, 0)]
    elif kind == "plus":
        a, b = s * 0.4, s * 1.1
        pts = [(-a, -b), (a, -b), (a, -a), (b, -a), (b, a), (a, a), (a, b), (-a, b), (-a, a),
               (-b, a), (-b, -a), (-a, -a)]  # fmt: skip
    elif kind == "cross":
        a, b = s * 0.4, s * 1.1
        base = [(-a, -b), (a, -b), (a, -a), (b, -a), (b, a), (a, a), (a, b), (-a, b), (-a, a),
                (-b, a), (-b, -a), (-a, -a)]  # fmt: skip
        c = math.cos(math.pi / 4)
        pts = [(px * c - py * c, px * c + py * c) for px, py in base]
    elif kind == "star":
        pts = []
        for i in range(10):
            radius = s * 1.25 if i % 2 == 0 else s * 0.55
            angle = -math.pi / 2 + i * math.pi / 5
            pts.append((radius * math.cos(angle), radius * math.sin(angle)))
    else:
        return None
    return " ".join(f"{_num(x + px)},{_num(y + py)}" for px, py in pts)


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
        shape = _el("circle", cx=x, cy=y, r=s, **paint)
    elif kind == "square":
        shape = _el("rect", x=x - s * 0.9, y=y - s * 0.9, width=s * 1.8, height=s * 1.8, **paint)
    else:
        shape = _el("polygon", points=_shape_points(kind, x, y, s), **paint)
    if fill_style == "dotted":
        shape += _el("circle", cx=x, cy=y, r=max(1.5, s * 0.28), fill=INK)
    return shape


def _spread(count: int, cx: float, room: float, pitch: float = 20) -> list[float]:
    pitch = min(pitch, room / max(count, 1))
    return [cx + (i - (count - 1) / 2) * pitch for i in range(count)]


def render_overlay_svg(panels: list[PanelDrawing], *, id_prefix: str = "o") -> str:
    """Every municipality's agreed positions on one panel, each with its own
    marker shape and a legend. The faders come from the first panel; a panel
    that lacks one of its keys counts as not placed there."""
    _check_prefix(id_prefix)
    if not panels:
        width, height = 320.0, 80.0
        message = _("No panels to show yet.")
        return _svg_root(
            _text(MARGIN, 44, message, size=14, text_anchor="start"),
            width=width,
            height=height,
            title=_("All panels on one panel"),
            desc=message,
            id_prefix=id_prefix,
            standalone=False,
            css_class="mp-panel mp-panel--overlay",
        )

    base = panels[0]
    faders = base.faders
    lookup = [{f.key: f for f in p.faders} for p in panels]
    count = max(len(faders), 1)
    width = 2 * MARGIN + count * COL_W
    inner = COL_W - 2 * STRIP_PAD - 12

    tops = [_wrap(f.top_label, inner, POLE_FONT) for f in faders]
    bottoms = [_wrap(f.bottom_label, inner, POLE_FONT) for f in faders]
    names = [_wrap(f.name, inner, NAME_FONT, bold=True) for f in faders]
    top_rows = max((len(lines) for lines in tops), default=1) or 1
    bottom_rows = max((len(lines) for lines in bottoms), default=1) or 1
    name_rows = max((len(lines) for lines in names), default=1) or 1

    def position(panel_index: int, key: str) -> int | None:
        fader = lookup[panel_index].get(key)
        return None if fader is None else fader.agreed

    any_unplaced = any(position(i, f.key) is None for i in range(len(panels)) for f in faders)

    y = MARGIN
    top_label_y = y + POLE_FONT + 4
    track_top = top_label_y + (top_rows - 1) * POLE_LINE + 10 + SLOT_OVERHANG
    scale = _make_scale(base.scale_min, base.scale_max, track_top)
    after_track = scale.bottom + SLOT_OVERHANG + 10
    unplaced_row_y = after_track + MARKER + 2
    if any_unplaced:
        after_track = unplaced_row_y + MARKER + 4 + SMALL_FONT + 8
    bottom_label_y = after_track + POLE_FONT
    rule_y = bottom_label_y + (bottom_rows - 1) * POLE_LINE + 10
    name_y = rule_y + 8 + NAME_FONT
    strip_bottom = name_y + (name_rows - 1) * NAME_LINE + 12
    legend_top = strip_bottom + 22

    body: list[str] = [_track_defs(scale, id_prefix, with_empty=False)]
    for index, fader in enumerate(faders):
        x0 = MARGIN + index * COL_W
        cx = x0 + COL_W / 2
        parts = [_strip_box(x0, MARGIN - 4, strip_bottom - MARGIN + 4, emphasised=False)]
        parts.append(
            _text_block(cx, top_label_y, tops[index], size=POLE_FONT, line_height=POLE_LINE)
        )
        parts.append(_use_track(cx, id_prefix))
        groups: dict[int | None, list[int]] = {}
        for panel_index in range(len(panels)):
            groups.setdefault(position(panel_index, fader.key), []).append(panel_index)
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
                _text(
                    cx,
                    unplaced_row_y + MARKER + 4 + SMALL_FONT - 2,
                    _("not placed yet"),
                    size=SMALL_FONT,
                    fill=MUTED,
                    font_style="italic",
                )
            )
        parts.append(
            _text_block(cx, bottom_label_y, bottoms[index], size=POLE_FONT, line_height=POLE_LINE)
        )
        parts.append(
            _el(
                "line",
                x1=x0 + 14,
                y1=rule_y,
                x2=x0 + COL_W - 14,
                y2=rule_y,
                stroke=LINE,
                stroke_width=1,
            )
        )
        parts.append(
            _text_block(
                cx, name_y, names[index], size=NAME_FONT, line_height=NAME_LINE, font_weight="bold"
            )
        )
        body.append(
            _el("g", "".join(parts), class_="mp-panel__fader", data_key=_clean(fader.key)[:64])
        )

    legend_items = []
    for panel_index, panel in enumerate(panels):
        label = _clean(panel.title)[:60]
        text = _text(22, 4, label, size=12, text_anchor="start")
        legend_items.append((22 + _text_width(label, 12), _marker(panel_index, 8, 0) + text))
    legend_svg, legend_h = _flow(legend_items, MARGIN, legend_top, width - 2 * MARGIN, row=24)
    body.append(_el("g", legend_svg, class_="mp-panel__legend"))
    height = legend_top + legend_h - 12 + MARGIN

    titles = ", ".join(_clean(p.title) for p in panels)
    return _svg_root(
        "".join(body),
        width=width,
        height=height,
        title=_("All panels on one panel: %(titles)s") % {"titles": titles},
        desc=_overlay_text(panels),
        id_prefix=id_prefix,
        standalone=False,
        css_class="mp-panel mp-panel--overlay",
    )


def _overlay_text(panels: Sequence[PanelDrawing]) -> str:
    base = panels[0]
    lookup = [{f.key: f for f in p.faders} for p in panels]
    sentences = []
    for fader in base.faders:
        phrases = []
        for panel, faders in zip(panels, lookup, strict=True):
            other = faders.get(fader.key)
            value = None if other is None else other.agreed
            if value is None:
                state = _("not placed yet")
            elif value == 0:
                state = _("0, middle")
            else:
                state = format_position(value)
            phrases.append(f"{_clean(panel.title)} {state}")
        sentences.append(
            _("%(name)s: %(positions)s.")
            % {"name": _clean(fader.name), "positions": ", ".join(phrases)}
        )
    return " ".join(sentences)


# ---------------------------------------------------------------------------
# Public: PNG


def render_png(panel: PanelDrawing, *, scale: float = 2.0) -> bytes:
    """The standalone SVG rasterised by resvg (a self-contained wheel: no
    system library needed; it uses the system's fonts for the text)."""
    import resvg_py  # imported here: only downloads need it

    svg = render_svg(panel, standalone=True)
    data = resvg_py.svg_to_bytes(svg_string=svg, zoom=scale, background=PAPER)
    return bytes(data)
