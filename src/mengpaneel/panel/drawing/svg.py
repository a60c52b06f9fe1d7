"""SVG primitives: cleaning and escaping text, numbers, elements, the ``<svg>`` root.

Everything is drawn with presentation attributes (``fill``, ``font-size`` …),
never a ``style`` attribute or ``<style>`` element: the page's
Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from .look import FONT_STACK, INK, PAPER, STANDALONE_INK

SVG_NS = "http://www.w3.org/2000/svg"

_ID_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Characters XML 1.0 cannot carry at all; user input might still contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NEEDS_ESCAPE = re.compile(r"[&<>\"\n\r\t\x00-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """``text`` without the characters XML cannot carry."""
    return _NOT_XML.sub("", str(text))


def _text_escape(text: str) -> str:
    return escape(clean(text))


def _attr_escape(value: object) -> str:
    # Double quotes delimit our attributes; newlines and tabs would be folded
    # to spaces by an XML parser, so keep them as character references.
    return escape(clean(str(value)), {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def num(value: float) -> str:
    """A coordinate as short text: integers as they are, others to one decimal."""
    if isinstance(value, int):
        return str(value)
    rounded = round(value, 1)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)


@functools.cache
def _attr_name(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


def el(tag: str, content: str | None = None, /, **attrs: object) -> str:
    """One SVG element; attribute names use ``_`` for ``-`` (``stroke_width``).

    A panel is some thousand elements and is drawn on every page view, so
    numbers and plain strings skip the escaping they do not need."""
    parts = [tag]
    for name, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, str):
            text = _attr_escape(value) if _NEEDS_ESCAPE.search(value) else value
        elif isinstance(value, float | int) and not isinstance(value, bool):
            text = num(value)
        else:
            text = _attr_escape(value)
        parts.append(f'{_attr_name(name)}="{text}"')
    head = " ".join(parts)
    if content is None:
        return f"<{head}/>"
    return f"<{head}>{content}</{tag}>"


def text_at(x: float, y: float, text: str, *, size: float, **attrs: object) -> str:
    """A ``<text>``, centred on ``x`` in the ink colour unless told otherwise."""
    attrs.setdefault("fill", INK)
    attrs.setdefault("text_anchor", "middle")
    return el("text", _text_escape(text), x=x, y=y, font_size=size, **attrs)


def text_lines(
    x: float, y: float, lines: Sequence[str], *, size: float, line_height: float, **attrs: object
) -> str:
    """Lines of text; ``y`` is the baseline of the first line."""
    return "".join(
        text_at(x, y + i * line_height, line, size=size, **attrs) for i, line in enumerate(lines)
    )


def check_prefix(id_prefix: str) -> str:
    """``id_prefix`` if it makes valid ids (several drawings share one page)."""
    if not _ID_PREFIX.fullmatch(id_prefix):
        raise ValueError(
            f"id_prefix must be a letter followed by letters, digits, - or _: {id_prefix!r}"
        )
    return id_prefix


def svg_root(
    body: str,
    *,
    width: float,
    height: float,
    title: str,
    desc: str,
    id_prefix: str,
    standalone: bool,
    css_class: str,
) -> str:
    """The ``<svg>`` around ``body``, named by its title and described by ``desc``.

    ``standalone`` makes a file of its own: XML declaration, white background,
    fixed font and ink colour."""
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    attrs: dict[str, object] = {
        "xmlns": SVG_NS,
        "viewBox": f"0 0 {num(width)} {num(height)}",
        "width": width,
        "height": height,
        "class_": css_class,
        "role": "img",
        "aria_labelledby": f"{title_id} {desc_id}",
        "font_family": FONT_STACK if standalone else None,
        "color": STANDALONE_INK if standalone else None,
    }
    background = el("rect", x=0, y=0, width=width, height=height, fill=PAPER) if standalone else ""
    content = (
        el("title", _text_escape(title), id=title_id)
        + el("desc", _text_escape(desc), id=desc_id)
        + background
        + body
    )
    svg = el("svg", content, **attrs)
    if standalone:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"
    return svg
