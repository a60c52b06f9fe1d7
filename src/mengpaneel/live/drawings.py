"""Pictures in a live round: the panel app's one SVG renderer, and the QR code to join.

The panel drawing comes from ``panel.drawing`` (the same picture as on the trio
page and in the comparison); coherence rules from ``insights``. Each page also
shows the positions as text, so the picture is never the only way to read them.
"""

from __future__ import annotations

import functools

import segno


@functools.lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """The join link as an inline SVG (no style attributes: the CSP forbids them).

    Remembered per link: the projector redraws often, the code changes rarely."""
    return segno.make(url, error="m").svg_inline(scale=8, omitsize=True, dark="#000")


def panel_svg(assessment, *, title: str, rows=None, id_prefix: str = "p") -> str:
    """The trio's panel as the panel app draws it; with ``rows`` (``boards.FaderRow``),
    everybody's dots too, guests included. Empty when there is nothing to draw."""
    if assessment is None:
        return ""
    from mengpaneel.panel import drawing, presenting

    if rows is None:
        panel = presenting.panel_drawing(
            title, presenting.agreed_only(assessment), assessment.panel_model, with_members=False
        )
    else:
        panel = drawing.PanelDrawing(
            title=title,
            faders=tuple(
                drawing.FaderDrawing(
                    key=row.category.key,
                    name=row.category.name,
                    top_label=row.category.top,
                    bottom_label=row.category.bottom,
                    agreed=row.agreed.position if row.agreed else None,
                    members=tuple(
                        drawing.MemberMark(presenting.initials(dot.name), dot.position)
                        for dot in row.dots
                    ),
                    discuss=row.far_apart or bool(row.agreed and row.agreed.discuss),
                )
                for row in rows
            ),
            scale_min=assessment.panel_model.scale_min,
            scale_max=assessment.panel_model.scale_max,
        )
    return drawing.render_svg(panel, id_prefix=id_prefix)


def rule_book(assessments):
    """The coherence rules of these assessments' models, or None without the insights app."""
    try:
        from mengpaneel.insights.coherence import RuleBook
    except ImportError:
        return None
    return RuleBook.for_assessments(assessments)
