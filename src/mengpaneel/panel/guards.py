"""Who else may refuse a write on a panel: the state machines of the apps above.

A live round owns its trios' panels while it runs: its phase decides what may be
placed, revealed, agreed or dissented — on the panel page, on the live page and
through any API to come. The panel app sits below the live app and never imports
it, so the live app registers a guard here when it starts (``LiveConfig.ready``).
Every named write in ``placing`` asks the guards inside its transaction, before it
takes its own row locks; views ask first too (``check`` without a transaction), so
a form sent in the wrong phase hears why instead of what was wrong with the form.

A guard that takes a lock takes it on its own row only, and one every write of
every trio can hold at once (PostgreSQL's ``FOR KEY SHARE``): a guard must never
make one trio's save wait for another's.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mengpaneel.panel.models import Assessment


class Action(StrEnum):
    """The named writes a guard is asked about."""

    PLACE = "place"
    REVEAL = "reveal"
    AGREE = "agree"
    DISSENT = "dissent"


class Refused(Exception):  # noqa: N818 (a domain word)
    """The panel's owner does not allow this write now; ``message`` says why and what next."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


Guard = Callable[["Assessment", Action], None]

_guards: list[Guard] = []


def register(guard: Guard) -> None:
    """Ask ``guard`` before every write on a panel (registering twice asks once)."""
    if guard not in _guards:
        _guards.append(guard)


def check(assessment: Assessment, action: Action) -> None:
    """``Refused`` when a guard forbids ``action`` on ``assessment`` now."""
    for guard in _guards:
        guard(assessment, action)
