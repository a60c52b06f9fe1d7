"""People's text where it lands: never able to turn the app's own text around it.

Unicode's direction controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069
isolates, U+200E/U+200F and U+061C marks) are invisible, and one right-to-left override
in a name reverses every character after it: a guest called "\u202eDaan" makes the
organiser's "Remove Daan" read backwards. So names refuse them (``refuse_direction_controls``),
and wherever user text meets the app's text it is isolated: ``<bdi>`` in HTML (the ``bdi``
template filter), U+2068 … U+2069 in plain text, SVG and text alternatives (``isolate``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DIRECTION_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def has_direction_controls(text: str) -> bool:
    return bool(DIRECTION_CONTROLS.search(text or ""))


def refuse_direction_controls(value: str) -> None:
    """A validator for names: no invisible characters that turn text around."""
    if has_direction_controls(value):
        raise ValidationError(
            _(
                "This name contains invisible characters that change the direction of text "
                "(copied along from another app, perhaps). Type the name again, or delete "
                "and retype its first and last letters."
            ),
            code="direction_controls",
        )


def isolate(text: str) -> str:
    """``text`` set apart for the bidirectional algorithm: whatever it holds (an override, a
    right-to-left name), the text around it keeps its own direction."""
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else ""
