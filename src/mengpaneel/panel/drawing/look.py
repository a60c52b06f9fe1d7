"""How the drawing looks: ink, greys, font and the sizes of its parts.

Neutral greys on top of currentColor, so an inlined panel takes the page's text
colour; the greys keep at least 4.5:1 against white where they carry text.
Meaning is never carried by colour (see the package docstring).
"""

from __future__ import annotations

INK = "currentColor"
MUTED = "#595959"  # secondary text: 7:1 on white
LINE = "#767676"  # ticks and outlines: 4.5:1 on white
STRIP = "#f4f4f4"  # channel strip background, light enough to print as paper
SLOT = "#d6d6d6"
PAPER = "#ffffff"
STANDALONE_INK = "#1b1b1b"
FONT_STACK = "system-ui, 'Noto Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif"

MARGIN = 16
COL_W = 140  # one channel strip; the panel widens with the number of faders
STRIP_PAD = 4
TITLE_FONT, TITLE_LINE = 18, 23
# No text is smaller than 12: the page shows a drawing at its own size (1 unit = 1 CSS px)
# and scrolls it inside its region rather than shrinking it (issue 11, finding 13).
MIN_FONT = 12
POLE_FONT, POLE_LINE = 12, 15
NAME_FONT, NAME_LINE = 13, 16
TICK_FONT = 12
SMALL_FONT = 12
CAP_W, CAP_H = 44, 22
GHOST_W, GHOST_H = 40, 18  # smaller than the cap: it sits "behind" it
DOT_R = 11
MARKER = 8  # half size of an overlay marker
MAX_LABEL_LINES = 3
SLOT_OVERHANG = 12  # the slot runs past the ends of the scale, as on a console
