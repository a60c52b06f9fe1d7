"""Pictures in a live round: the panel app's one SVG renderer, and the QR code to join.

The panel drawing comes from ``panel.drawing`` (the same picture as on the trio
page and in the comparison); coherence rules from ``insights``. Each page also
shows the positions as text, so the picture is never the only way to read them.
"""

from __future__ import annotations

import segno


def qr_svg(url: str) -> str:
    """The join link as an inline SVG (no style attributes: the CSP forbids them)."""
    return segno.make(url, error="m").svg_inline(scale=8, omitsize=True, dark="#000")


def panel_svg(assessment, categories) -> str:
    """The agreed panel as SVG; empty when there is nothing to draw."""
    if assessment is None:
        return ""
    try:
        from mengpaneel.panel import drawing
    except ImportError:  # the renderer is not there (yet): the text version stands alone
        return ""
    return drawing.render_svg(assessment)


def rule_book(assessments):
    """The coherence rules of these assessments' models, or None without the insights app."""
    try:
        from mengpaneel.insights.coherence import RuleBook
    except ImportError:
        return None
    return RuleBook.for_assessments(assessments)
