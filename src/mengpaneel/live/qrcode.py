"""The QR code that brings a participant to a live round.

The panels of a live round are drawn by ``panel.presenting`` (``boards.panel_svg``), the
same picture as on the trio page and in the comparison.
"""

from __future__ import annotations

import functools

import segno


@functools.lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """The join link as an inline SVG (no style attributes: the CSP forbids them).

    Remembered per link: the projector redraws often, the code changes rarely."""
    svg: str = segno.make(url, error="m").svg_inline(scale=8, omitsize=True, dark="#000")
    return svg
