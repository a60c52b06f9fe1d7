"""How wide text is, and wrapping it to a width, without the fonts at hand."""

from __future__ import annotations

import functools
import re
import unicodedata

import pyphen

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


_MIN_TAIL = 4  # letters carried to the next line after a hyphen, at least (when possible)


@functools.cache
def _hyphenator(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=language)


def _break_points(word: str) -> list[int]:
    """Where ``word`` may be hyphenated, last first, by Dutch rules: a name without an
    English version is shown in Dutch in English too, and English rules would break it
    wrongly ("Bewoner-sproces"); an English name gets syllable breaks that still read."""
    return sorted(_hyphenator("nl_NL").positions(word), reverse=True)


def _hyphenated(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word wider than a line, broken where the language allows it ("Bewoners-",
    "proces"), at its own hyphens first; never inside a syllable. A part that still
    does not fit, and has no break left, stays whole."""
    parts: list[str] = []
    for piece in re.split(r"(?<=-)(?=.)", word):  # "Sociaal-domein": "Sociaal-", "domein"
        if parts and text_width(parts[-1] + piece, size, bold=bold) <= width:
            parts[-1] += piece
            continue
        while text_width(piece, size, bold=bold) > width:
            fitting = [
                (piece[:at], piece[at:])
                for at in _break_points(piece)
                if text_width(piece[:at] + "-", size, bold=bold) <= width
            ]
            if not fitting:
                break
            # The longest part that fits, unless it leaves a stub ("Bewoners-proces",
            # not "Bewonerspro-ces").
            left, right = next((f for f in fitting if len(f[1]) >= _MIN_TAIL), fitting[0])
            parts.append(left + "-")
            piece = right
        parts.append(piece)
    return parts


def wrap(
    text: str, width: float, size: float, max_lines: int = MAX_LABEL_LINES, *, bold: bool = False
) -> list[str]:
    """Greedy word wrap at spaces; a word wider than a line is hyphenated where the
    language allows, and the last line ends in an ellipsis when the text does not
    fit in ``max_lines``."""
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
        *whole_lines, current = _hyphenated(word, width, size, bold)
        lines.extend(whole_lines)
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size, bold=bold) > width:
            last = last[:-1]
        lines = lines[: max_lines - 1] + [last.rstrip() + "…"]
    return lines
