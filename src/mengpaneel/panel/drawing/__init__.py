"""Draw a panel as a mixing console, in SVG (and PNG for downloads).

One renderer for the page, the comparison, the live view and the downloads, so
a panel looks the same everywhere. The drawing encodes meaning with shape, line
style and text only — never colour — so it reads in print and in greyscale, and
no pole looks "better" than the other. It never sums or ranks faders.

The inline SVG carries no ``style`` attribute and no ``<style>`` element: the
page's Content-Security-Policy forbids inline styles, so everything is drawn
with presentation attributes (``fill``, ``stroke-dasharray``, ``font-size`` …).

What is where:

- ``data``: what is drawn (``PanelDrawing``, ``FaderDrawing``, ``MemberMark``).
- ``look``: ink, greys, font and the sizes of the parts.
- ``svg``: escaping, numbers, elements, text and the ``<svg>`` root.
- ``measure``: text width without the fonts, and word wrap.
- ``layout``: geometry both panels share: the scale, strip places, wrapped
  strip text and where it sits, items flowing in rows.
- ``strip``: the SVG both panels are built of: channel strip, slot, labels, legend.
- ``single``: one trio's panel (``render_svg``).
- ``overlay``: all municipalities on one panel (``render_overlay_svg``).
- ``words``: ``format_position`` and the text alternatives (``text_alternative``).
- ``png``: ``render_png``.
"""

from __future__ import annotations

from .data import FaderDrawing, MemberMark, PanelDrawing
from .overlay import render_overlay_svg
from .png import render_png
from .single import render_svg
from .words import format_position, text_alternative

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
