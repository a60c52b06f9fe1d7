"""What a panel drawing is made of: plain data, filled in by ``panel.presenting``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


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


def agreed_by_key(panels: Sequence[PanelDrawing]) -> list[dict[str, int | None]]:
    """Each panel's agreed positions by fader key; ``.get(key)`` gives None both
    for an unplaced fader and for a key the panel lacks (the overlay treats a
    missing fader as not placed)."""
    return [{f.key: f.agreed for f in panel.faders} for panel in panels]
