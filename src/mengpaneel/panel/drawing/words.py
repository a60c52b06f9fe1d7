"""The panel in words: positions as text, and the text alternatives of a panel
and of the overlay (also used as the SVGs' ``<desc>``), in the active language."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mengpaneel.text import isolate

from .data import FaderDrawing, MemberMark, PanelDrawing, agreed_by_key
from .svg import clean


def _own(text: str) -> str:
    """People's text in our sentence, isolated: an override in it stays inside it."""
    return isolate(clean(text))


MINUS = "\u2212"


def format_position(value: int) -> str:
    """Show the sign always ("+2", "0", "−1"), so +1 and −1 never look alike."""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"{MINUS}{-value}"
    return "0"


def position_label(value: int | None) -> str:
    """A short reading of an agreed position; unplaced never reads as 0."""
    if value is None:
        return _("not placed yet")
    return _("0, middle") if value == 0 else format_position(value)


def _fader_sentence(fader: FaderDrawing) -> str:
    name = _own(fader.name)
    if fader.agreed is None:
        return _("%(name)s: not placed yet.") % {"name": name}
    if fader.agreed == 0:
        return _("%(name)s: 0, middle: no choice made.") % {"name": name}
    pole = fader.top_label if fader.agreed > 0 else fader.bottom_label
    return _("%(name)s: %(position)s, towards %(pole)s.") % {
        "name": name,
        "position": format_position(fader.agreed),
        "pole": _own(pole),
    }


def _member_phrase(member: MemberMark) -> str:
    if member.position is None:
        return _("%(member)s not placed yet") % {"member": _own(member.label)}
    return f"{_own(member.label)} {format_position(member.position)}"


def text_alternative(panel: PanelDrawing) -> str:
    """The whole panel in words: one sentence per fader, in the active language."""
    sentences = [
        ngettext(
            "Mixing panel of %(title)s with %(count)d fader, from %(low)s at the bottom "
            "to %(high)s at the top.",
            "Mixing panel of %(title)s with %(count)d faders, from %(low)s at the bottom "
            "to %(high)s at the top.",
            len(panel.faders),
        )
        % {
            "title": _own(panel.title),
            "count": len(panel.faders),
            "low": format_position(panel.scale_min),
            "high": format_position(panel.scale_max),
        }
    ]
    for fader in panel.faders:
        sentence = [_fader_sentence(fader)]
        if fader.previous is not None:
            sentence.append(
                _("Earlier: %(position)s.") % {"position": format_position(fader.previous)}
            )
        if fader.members:
            sentence.append(
                _("Members: %(members)s.")
                % {"members": ", ".join(_member_phrase(m) for m in fader.members)}
            )
        if fader.discuss:
            sentence.append(_("Marked to discuss."))
        sentences.append(" ".join(sentence))
    return " ".join(sentences)


def overlay_text(panels: Sequence[PanelDrawing]) -> str:
    """The overlay in words: per fader of the first panel, every panel's position."""
    agreed = agreed_by_key(panels)
    sentences = []
    for fader in panels[0].faders:
        phrases = [
            f"{_own(panel.title)} {position_label(positions.get(fader.key))}"
            for panel, positions in zip(panels, agreed, strict=True)
        ]
        sentences.append(
            _("%(name)s: %(positions)s.")
            % {"name": _own(fader.name), "positions": ", ".join(phrases)}
        )
    return " ".join(sentences)
