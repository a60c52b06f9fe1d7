"""How wide text is, and wrapping it to a width, without the fonts at hand."""

from __future__ import annotations

import functools
import unicodedata

from .look import MAX_LABEL_LINES
from .svg import clean

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


# Cached: wrapping the names of a 200-unit org chart measures some 70,000 characters.
@functools.lru_cache(maxsize=4096)
def _char_em(char: str) -> float:
    if char in _EM:
        return _EM[char]
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F") or ord(char) > 0x1F000:
        return 1.05  # CJK and emoji
    return 0.64


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The estimated width of ``text`` at font size ``size``."""
    return sum(map(_char_em, text)) * size * (BOLD_FACTOR if bold else 1.0)


def wrap(
    text: str, width: float, size: float, max_lines: int = MAX_LABEL_LINES, *, bold: bool = False
) -> list[str]:
    """Greedy word wrap; a word wider than a line is split, and the last line
    ends in an ellipsis when the text does not fit in ``max_lines``."""
    words = clean(text).split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while text_width(word, size, bold=bold) > width:
            cut = len(word)
            while cut > 1 and text_width(word[:cut], size, bold=bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size, bold=bold) > width:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
    return lines
