"""The panel as a PNG, for downloads."""

from __future__ import annotations

from .data import PanelDrawing
from .look import PAPER
from .single import render_svg


def render_png(panel: PanelDrawing, *, scale: float = 2.0) -> bytes:
    """The standalone SVG rasterised by resvg (a self-contained wheel: no
    system library needed; it uses the system's fonts for the text)."""
    import resvg_py  # imported here: only downloads need it

    svg = render_svg(panel, standalone=True)
    data = resvg_py.svg_to_bytes(svg_string=svg, zoom=scale, background=PAPER)
    return bytes(data)
