"""A trio's organisation as an indented outline: one unit a line, children indented.

Tabs, 2 spaces or 4 spaces all work, as long as each line is indented like one of
the lines above it (the way Python reads indentation). A leading bullet (``-``,
``*``, ``•``, ``–``) is dropped, so a list pasted from a document works as it is.
Errors name their line; the caller keeps the text the person typed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_UNITS = 200
MAX_NAME_LENGTH = 150
MAX_ERRORS_SHOWN = 5
_BULLET = re.compile(r"^(?:[-*•–·]\s+)")
_SPACES = re.compile(r"\s+")


@dataclass(eq=False)
class Unit:
    """One unit of the organisation (a line of the outline)."""

    name: str
    line: int  # 1-based, in the text as typed
    depth: int  # 0 for a top unit
    parent: Unit | None = None
    children: list[Unit] = field(default_factory=list)
    key: str = ""

    def ancestors(self) -> Iterator[Unit]:
        """From the parent up to the top."""
        unit = self.parent
        while unit is not None:
            yield unit
            unit = unit.parent

    def top(self) -> Unit:
        unit = self
        while unit.parent is not None:
            unit = unit.parent
        return unit

    def __repr__(self) -> str:
        return f"Unit({self.name!r}, line={self.line})"


@dataclass
class Outline:
    roots: list[Unit]
    units: list[Unit]  # in the order of the text

    def find(self, key: str) -> Unit | None:
        if not key:
            return None
        return next((unit for unit in self.units if unit.key == key), None)

    @property
    def depth(self) -> int:
        """How many levels the chart has (1 for a single unit)."""
        return max((unit.depth for unit in self.units), default=-1) + 1

    def as_text(self) -> str:
        """The outline indented with two spaces a level (what the page shows back)."""
        return "\n".join("  " * unit.depth + unit.name for unit in self.units)


@dataclass(frozen=True)
class LineError:
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class OutlineError(ValueError):
    """What is wrong with an outline: one error per line, at most MAX_ERRORS_SHOWN."""

    def __init__(self, errors: list[LineError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def _describe(indent: str) -> str:
    if "\t" in indent:
        return ngettext("%(n)d tab", "%(n)d tabs", len(indent)) % {"n": len(indent)}
    return ngettext("%(n)d space", "%(n)d spaces", len(indent)) % {"n": len(indent)}


def _key(path: tuple[str, ...], occurrence: int) -> str:
    # Stable while the names above a unit stay the same, so a mark survives adding or
    # moving other lines. Two siblings with one name are told apart by their order.
    text = "\x1f".join(name.casefold() for name in path) + f"\x1e{occurrence}"
    return hashlib.blake2s(text.encode(), digest_size=6).hexdigest()


def parse(text: str) -> Outline:
    """The units of ``text``; raises OutlineError naming the lines that cannot be read."""
    errors: list[LineError] = []
    units: list[Unit] = []
    roots: list[Unit] = []
    # Indents of the open levels, as typed; the first line sets the left margin.
    levels: list[str] = []
    stack: list[Unit] = []
    indent_char = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        name_part = line.lstrip(" \t")
        indent = line[: len(line) - len(name_part)]
        name = _SPACES.sub(" ", _BULLET.sub("", name_part)).strip()
        if not name:
            continue
        if " " in indent and "\t" in indent:
            errors.append(
                LineError(number, _("mixes tabs and spaces. Indent with one or the other."))
            )
            continue
        if indent:
            char = indent[0]
            if indent_char and char != indent_char:
                errors.append(
                    LineError(
                        number,
                        _("is indented with %(this)s, the lines above with %(those)s. Use one.")
                        % {
                            "this": _("tabs") if char == "\t" else _("spaces"),
                            "those": _("tabs") if indent_char == "\t" else _("spaces"),
                        },
                    )
                )
                continue
            indent_char = char
        if len(name) > MAX_NAME_LENGTH:
            errors.append(
                LineError(
                    number,
                    _(
                        "this unit's name has %(length)d characters; at most %(max)d fit. "
                        "Shorten it."
                    )
                    % {"length": len(name), "max": MAX_NAME_LENGTH},
                )
            )
            continue
        # ``levels`` and ``stack`` run in step: the indent and the last unit of each open level.
        if not levels:
            levels, stack = [indent], []
            parent = None
        elif len(indent) > len(levels[-1]):
            parent = stack[-1]
            levels.append(indent)
        else:
            # A line that matches no open level leaves them as they were, so the lines
            # after it are judged against the outline as it stood.
            open_levels = len(levels)
            while open_levels > 1 and len(indent) < len(levels[open_levels - 1]):
                open_levels -= 1
            if indent != levels[open_levels - 1]:
                errors.append(
                    LineError(
                        number,
                        _(
                            "is indented with %(indent)s, which matches none of the lines "
                            "above it. Indent it exactly like the unit it sits beside, or one "
                            "step further than the unit it belongs to."
                        )
                        % {"indent": _describe(indent) if indent else _("nothing")},
                    )
                )
                continue
            del levels[open_levels:]
            del stack[open_levels - 1 :]
            parent = stack[-1] if stack else None
        depth = len(levels) - 1
        unit = Unit(name=name, line=number, depth=depth, parent=parent)
        if parent is None:
            roots.append(unit)
        else:
            parent.children.append(unit)
        units.append(unit)
        stack.append(unit)
        if len(errors) >= MAX_ERRORS_SHOWN:
            break
    if len(units) > MAX_UNITS:
        errors.append(
            LineError(
                None,
                _(
                    "Your outline has %(count)d units; at most %(max)d fit in one chart. "
                    "Leave out the smallest teams, or merge them into their department."
                )
                % {"count": len(units), "max": MAX_UNITS},
            )
        )
    if errors:
        raise OutlineError(errors[:MAX_ERRORS_SHOWN])
    _give_keys(roots, ())
    return Outline(roots=roots, units=units)


def _give_keys(siblings: list[Unit], path: tuple[str, ...]) -> None:
    seen: dict[str, int] = {}
    for unit in siblings:
        folded = unit.name.casefold()
        seen[folded] = seen.get(folded, 0) + 1
        unit_path = (*path, unit.name)
        unit.key = _key(unit_path, seen[folded])
        _give_keys(unit.children, unit_path)


def parse_or_none(text: str) -> Outline | None:
    """The outline of saved text (which was checked when saved), or None if it is empty."""
    if not text.strip():
        return None
    try:
        return parse(text)
    except OutlineError:
        return None
