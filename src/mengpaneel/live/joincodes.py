"""Join codes: short, random, for one live round only, with an end date.

The code is shown on the projector for the whole round, so it is stored as it
is (a hash could not be shown again). It admits a guest to this round and to
nothing else, expires after a few hours, and the organiser can renew or close
it at any moment; see docs/decisions.md.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mengpaneel.live.constants import CODE_ALPHABET, CODE_LENGTH, CODE_VALID_HOURS, ChangeKind
from mengpaneel.live.models import LiveRound


class CodeRejected(Exception):  # noqa: N818 (a domain word: the code was rejected)
    """The code admits nobody; ``message`` says why in words a participant understands."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def generate() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise(raw: str) -> str:
    """What people type: any case, with spaces or a hyphen between the groups."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def find_round(raw: str) -> LiveRound:
    """The running round this code admits to, or ``CodeRejected`` with the reason."""
    code = normalise(raw)
    if not code:
        raise CodeRejected(_("Type the code that is shown on the screen in the room."))
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise CodeRejected(
            _(
                "A code has %(length)s letters and digits, like the one on the screen. "
                "Check it and try again."
            )
            % {"length": CODE_LENGTH}
        )
    live_round = LiveRound.objects.select_related("meeting__edition").filter(code=code).first()
    if live_round is None:
        raise CodeRejected(
            _(
                "This code is not known. Check it against the screen; "
                "the organiser may have renewed it."
            )
        )
    if live_round.is_closed:
        raise CodeRejected(_("This live round has ended. You can no longer join it."))
    if not live_round.code_is_usable:
        raise CodeRejected(_("This code has expired. Ask the organiser for the new code."))
    return live_round


def issue(live_round: LiveRound) -> LiveRound:
    """Give the round a fresh code (the old one stops working at once)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                live_round.code = generate()
                live_round.code_expires_at = timezone.now() + timedelta(hours=CODE_VALID_HOURS)
                live_round.save(update_fields=["code", "code_expires_at"])
            break
        except IntegrityError:  # the same code in another round: draw again
            continue
    else:  # pragma: no cover (25^8 codes; five collisions in a row do not happen)
        raise RuntimeError("Could not draw an unused join code.")
    live_round.record_change(ChangeKind.CODE)
    return live_round


def close(live_round: LiveRound) -> LiveRound:
    """Nobody new can join; those already in stay in."""
    live_round.code = None
    live_round.code_expires_at = None
    live_round.save(update_fields=["code", "code_expires_at"])
    live_round.record_change(ChangeKind.CODE)
    return live_round
